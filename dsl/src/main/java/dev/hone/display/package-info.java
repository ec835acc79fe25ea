/**
 * How Hone values show themselves: {@link dev.hone.display.Displayable} MIME bundles that the
 * kernel renders, and small helpers to build HTML tables and PNG images for them.
 */
package dev.hone.display;
