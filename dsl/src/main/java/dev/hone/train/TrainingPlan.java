package dev.hone.train;

/**
 * What a training run is about to do, given to {@link TrainingListener#onStart}.
 *
 * @param model the model being trained, as its provenance text
 * @param epochs planned epochs (early stopping may end sooner)
 * @param batchesPerEpoch batches in one epoch
 * @param trainSamples rows trained on per epoch
 * @param validationSamples rows held out for validation, 0 when none
 */
public record TrainingPlan(
    String model, int epochs, int batchesPerEpoch, int trainSamples, int validationSamples) {}
