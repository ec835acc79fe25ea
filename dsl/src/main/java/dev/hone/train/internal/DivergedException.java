package dev.hone.train.internal;

import dev.hone.layer.Dense;
import dev.hone.train.History;
import java.util.List;

/**
 * Thrown by the trainer when the loss turns NaN or infinite; the model layer turns it into the
 * public {@code TrainingDivergedException} with a model value built from {@link #lastGood()}.
 */
public final class DivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int batch;
  private final transient List<Dense> lastGood;
  private final transient History history;

  DivergedException(String message, int epoch, int batch, List<Dense> lastGood,
      History history) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
    this.lastGood = List.copyOf(lastGood);
    this.history = history;
  }

  /** Returns the epoch, from 1. */
  public int epoch() {
    return epoch;
  }

  /** Returns the batch within the epoch, from 1. */
  public int batch() {
    return batch;
  }

  /** Returns the last weights that gave a finite loss. */
  public List<Dense> lastGood() {
    return lastGood;
  }

  /** Returns the history up to the divergence, with stop reason {@code DIVERGED}. */
  public History history() {
    return history;
  }
}
