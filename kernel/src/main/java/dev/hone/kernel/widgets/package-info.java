/**
 * Interactive widgets for notebooks ({@link dev.hone.kernel.widgets.Widgets}): sliders, a
 * drop-down, an output area and a column, with observers in Java, synced with the browser over
 * Jupyter comms.
 */
package dev.hone.kernel.widgets;
