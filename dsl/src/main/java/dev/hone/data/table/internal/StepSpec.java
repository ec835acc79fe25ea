package dev.hone.data.table.internal;

/** A pipeline step before fitting: it learns what it needs from the training frame. */
public interface StepSpec {

  /** Returns how the step shows in reports, such as {@code impute(median)}. */
  String name();

  /**
   * Learns the step's statistics from the training frame (not changing it).
   *
   * @param train the frame as the previous steps left it
   * @return the fitted step
   */
  FittedStep fit(Frame train);
}
