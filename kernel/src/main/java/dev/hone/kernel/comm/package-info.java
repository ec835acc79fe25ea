/**
 * Jupyter comms: long-lived, two-way channels between an object in the kernel and one in the
 * front end, opened from either side ({@code comm_open}, {@code comm_msg}, {@code comm_close},
 * {@code comm_info_request}). Interactive widgets ({@link dev.hone.kernel.widgets}) are built on
 * them.
 */
package dev.hone.kernel.comm;
