package dev.hone.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Formats compile errors and exceptions with lines of the cell instead of JShell snippet ids.
 */
final class Tracebacks {

  private static final String RED = "\u001b[0;31m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final SourceMap sourceMap;

  Tracebacks(SourceMap sourceMap) {
    this.sourceMap = sourceMap;
  }

  /** Returns the error for compile diagnostics of a snippet of the cell labelled {@code cell}. */
  CellError compileError(String cell, CellSnippet snippet, List<Diag> diagnostics) {
    List<String> lines = new ArrayList<>();
    String first = null;
    for (Diag diag : diagnostics) {
      if (!diag.isError()) {
        continue;
      }
      // JShell wraps snippets in a nameless class; "location: class " names nothing useful.
      String message = diag.getMessage(Locale.ROOT).replaceAll("\\n\\s*location: class\\s*$", "");
      long position = Math.max(0, diag.getStartPosition());
      int lineInSnippet = lineOf(snippet.source(), (int) Math.min(position, snippet.source().length()));
      int cellLine = snippet.line() + lineInSnippet - 1;
      if (first == null) {
        first = message.lines().findFirst().orElse(message) + " (" + cell + ", line " + cellLine + ")";
      }
      lines.add(RED + BOLD + cell + ", line " + cellLine + ": " + RESET + message);
      String text = lineText(snippet.source(), lineInSnippet);
      lines.add("    " + text);
      int column = columnOf(snippet.source(), (int) Math.min(position, snippet.source().length()));
      lines.add("    " + " ".repeat(Math.max(0, column)) + "^");
    }
    if (first == null) {
      first = "the cell does not compile (" + cell + ", line " + snippet.line() + ")";
      lines.add(first);
    }
    return new CellError("CompilationError", first, lines);
  }

  /** Returns the error for an exception thrown by a snippet. */
  CellError exceptionError(Exception exception) {
    if (exception instanceof UnresolvedReferenceException unresolved) {
      String message =
          "this uses "
              + unresolved.getSnippet().source().lines().findFirst().orElse("a declaration")
              + ", which cannot run until what it refers to is declared";
      return new CellError("UnresolvedReference", message, List.of(message));
    }
    String ename = className(exception);
    String evalue = exception.getMessage() == null ? "" : exception.getMessage();
    List<String> lines = new ArrayList<>();
    Throwable current = exception;
    boolean cause = false;
    while (current != null) {
      String name = className(current);
      String message = current.getMessage();
      lines.add(
          RED + BOLD + (cause ? "Caused by: " : "") + name + RESET
              + (message == null ? "" : ": " + message));
      for (StackTraceElement frame : current.getStackTrace()) {
        lines.add("    at " + frameText(frame));
      }
      current = current.getCause();
      cause = true;
    }
    return new CellError(ename, evalue, lines);
  }

  private String frameText(StackTraceElement frame) {
    String file = frame.getFileName();
    if (file != null && file.startsWith("#")) {
      String place = sourceMap.place(file.substring(1), frame.getLineNumber());
      String method = frame.getMethodName();
      String where = method.isEmpty() ? "the cell" : method;
      return where + " (" + (place == null ? "snippet " + file : place) + ")";
    }
    return frame.toString();
  }

  static String className(Throwable t) {
    if (t instanceof EvalException eval) {
      return eval.getExceptionClassName();
    }
    return t.getClass().getName();
  }

  private static int lineOf(String s, int position) {
    int line = 1;
    for (int i = 0; i < position; i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int columnOf(String s, int position) {
    int lineStart = s.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
    if (position == 0) {
      lineStart = 0;
    }
    return position - lineStart;
  }

  private static String lineText(String s, int line) {
    return s.lines().skip(line - 1L).findFirst().orElse("");
  }
}
