package dev.hone.train.internal;

import ai.djl.ndarray.NDManager;
import dev.hone.runtime.internal.NativeMlp;

/**
 * Runs after every optimizer step, with grad mode off: where compression holds its constraints
 * during training (pruned weights stay zero, shared weights stay shared).
 */
public interface StepHook {

  /** A hook that does nothing. */
  StepHook NONE = new StepHook() {};

  /**
   * Called once before the first step.
   *
   * @param mlp the parameters being trained
   * @param root owns anything the hook creates on the engine; closed when the run ends
   * @param stepsPerEpoch batches per epoch
   */
  default void start(NativeMlp mlp, NDManager root, int stepsPerEpoch) {}

  /**
   * Called after optimizer step {@code step} (counted from 1) has changed the parameters.
   *
   * @param mlp the parameters, to change in place
   * @param step steps done so far
   */
  default void afterStep(NativeMlp mlp, long step) {}
}
