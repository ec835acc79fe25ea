package dev.hone.layer;

import java.util.Arrays;
import java.util.Objects;

/**
 * A pruned layer: a bitmask over the weight (1 = kept) and the kept weights' values in row-major
 * order, plus the dense bias. Pruned weights are zero by construction and stay zero through
 * fine-tuning, because the mask travels with the layer.
 *
 * <p>Stored bytes: {@code ceil(inputs * outputs / 8)} for the mask, 4 per kept weight and 4 per
 * bias. At 90% sparsity that is 0.525 bytes per weight against 4 for {@link Dense}.
 *
 * <pre>{@code
 * SparseLayer s = SparseLayer.of(dense, keep);   // keep[i] says whether weight i survives
 * s.sparsity();                                  // share of pruned weights
 * }</pre>
 */
public final class SparseLayer implements Layer {

  private final int inputs;
  private final int outputs;
  private final long[] mask;
  private final float[] values;
  private final float[] bias;

  private SparseLayer(int inputs, int outputs, long[] mask, float[] values, float[] bias) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.mask = mask;
    this.values = values;
    this.bias = bias;
  }

  /**
   * Prunes a layer: keeps the weights whose {@code keep} entry is true and zeroes the rest.
   *
   * @param layer the layer to prune, any encoding
   * @param keep one entry per weight, row-major
   * @return the sparse layer
   * @throws IllegalArgumentException when {@code keep} has the wrong length
   */
  public static SparseLayer of(Layer layer, boolean[] keep) {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(keep, "keep");
    if (keep.length != layer.weightCount()) {
      throw new IllegalArgumentException("a mask for a " + layer.inputs() + " x "
          + layer.outputs() + " layer needs " + layer.weightCount() + " entries, was "
          + keep.length);
    }
    // Any layer is valid by construction, so its values need no second check.
    float[] w = layer.weights();
    long[] bits = new long[(keep.length + 63) / 64];
    int kept = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        bits[i >>> 6] |= 1L << i;
        kept++;
      }
    }
    float[] vals = new float[kept];
    int k = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        vals[k++] = w[i];
      }
    }
    return new SparseLayer(layer.inputs(), layer.outputs(), bits, vals, layer.biases());
  }

  /**
   * Rebuilds a sparse layer from its stored parts (the file reader uses this).
   *
   * @param inputs rows of the weight
   * @param outputs columns of the weight
   * @param maskWords the mask, bit {@code i % 64} of word {@code i / 64} for weight {@code i}
   * @param values the kept weights, row-major, one per set bit
   * @param bias {@code outputs} values
   * @return the layer
   * @throws IllegalArgumentException when the parts do not fit together
   */
  public static SparseLayer fromParts(int inputs, int outputs, long[] maskWords, float[] values,
      float[] bias) {
    LayerChecks.shape(inputs, outputs);
    long[] bits = Masks.check(maskWords.clone(), inputs, outputs, values.length, "values");
    LayerChecks.finite(values, "kept weight");
    LayerChecks.bias(bias, outputs);
    return new SparseLayer(inputs, outputs, bits, values.clone(), bias.clone());
  }

  @Override
  public int inputs() {
    return inputs;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  /**
   * Returns whether weight {@code index} (row-major) is kept.
   *
   * @param index from 0 to {@code weightCount() - 1}
   * @return true when kept, false when pruned
   */
  public boolean kept(int index) {
    Objects.checkIndex(index, inputs * outputs);
    return Masks.kept(mask, index);
  }

  /** Returns the mask as 1 (kept) and 0 (pruned) floats, row-major. */
  public float[] maskValues() {
    return Masks.values(mask, inputs * outputs);
  }

  /** Returns a copy of the mask words (bit {@code i % 64} of word {@code i / 64}). */
  public long[] maskWords() {
    return mask.clone();
  }

  /** Returns a copy of the kept weights' values, row-major. */
  public float[] keptValues() {
    return values.clone();
  }

  /** Returns the number of kept weights (some may have become zero by training). */
  public int keptCount() {
    return values.length;
  }

  /**
   * Returns a layer with the same mask and new values; the values at pruned positions must be 0.
   *
   * @param dense new weights, row-major, zero where the mask prunes
   * @param newBias the bias
   * @return the layer
   * @throws IllegalArgumentException when a pruned position is not zero
   */
  public SparseLayer withWeights(float[] dense, float[] newBias) {
    LayerChecks.weights(dense, inputs, outputs);
    LayerChecks.bias(newBias, outputs);
    float[] vals = new float[values.length];
    int k = 0;
    for (int i = 0; i < dense.length; i++) {
      if (Masks.kept(mask, i)) {
        vals[k++] = dense[i];
      } else if (dense[i] != 0f) {
        throw new IllegalArgumentException("weight (" + i / outputs + ", " + i % outputs
            + ") is pruned but was given " + dense[i] + "; pruned weights must stay 0");
      }
    }
    return new SparseLayer(inputs, outputs, mask, vals, newBias.clone());
  }

  @Override
  public float[] weights() {
    float[] w = new float[inputs * outputs];
    int k = 0;
    for (int i = 0; i < w.length; i++) {
      if (Masks.kept(mask, i)) {
        w[i] = values[k++];
      }
    }
    return w;
  }

  @Override
  public float[] biases() {
    return bias.clone();
  }

  @Override
  public String encoding() {
    return "sparse";
  }

  @Override
  public long storedBytes() {
    return (weightCount() + 7) / 8 + 4L * values.length + 4L * outputs;
  }

  @Override
  public long nonZeroWeights() {
    return Layer.countNonZero(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseLayer s && s.inputs == inputs && s.outputs == outputs
        && Arrays.equals(s.mask, mask) && Arrays.equals(s.values, values)
        && Arrays.equals(s.bias, bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs, outputs, Arrays.hashCode(mask), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "SparseLayer[%d -> %d, %.1f%% sparse]", inputs,
        outputs, 100 * sparsity());
  }
}
