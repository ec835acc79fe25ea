/** How widgets talk to the front end: the protocol version and its message shapes. */
package dev.hone.kernel.widgets.internal;
