/**
 * Standard input for cells: {@code System.in} and {@code Notebook.input(prompt)} ask the notebook
 * for a line with Jupyter's {@code input_request}, when the client allows it.
 */
package dev.hone.kernel.input;
