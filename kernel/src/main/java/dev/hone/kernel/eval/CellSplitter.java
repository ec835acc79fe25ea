package dev.hone.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Splits a cell into JShell snippets and remembers the cell line each one starts on, so errors can
 * point at the line in the cell rather than at a snippet id.
 */
final class CellSplitter {

  private final SourceCodeAnalysis analysis;

  CellSplitter(SourceCodeAnalysis analysis) {
    this.analysis = analysis;
  }

  /**
   * Returns the snippets of {@code code}, in order.
   *
   * @param code the Java part of a cell
   * @param firstLine the cell line {@code code} starts on (a magic may come before it)
   */
  List<CellSnippet> split(String code, int firstLine) {
    List<CellSnippet> snippets = new ArrayList<>();
    String rest = code;
    int offset = 0;
    while (true) {
      int skip = leadingBlank(rest);
      offset += skip;
      rest = rest.substring(skip);
      if (rest.isEmpty()) {
        return snippets;
      }
      int line = firstLine + count(code, offset);
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness completeness = info.completeness();
      if (completeness == Completeness.EMPTY) {
        return snippets;
      }
      if (!completeness.isComplete() || info.source() == null) {
        // Incomplete or unparsable: hand the rest to JShell whole so its diagnostics say why.
        snippets.add(new CellSnippet(rest.stripTrailing(), line, false));
        return snippets;
      }
      snippets.add(new CellSnippet(info.source(), line, true));
      int consumed = rest.length() - info.remaining().length();
      offset += consumed;
      rest = info.remaining();
    }
  }

  private static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int count(String s, int end) {
    int lines = 0;
    for (int i = 0; i < end; i++) {
      if (s.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
