package dev.hone.kernel.eval;

import dev.hone.kernel.KernelLog;
import dev.hone.kernel.eval.stop.StopPoints;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Evaluates cells with JShell in the kernel's own JVM, so results are live objects that the
 * display layer can render.
 *
 * <p>A cell is split into snippets (see {@link CellSplitter}); each is evaluated in order, and the
 * first compile error or exception ends the cell. Variables and methods of earlier cells keep
 * their values after an error or an interrupt. {@link #run} must be called on one thread at a
 * time; {@link #gate()} may be used from any thread to interrupt it.
 */
public final class CellEvaluator implements AutoCloseable {

  private static final Set<Snippet.SubKind> VALUE_KINDS =
      Set.of(
          Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND,
          Snippet.SubKind.VAR_VALUE_SUBKIND,
          Snippet.SubKind.OTHER_EXPRESSION_SUBKIND);

  private final UserCodeGate gate = new UserCodeGate();
  private final CellExecutionControl control = new CellExecutionControl(gate);
  private final SourceMap sourceMap = new SourceMap();
  private final Tracebacks tracebacks = new Tracebacks(sourceMap);
  private final JShell shell;
  private final CellSplitter splitter;
  private final CompletionRanking ranking;
  private final TempValues tempValues;

  /**
   * Starts JShell with the kernel's own class path.
   *
   * @param jshellOut where JShell's own messages go (not the cells' output, which is System.out)
   */
  public CellEvaluator(PrintStream jshellOut) {
    shell =
        JShell.builder()
            .executionEngine(control.provider(), java.util.Map.of())
            .fileManager(IndexKeepingFileManager::new)
            .in(new ByteArrayInputStream(new byte[0]))
            .out(jshellOut)
            .err(jshellOut)
            .compilerOptions("-Xlint:none", "-proc:none")
            .build();
    // JShell compiles against java.class.path already, and snippet classes load through a loader
    // whose parent is the application's: adding the entries again only doubled the class path
    // that javac searches for every snippet.
    splitter = new CellSplitter(shell.sourceCodeAnalysis());
    ranking = new CompletionRanking(shell, control::classNamed);
    tempValues = new TempValues(shell, TempValues.keepFromSystemProperty());
  }

  /** Returns the gate that interrupts the running cell. */
  public UserCodeGate gate() {
    return gate;
  }

  /** Adds a jar or folder to the class path of later cells. */
  public void addToClasspath(String path) {
    shell.addToClasspath(path);
  }

  /**
   * Runs the Java code of a cell.
   *
   * @param code the code
   * @param cell the cell's label in tracebacks, e.g. {@code cell [3]}
   * @param firstLine the cell line the code starts on
   * @return the value of the last expression, nothing, or the error
   */
  public CellResult run(String code, String cell, int firstLine) {
    gate.beginCell();
    try {
      return runSnippets(ExitRewriter.rewrite(code), cell, firstLine);
    } finally {
      tempValues.trim();
      gate.endCell();
    }
  }

  private CellResult runSnippets(String code, String cell, int firstLine) {
    List<CellSnippet> snippets = splitter.split(code, firstLine);
    CellResult result = CellResult.empty();
    for (CellSnippet snippet : snippets) {
      if (gate.interruptRequested()) {
        return CellResult.failed(interrupted(null));
      }
      control.takeLastValue();
      List<SnippetEvent> events = shell.eval(snippet.source());
      if (events.isEmpty()) {
        return CellResult.failed(
            tracebacks.compileError(cell, snippet, List.of()));
      }
      SnippetEvent event = events.get(0);
      sourceMap.put(event.snippet().id(), cell, snippet.line());
      if (event.status() == Snippet.Status.REJECTED) {
        List<Diag> diagnostics = shell.diagnostics(event.snippet()).collect(Collectors.toList());
        return CellResult.failed(tracebacks.compileError(cell, snippet, diagnostics));
      }
      tempValues.evaluated(event.snippet());
      Exception exception = firstException(events);
      if (exception != null) {
        if (isStop(exception) || gate.interruptRequested()) {
          return CellResult.failed(interrupted(exception));
        }
        if (isExit(exception)) {
          return CellResult.failed(
              new CellError("SystemExit", exception.getMessage(), List.of(exception.getMessage())));
        }
        return CellResult.failed(tracebacks.exceptionError(exception));
      }
      boolean hasValue = VALUE_KINDS.contains(event.snippet().subKind());
      Object value = control.takeLastValue();
      result = hasValue ? CellResult.value(value) : CellResult.empty();
    }
    if (gate.interruptRequested()) {
      return CellResult.failed(interrupted(null));
    }
    return result;
  }

  private static Exception firstException(List<SnippetEvent> events) {
    for (SnippetEvent event : events) {
      if (event.exception() != null) {
        return event.exception();
      }
    }
    return null;
  }

  private static boolean isStop(Exception e) {
    return e instanceof EvalException eval
        && ("java.lang.ThreadDeath".equals(eval.getExceptionClassName())
            || StopPoints.CellStopped.class.getName().equals(eval.getExceptionClassName()));
  }

  private static boolean isExit(Exception e) {
    return e instanceof EvalException eval
        && eval.getExceptionClassName().equals(ExitTrap.CellExit.class.getName());
  }

  private CellError interrupted(Exception cause) {
    String message = "the cell was interrupted; variables keep their values";
    List<String> lines = new ArrayList<>();
    lines.add("Interrupted: " + message);
    if (cause != null && !isStop(cause)) {
      lines.addAll(tracebacks.exceptionError(cause).traceback());
    }
    return new CellError("Interrupted", message, lines);
  }

  /**
   * Evaluates one expression quietly (for user_expressions) and returns its text, or the error.
   */
  public CellResult evaluateExpression(String expression) {
    return run(expression, "user expression", 1);
  }

  /**
   * Completion candidates for code at a cursor (a UTF-16 index), Hone's names first and Object's
   * plumbing left out (see {@link CompletionRanking}).
   */
  public Completions complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions =
        shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
    Set<String> matches = new LinkedHashSet<>();
    boolean anyMatchingType = suggestions.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
    for (SourceCodeAnalysis.Suggestion s : suggestions) {
      if (!anyMatchingType || s.matchesType()) {
        matches.add(s.continuation());
      }
    }
    return new Completions(ranking.rank(code, anchor[0], List.copyOf(matches)), anchor[0], cursor);
  }

  /** Completion matches and the span of code they replace. */
  public record Completions(List<String> matches, int start, int end) {}

  /** Signatures and javadoc of what is at the cursor (a UTF-16 index); empty if nothing. */
  public List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, true);
    if (docs.isEmpty()) {
      // JShell documents a method when the cursor is inside its argument list; try that too.
      int end = cursor;
      while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
        end++;
      }
      String withParen = code.substring(0, end) + "(";
      docs = analysis.documentation(withParen, withParen.length(), true);
    }
    return docs;
  }

  /**
   * Returns {@code complete}, {@code incomplete} or {@code invalid} for the Java code of a cell.
   */
  public String isComplete(String code) {
    String rest = code;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
      Completeness c = info.completeness();
      switch (c) {
        case DEFINITELY_INCOMPLETE:
        case CONSIDERED_INCOMPLETE:
          return "incomplete";
        case UNKNOWN:
          return "invalid";
        case EMPTY:
          return "complete";
        default:
          rest = info.remaining();
      }
    }
    return "complete";
  }

  /** Evaluates startup code, logging rather than failing on errors. */
  public void runStartup(String name, String code) {
    CellResult result = run(code, name, 1);
    result
        .error()
        .ifPresent(e -> KernelLog.warn("startup " + name + " failed: " + e.ename() + ": " + e.evalue()));
  }

  /** Returns the JShell instance (for magics that need its state). */
  JShell shell() {
    return shell;
  }

  @Override
  public void close() {
    shell.close();
  }
}
