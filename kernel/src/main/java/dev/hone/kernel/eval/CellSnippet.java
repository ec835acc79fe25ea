package dev.hone.kernel.eval;

/**
 * One complete snippet of a cell, with where it starts in the cell.
 *
 * @param source the snippet's code, without leading blank space (JShell numbers lines from the
 *     first character it is given, and loses count when that is a newline)
 * @param line the cell line (from 1) the snippet's first character is on
 * @param complete whether JShell considers the snippet complete
 */
record CellSnippet(String source, int line, boolean complete) {}
