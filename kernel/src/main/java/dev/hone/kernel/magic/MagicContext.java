package dev.hone.kernel.magic;

import dev.hone.kernel.display.DisplaySink;
import dev.hone.kernel.eval.CellEvaluator;
import dev.hone.kernel.eval.CellResult;

/**
 * What a magic may use: the evaluator, the notebook display, and a way to run code as a cell
 * (with magics of its own) so that {@code %%time} can time a whole cell.
 *
 * @param evaluator the JShell evaluator of this kernel
 * @param display where displays go
 * @param runner runs code with magics, as a cell
 * @param cell the label of the running cell in tracebacks
 */
public record MagicContext(
    CellEvaluator evaluator, DisplaySink display, CellRunner runner, String cell) {

  /** Runs code with magics, the way a cell runs. */
  @FunctionalInterface
  public interface CellRunner {
    /**
     * @param code code, possibly with line magics
     * @param firstLine the cell line it starts on
     * @return the result of its last step
     */
    CellResult run(String code, int firstLine);
  }
}
