package dev.hone.kernel.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for every JShell snippet id, the cell and line it came from, so stack frames such as
 * {@code #12:3} become {@code cell [4], line 7}.
 */
final class SourceMap {

  /** Where a snippet starts: the cell's label and the cell line of its first character. */
  record Origin(String cell, int line) {}

  private final Map<String, Origin> origins = new ConcurrentHashMap<>();

  void put(String snippetId, String cell, int line) {
    origins.put(snippetId, new Origin(cell, line));
  }

  /**
   * Returns the place in a cell of line {@code snippetLine} (from 1) of snippet {@code id}, or null
   * when the snippet is unknown (startup code, user expressions).
   */
  String place(String snippetId, int snippetLine) {
    Origin origin = origins.get(snippetId);
    if (origin == null) {
      return null;
    }
    return origin.cell() + ", line " + (origin.line() + Math.max(snippetLine, 1) - 1);
  }
}
