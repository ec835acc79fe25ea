/**
 * How values look in a notebook: the renderer registry (Tablesaw tables, XChart charts, anything
 * {@link dev.hone.display.Displayable}), the {@link dev.hone.kernel.display.Notebook} calls cells
 * use ({@code display(x)}), and the live training display.
 */
package dev.hone.kernel.display;
