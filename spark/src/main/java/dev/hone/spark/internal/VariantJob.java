package dev.hone.spark.internal;

import dev.hone.quant.Precision;
import java.io.Serializable;

/**
 * One variant of a sweep as its task receives it.
 *
 * @param index the variant's position in the sweep
 * @param prune share of weights to prune after training
 * @param precision FP32 for none, or the precision to quantize to
 * @param batchSize training batch size
 * @param learningRate base learning rate
 * @param failFirstAttempt throw on the task's first attempt (to show Spark's retry)
 */
public record VariantJob(int index, double prune, Precision precision, int batchSize,
    double learningRate, boolean failFirstAttempt) implements Serializable {

  private static final long serialVersionUID = 1L;
}
