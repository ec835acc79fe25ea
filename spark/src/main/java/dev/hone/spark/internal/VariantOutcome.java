package dev.hone.spark.internal;

import java.io.Serializable;

/**
 * What one variant's task measured, or the error that stopped it.
 *
 * @param index the variant's position in the sweep
 * @param error why it failed ({@code null} when it succeeded)
 * @param accuracy test accuracy
 * @param loss test loss
 * @param parameters dense parameter count
 * @param nonZero parameters that are not zero
 * @param sparsity share of zero weights
 * @param fileBytes bytes of the {@code .hone} file
 * @param ratio dense float32 bytes over file bytes
 * @param p50Micros median batch-1 latency
 * @param p99Micros 99th percentile batch-1 latency
 * @param samplesPerSecond batched throughput
 * @param runtime the batch-1 runtime
 * @param provenance the model's provenance
 * @param trainSeconds seconds spent training
 * @param taskSeconds seconds the whole task took
 * @param attempt the task attempt that produced this (0 for the first)
 * @param executor the executor's id
 * @param model the model's {@code .hone} bytes ({@code null} when it failed)
 */
public record VariantOutcome(int index, String error, double accuracy, double loss,
    long parameters, long nonZero, double sparsity, long fileBytes, double ratio,
    double p50Micros, double p99Micros, double samplesPerSecond, String runtime,
    String provenance, double trainSeconds, double taskSeconds, int attempt, String executor,
    byte[] model) implements Serializable {

  private static final long serialVersionUID = 1L;

  static VariantOutcome failed(int index, String error, double taskSeconds, int attempt,
      String executor) {
    return new VariantOutcome(index, error, Double.NaN, Double.NaN, 0, 0, Double.NaN, 0,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", "", Double.NaN, taskSeconds,
        attempt, executor, null);
  }
}
