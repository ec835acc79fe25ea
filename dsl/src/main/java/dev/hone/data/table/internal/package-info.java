/**
 * Implementation of {@link dev.hone.data.table}: the working frame, the pipeline steps and their
 * JSON form, the CSV and JSON readers. Nothing here is public API; it may change without notice.
 */
package dev.hone.data.table.internal;
