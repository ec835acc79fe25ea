/**
 * Implementation of {@link dev.hone.data}: file readers and other details users never import.
 * Nothing here is public API; it may change without notice.
 */
package dev.hone.data.internal;
