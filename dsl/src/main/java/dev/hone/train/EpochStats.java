package dev.hone.train;

/**
 * The figures of one finished epoch.
 *
 * <p>Validation figures are {@code NaN} when the run has no validation split.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss mean training loss over the epoch's batches
 * @param trainAccuracy share of training rows classified correctly during the epoch
 * @param validationLoss mean loss on the validation rows after the epoch
 * @param validationAccuracy accuracy on the validation rows after the epoch
 * @param learningRate the learning rate at the epoch's last batch
 * @param seconds wall time of the epoch (training and validation)
 * @param samplesPerSecond training rows per second of training time
 * @param sparsity share of weights that are exactly zero after the epoch
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    double learningRate,
    double seconds,
    double samplesPerSecond,
    double sparsity) {

  /** Returns whether this epoch has validation figures. */
  public boolean hasValidation() {
    return !Double.isNaN(validationLoss);
  }
}
