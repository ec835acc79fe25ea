package dev.hone.train.internal;

import dev.hone.train.BatchProgress;
import dev.hone.train.EpochStats;
import java.util.Locale;

/**
 * One epoch's running training loss, accuracy and time, as every Hone trainer reports them: the
 * batch progress a listener sees, the epoch's statistics, and the note an interrupt leaves.
 *
 * <pre>{@code
 * EpochMeter meter = new EpochMeter();
 * meter.add(batchLoss, hits, rows);
 * listener.onBatch(meter.progress(epoch + 1, b + 1, batches, batchLoss, lr));
 * }</pre>
 */
public final class EpochMeter {

  private final long started = System.nanoTime();
  private double lossSum;
  private long correct;
  private int seen;

  /** Starts the clock for an epoch. */
  public EpochMeter() {}

  /**
   * Counts one batch.
   *
   * @param meanLoss the batch's mean loss
   * @param hits rows classified right
   * @param rows rows in the batch
   */
  public void add(double meanLoss, long hits, int rows) {
    lossSum += meanLoss * rows;
    correct += hits;
    seen += rows;
  }

  /** Returns whether a batch has been counted. */
  public boolean any() {
    return seen > 0;
  }

  /** Returns the seconds since the epoch started. */
  public double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  /**
   * Returns the progress of a batch just counted, with the epoch's running mean loss.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based batch
   * @param batches batches per epoch
   * @param batchLoss the batch's mean loss
   * @param lr the learning rate it was trained with
   * @return the progress
   */
  public BatchProgress progress(int epoch, int batch, int batches, float batchLoss, double lr) {
    return new BatchProgress(epoch, batch, batches, batchLoss, lossSum / seen, lr);
  }

  /**
   * Returns the epoch's statistics.
   *
   * @param epoch 1-based epoch
   * @param validationLoss NaN without validation
   * @param validationAccuracy NaN without validation
   * @param lr the last learning rate
   * @param seconds the epoch's whole time, validation included
   * @param trainSeconds the time spent training, for samples/s
   * @param sparsity the weights' sparsity after the epoch
   * @return the statistics
   */
  public EpochStats stats(int epoch, double validationLoss, double validationAccuracy, double lr,
      double seconds, double trainSeconds, double sparsity) {
    return new EpochStats(epoch, lossSum / seen, (double) correct / seen, validationLoss,
        validationAccuracy, lr, seconds, seen / trainSeconds, sparsity);
  }

  /**
   * Returns what an interrupt before batch {@code batch} leaves in the history.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based batch that did not run
   * @param batches batches per epoch
   * @return the note
   */
  public static String interruptedNote(int epoch, int batch, int batches) {
    return String.format(Locale.ROOT, "interrupted at epoch %d, batch %d of %d; the model keeps"
        + " the weights after batch %d", epoch, batch, batches, batch - 1);
  }
}
