package dev.hone.train;

/**
 * One finished batch, given to {@link TrainingListener#onBatch}.
 *
 * @param epoch the epoch, from 1
 * @param batch the batch within the epoch, from 1
 * @param batchesPerEpoch batches in one epoch
 * @param loss this batch's mean training loss (noisy; plot it)
 * @param epochLoss the mean loss over the epoch's batches so far (smooth; print it)
 * @param learningRate the learning rate used for this batch
 */
public record BatchProgress(
    int epoch, int batch, int batchesPerEpoch, double loss, double epochLoss,
    double learningRate) {}
