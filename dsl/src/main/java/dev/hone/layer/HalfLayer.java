package dev.hone.layer;

import dev.hone.quant.HalfFloats;
import dev.hone.quant.Precision;
import java.util.Arrays;
import java.util.Objects;

/**
 * A layer with 16-bit float weights, IEEE half precision ({@code FP16}: 5 exponent bits, 10
 * mantissa bits) or bfloat16 ({@code BF16}: float32's 8 exponent bits, 7 mantissa bits), and a
 * float32 bias. Weights are rounded to nearest, ties to even; zeros stay zero.
 *
 * <pre>{@code
 * HalfLayer h = HalfLayer.of(dense, Precision.FP16);
 * h.storedBytes();   // 2 per weight, 4 per bias
 * }</pre>
 */
public final class HalfLayer implements Layer {

  private final Precision precision;
  private final int inputs;
  private final int outputs;
  private final short[] bits;
  private final float[] bias;

  private HalfLayer(Precision precision, int inputs, int outputs, short[] bits, float[] bias) {
    this.precision = precision;
    this.inputs = inputs;
    this.outputs = outputs;
    this.bits = bits;
    this.bias = bias;
  }

  /**
   * Rounds a layer's weights to 16 bits.
   *
   * @param layer any layer
   * @param precision {@code FP16} or {@code BF16}
   * @return the layer
   * @throws IllegalArgumentException for another precision, or a weight beyond FP16's range
   *     (65504)
   */
  public static HalfLayer of(Layer layer, Precision precision) {
    Objects.requireNonNull(layer, "layer");
    checkPrecision(precision);
    float[] w = layer.weights();
    short[] b = precision == Precision.FP16 ? HalfFloats.toHalf(w) : HalfFloats.toBFloat16(w);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == (short) 0x8000) {
        b[i] = 0; // -0 (tiny negatives underflow to it) is stored as the zero it equals
      }
      if (Float.isInfinite(decode(precision, b[i]))) {
        throw new IllegalArgumentException("weight (" + i / layer.outputs() + ", "
            + i % layer.outputs() + ") is " + w[i] + ", beyond the range of " + precision);
      }
    }
    return new HalfLayer(precision, layer.inputs(), layer.outputs(), b, layer.biases());
  }

  /**
   * Rebuilds a layer from its stored bits (the file reader uses this).
   *
   * @param precision {@code FP16} or {@code BF16}
   * @param inputs rows of the weight
   * @param outputs columns of the weight
   * @param bits one 16-bit pattern per weight, row-major
   * @param bias one float per output
   * @return the layer
   * @throws IllegalArgumentException when the parts do not fit or a weight is not finite
   */
  public static HalfLayer fromBits(Precision precision, int inputs, int outputs, short[] bits,
      float[] bias) {
    checkPrecision(precision);
    LayerChecks.shape(inputs, outputs);
    if (bits.length != (long) inputs * outputs) {
      throw new IllegalArgumentException("a " + inputs + " x " + outputs + " layer needs "
          + (long) inputs * outputs + " weights, was " + bits.length);
    }
    HalfLayer l = new HalfLayer(precision, inputs, outputs, bits.clone(), bias.clone());
    LayerChecks.finite(l.weights(), "weight");
    LayerChecks.bias(bias, outputs);
    return l;
  }

  private static void checkPrecision(Precision precision) {
    if (precision != Precision.FP16 && precision != Precision.BF16) {
      throw new IllegalArgumentException("a half layer holds FP16 or BF16 weights, not "
          + precision);
    }
  }

  private static float decode(Precision p, short b) {
    return p == Precision.FP16 ? HalfFloats.fromHalf(b) : HalfFloats.fromBFloat16(b);
  }

  /** Returns {@code FP16} or {@code BF16}. */
  public Precision precision() {
    return precision;
  }

  /** Returns a copy of the 16-bit patterns, row-major. */
  public short[] bits() {
    return bits.clone();
  }

  @Override
  public int inputs() {
    return inputs;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  @Override
  public float[] weights() {
    return precision == Precision.FP16 ? HalfFloats.fromHalf(bits)
        : HalfFloats.fromBFloat16(bits);
  }

  @Override
  public float[] biases() {
    return bias.clone();
  }

  @Override
  public String encoding() {
    return precision == Precision.FP16 ? "fp16" : "bf16";
  }

  /** Returns whether a bitmap of non-zero weights plus their bits is smaller than all bits. */
  public boolean storedSparse() {
    return Int8Layer.sparseBytes(weightCount(), nonZeroWeights(), 2) < 2 * weightCount();
  }

  @Override
  public long storedBytes() {
    return Math.min(2 * weightCount(), Int8Layer.sparseBytes(weightCount(), nonZeroWeights(), 2))
        + 4L * outputs;
  }

  /** Returns the mask of non-zero weights (bit {@code i % 64} of word {@code i / 64}). */
  public long[] nonZeroMaskWords() {
    long[] words = new long[(bits.length + 63) / 64];
    for (int i = 0; i < bits.length; i++) {
      if ((bits[i] & 0x7FFF) != 0) {
        words[i >>> 6] |= 1L << i;
      }
    }
    return words;
  }

  @Override
  public long nonZeroWeights() {
    long n = 0;
    for (short b : bits) {
      if ((b & 0x7FFF) != 0) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HalfLayer h && h.precision == precision && h.inputs == inputs
        && h.outputs == outputs && Arrays.equals(h.bits, bits) && Arrays.equals(h.bias, bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(precision, inputs, outputs, Arrays.hashCode(bits));
  }

  @Override
  public String toString() {
    return "HalfLayer[" + inputs + " -> " + outputs + ", " + precision + "]";
  }
}
