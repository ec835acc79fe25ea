package dev.hone.kernel;

import dev.hone.kernel.display.Renderers;
import dev.hone.kernel.eval.CellEvaluator;
import dev.hone.kernel.eval.CellResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs what a kernel session runs first, so that a JVM started with {@code
 * -XX:ArchiveClassesAtExit} records the classes a session needs: JShell and its compiler, the
 * startup imports, a chart and a table drawn by the renderers.
 *
 * <p>{@code kernel/install.sh} runs it through {@code hone-kernel --warm-up} and writes the archive
 * next to the kernel's jar; the launcher then starts the kernel with {@code -XX:SharedArchiveFile},
 * which loads those classes already parsed and verified instead of reading them from the jars.
 */
final class ClassArchiveWarmUp {

  /** Cells like a user's first ones: values, declarations, a chart, a table, a failure. */
  static final List<String> CELLS =
      List.of(
          "1 + 1",
          "int warmUp = 3;",
          "String.format(\"%d items\", warmUp)",
          "var xs = new double[] {0, 1, 2};\n"
              + "var chart = new XYChartBuilder().width(160).height(120).title(\"warm-up\").build();\n"
              + "chart.addSeries(\"s\", xs, xs);\n"
              + "chart",
          "Table.create(\"t\", DoubleColumn.create(\"x\", xs))",
          "warmUp.noSuchMethod()",
          "Integer.parseInt(\"x\")");

  private ClassArchiveWarmUp() {}

  /** Runs the warm-up; returns the number of cells that failed although they should not. */
  static int run() {
    try (CellEvaluator evaluator = new CellEvaluator(new PrintStream(OutputStream.nullOutputStream()))) {
      Startup.runBuiltIn(evaluator);
      int unexpected = 0;
      for (int i = 0; i < CELLS.size(); i++) {
        CellResult result = evaluator.run(CELLS.get(i), "warm-up [" + (i + 1) + "]", 1);
        boolean meantToFail = i >= CELLS.size() - 2;
        if (result.ok() == meantToFail) {
          unexpected++;
          KernelLog.warn("warm-up cell " + (i + 1) + " " + (result.ok() ? "ran" : "failed") + " unexpectedly");
        }
        if (result.ok() && result.hasValue()) {
          Renderers.render(result.value());
        }
      }
      evaluator.complete("Str", 3);
      evaluator.isComplete("int x = ");
      return unexpected;
    }
  }
}
