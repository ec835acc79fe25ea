package dev.hone.spark;

import dev.hone.quant.Precision;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One point of a sweep: how to train (batch size, learning rate) and how to compress (prune
 * amount, precision) one model. Ranges are checked where the model is made, by Hone's own verbs
 * on the executor, so an invalid variant fails alone: its row in the {@link SparkSweepResult} holds
 * the error, and the other variants still run.
 *
 * <pre>{@code
 * Variant v = new Variant(0.5, Precision.INT8, 64, 1e-3);   // prune 50%, INT8, batch 64, lr 1e-3
 * }</pre>
 *
 * @param prune share of weights pruned after training, in [0, 1); 0 leaves the model dense
 * @param precision the stored precision: {@code FP32} keeps float weights, others quantize
 * @param batchSize rows per training step
 * @param learningRate the optimizer's base learning rate
 */
public record Variant(double prune, Precision precision, int batchSize, double learningRate)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the precision is named. */
  public Variant {
    Objects.requireNonNull(precision, "precision (use Precision.FP32 for no quantization)");
  }

  /** Returns a short name such as {@code prune=0.5 INT8 b=64 lr=0.001}. */
  public String name() {
    return String.format(Locale.ROOT, "prune=%s %s b=%d lr=%s", trim(prune), precision,
        batchSize, trim(learningRate));
  }

  private static String trim(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v)
        : Double.toString(v);
  }
}
