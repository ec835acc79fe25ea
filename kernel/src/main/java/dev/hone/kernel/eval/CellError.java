package dev.hone.kernel.eval;

import java.util.List;

/**
 * A failed cell as Jupyter shows it: an error name, a value and a traceback of lines.
 *
 * @param ename the exception class, {@code CompilationError} or {@code Interrupted}
 * @param evalue the message
 * @param traceback lines to show, pointing at lines of the cell
 */
public record CellError(String ename, String evalue, List<String> traceback) {

  public CellError {
    traceback = List.copyOf(traceback);
  }
}
