/**
 * How Hone values show themselves: {@link dev.hone.display.Displayable} MIME bundles that the
 * kernel renders, drawn in one place each: {@link dev.hone.display.HtmlTable} for every table,
 * {@link dev.hone.display.Charts} for the one chart style (white plot, light grid, no border,
 * the Tableau 10 palette), {@link dev.hone.display.Figures} for how numbers are written, and
 * {@link dev.hone.display.Images} for PNG encoding.
 */
package dev.hone.display;
