package dev.hone.layer;

import dev.hone.quant.Granularity;
import dev.hone.quant.QuantParams;
import dev.hone.quant.QuantizedWeights;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A layer with 8-bit integer weights: int8 values with a scale and zero point per output channel
 * (or one for the whole tensor), and a float32 bias. A weight reads as
 * {@code (q - zeroPoint) * scale}; a weight that was zero (pruned) is exactly zero again.
 *
 * <p>A <em>static</em> layer also carries the scale and zero point of its input, measured on
 * calibration data; a <em>dynamic</em> layer quantizes its input at run time, row batch by row
 * batch, from the batch's own range.
 *
 * <p>Stored bytes: one per weight (or, when at least one weight in eight is zero, a bitmap plus
 * one byte per non-zero weight), four per scale, one per zero point, four per bias.
 *
 * <pre>{@code
 * Int8Layer first = (Int8Layer) model.quantize(INT8).layers().get(0);
 * first.quantized().scale(0);   // scale of output channel 0
 * first.isStatic();             // false: inputs are quantized at run time
 * }</pre>
 */
public final class Int8Layer implements Layer {

  private final QuantizedWeights weights;
  private final float[] bias;
  private final QuantParams input;

  /**
   * Makes a layer from quantized weights, a bias, and (for static quantization) the input's
   * quantization parameters.
   *
   * @param weights the int8 weights, {@code [inputs, outputs]} row-major
   * @param bias one float per output
   * @param input the input's scale and zero point, or null for dynamic quantization
   * @throws IllegalArgumentException when the bias does not fit or is not finite
   */
  public Int8Layer(QuantizedWeights weights, float[] bias, QuantParams input) {
    Objects.requireNonNull(weights, "weights");
    LayerChecks.shape(weights.inputs(), weights.outputs());
    if (weights.values().length != (long) weights.inputs() * weights.outputs()) {
      throw new IllegalArgumentException("an int8 " + weights.inputs() + " x "
          + weights.outputs() + " layer needs " + (long) weights.inputs() * weights.outputs()
          + " values, was " + weights.values().length);
    }
    LayerChecks.bias(bias, weights.outputs());
    if (weights.unsigned()) {
      throw new IllegalArgumentException("an int8 layer holds signed int8 weights (what ONNX's"
          + " integer kernels take); requantize uint8 weights with QuantizedWeights.int8");
    }
    if (input != null && (input.qmin() != 0 || input.qmax() != 255)) {
      throw new IllegalArgumentException("a static int8 layer quantizes its input to uint8"
          + " [0, 255], not [" + input.qmin() + ", " + input.qmax() + "]; use"
          + " QuantParams.asymmetricUint8");
    }
    this.weights = copy(weights);
    this.bias = bias.clone();
    this.input = input;
  }

  private static QuantizedWeights copy(QuantizedWeights w) {
    return new QuantizedWeights(w.inputs(), w.outputs(), w.values().clone(), w.scales().clone(),
        w.zeroPoints().clone(), w.granularity(), w.unsigned());
  }

  /** Returns a copy of the quantized weights (values, scales and zero points). */
  public QuantizedWeights quantized() {
    return copy(weights);
  }

  /** Returns the input's scale and zero point for a static layer, empty for a dynamic one. */
  public Optional<QuantParams> inputParams() {
    return Optional.ofNullable(input);
  }

  /** Returns whether the input's range was fixed by calibration (static quantization). */
  public boolean isStatic() {
    return input != null;
  }

  /** Returns the number of scales: {@code outputs} per channel, 1 per tensor. */
  public int channels() {
    return weights.granularity() == Granularity.PER_CHANNEL ? weights.outputs() : 1;
  }

  @Override
  public int inputs() {
    return weights.inputs();
  }

  @Override
  public int outputs() {
    return weights.outputs();
  }

  @Override
  public float[] weights() {
    return weights.dequantize();
  }

  @Override
  public float[] biases() {
    return bias.clone();
  }

  @Override
  public String encoding() {
    return "int8";
  }

  /** Returns whether a bitmap of non-zero weights plus their bytes is smaller than all bytes. */
  public boolean storedSparse() {
    return sparseBytes(weightCount(), nonZeroWeights(), 1) < weightCount();
  }

  static long sparseBytes(long weights, long nonZero, int bytesEach) {
    return (weights + 7) / 8 + nonZero * bytesEach;
  }

  @Override
  public long storedBytes() {
    long values = Math.min(weightCount(), sparseBytes(weightCount(), nonZeroWeights(), 1));
    return values + 5L * channels() + 4L * outputs() + (input == null ? 0 : 8);
  }

  /** Returns the mask of non-zero weights (bit {@code i % 64} of word {@code i / 64}). */
  public long[] nonZeroMaskWords() {
    byte[] q = weights.values();
    int outputs = weights.outputs();
    long[] words = new long[(q.length + 63) / 64];
    for (int i = 0; i < q.length; i++) {
      if (q[i] != weights.zeroPoint(i % outputs)) {
        words[i >>> 6] |= 1L << i;
      }
    }
    return words;
  }

  @Override
  public long nonZeroWeights() {
    byte[] q = weights.values();
    int outputs = weights.outputs();
    long n = 0;
    for (int i = 0; i < q.length; i++) {
      if (q[i] != weights.zeroPoint(i % outputs)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Int8Layer l && Arrays.equals(l.weights.values(), weights.values())
        && Arrays.equals(l.weights.scales(), weights.scales())
        && Arrays.equals(l.weights.zeroPoints(), weights.zeroPoints())
        && l.weights.granularity() == weights.granularity() && l.inputs() == inputs()
        && Arrays.equals(l.bias, bias) && Objects.equals(l.input, input);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs(), outputs(), Arrays.hashCode(weights.values()), input);
  }

  @Override
  public String toString() {
    return "Int8Layer[" + inputs() + " -> " + outputs() + ", "
        + (channels() == 1 ? "per tensor" : "per channel") + ", "
        + (isStatic() ? "static" : "dynamic") + "]";
  }
}
