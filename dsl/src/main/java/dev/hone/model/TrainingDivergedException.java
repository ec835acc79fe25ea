package dev.hone.model;

import java.util.Objects;

/**
 * Training stopped because the loss turned NaN or infinite. The model reached before that batch
 * is kept, so the work is not lost.
 *
 * <pre>{@code
 * try {
 *   spec.train(data, Train.epochs(5).sgd(1e6));
 * } catch (TrainingDivergedException e) {
 *   TrainedModel lastGood = e.lastGoodModel();
 * }
 * }</pre>
 */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Network lastGoodModel;
  private final int epoch;
  private final int batch;

  /**
   * Makes the exception.
   *
   * @param message says where and what to try
   * @param epoch the epoch, from 1
   * @param batch the batch within the epoch, from 1
   * @param lastGoodModel the model with the last weights that gave a finite loss
   */
  public TrainingDivergedException(String message, int epoch, int batch,
      Network lastGoodModel) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
    this.lastGoodModel = Objects.requireNonNull(lastGoodModel, "lastGoodModel");
  }

  /** Returns the epoch (from 1) whose batch gave a non-finite loss. */
  public int epoch() {
    return epoch;
  }

  /** Returns the batch (from 1) within that epoch. */
  public int batch() {
    return batch;
  }

  /** Returns the model with the last weights that gave a finite loss. */
  public Network lastGoodModel() {
    return lastGoodModel;
  }
}
