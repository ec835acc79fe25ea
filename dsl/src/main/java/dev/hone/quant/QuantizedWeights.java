package dev.hone.quant;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A weight matrix of shape {@code [inputs, outputs]} stored as 8-bit integers with one scale and
 * zero point per tensor or per output channel, in the layout of ONNX's
 * {@code DequantizeLinear(values, scales, zeroPoints, axis=1)}. Immutable: the arrays are copied
 * in and out.
 *
 * <p>Entry {@code (i, j)} is at {@code i * outputs + j}; a <em>channel</em> is an output column
 * {@code j}, the axis along which ONNX Runtime's {@code MatMulInteger} and
 * {@code QLinearMatMul} accept per-channel weight scales. With {@code c = j} per channel and
 * {@code c = 0} per tensor:
 *
 * <pre>{@code
 * q(i, j) = clamp(round_half_to_even(w(i, j) / scale[c]) + zeroPoint[c], qmin, qmax)
 * w(i, j) ~ (q(i, j) - zeroPoint[c]) * scale[c]
 * }</pre>
 *
 * <ul>
 *   <li><b>Symmetric</b>: {@code scale[c] = max|w| / 127} over the tensor or column {@code c},
 *       {@code zeroPoint[c] = 0}, {@code [qmin, qmax] = [-127, 127]};
 *   <li><b>Asymmetric</b>: with {@code min'} and {@code max'} the tensor's or column's extremes
 *       widened to include 0, {@code scale[c] = (max' - min') / 255} and
 *       {@code zeroPoint[c] = clamp(round_half_to_even(-128 - min' / scale[c]), -128, 127)},
 *       {@code [qmin, qmax] = [-128, 127]}.
 * </ul>
 *
 * <p>{@link #int8} stores both schemes as <em>signed</em> int8 ({@code unsigned() == false}):
 * ONNX Runtime's integer kernels take int8 or uint8 weights, and one signed type keeps a single
 * code path and the symmetric case's zero point at 0. The record still accepts uint8 values
 * ({@code unsigned = true}, each byte read as {@code b & 0xFF}) for weights quantized elsewhere.
 *
 * <p>A weight that is exactly 0, a pruned one for instance, quantizes to the zero point and
 * dequantizes to exactly {@code 0.0f} in every scheme, so sparsity survives quantization.
 *
 * <pre>{@code
 * QuantizedWeights q = QuantizedWeights.int8(layer.weights(), layer.inputs(), layer.outputs(),
 *     Granularity.PER_CHANNEL, Symmetry.SYMMETRIC);
 * float[] approx = q.dequantize();   // within q.scale(j) / 2 of each weight in column j
 * }</pre>
 *
 * @param inputs rows, {@code > 0}
 * @param outputs columns, that is channels, {@code > 0}
 * @param values {@code inputs * outputs} quantized values, row-major
 * @param scales one positive finite scale per tensor (length 1) or per output (length
 *     {@code outputs})
 * @param zeroPoints one zero point per scale, in the storage type's range
 * @param granularity whether there is one scale or one per output
 * @param unsigned whether the bytes hold uint8 ({@code [0, 255]}) rather than int8
 */
public record QuantizedWeights(int inputs, int outputs, byte[] values, float[] scales,
    int[] zeroPoints, Granularity granularity, boolean unsigned) {

  /**
   * Checks and copies the parts.
   *
   * <pre>{@code
   * new QuantizedWeights(1, 2, new byte[] {127, -127}, new float[] {0.5f}, new int[] {0},
   *     Granularity.PER_TENSOR, false);   // the weights {63.5, -63.5}
   * }</pre>
   *
   * @throws IllegalArgumentException when a size does not match the shape, a scale is not a
   *     finite positive number or a zero point lies outside the storage type's range
   */
  public QuantizedWeights {
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "weights need inputs > 0 and outputs > 0, was " + inputs + " x " + outputs);
    }
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(scales, "scales");
    Objects.requireNonNull(zeroPoints, "zeroPoints");
    Objects.requireNonNull(granularity, "granularity");
    if (values.length != (long) inputs * outputs) {
      throw new IllegalArgumentException("values of a " + inputs + " x " + outputs + " matrix need "
          + (long) inputs * outputs + " entries, was " + values.length);
    }
    int channels = granularity == Granularity.PER_TENSOR ? 1 : outputs;
    if (scales.length != channels || zeroPoints.length != channels) {
      throw new IllegalArgumentException(granularity + " quantization of " + outputs
          + " outputs needs " + channels + " scales and zero points, was " + scales.length
          + " and " + zeroPoints.length);
    }
    int lo = unsigned ? 0 : -128;
    int hi = unsigned ? 255 : 127;
    for (int c = 0; c < channels; c++) {
      if (!(scales[c] > 0) || !Float.isFinite(scales[c])) {
        throw new IllegalArgumentException(
            "scale " + c + " must be finite and > 0, was " + scales[c]);
      }
      if (zeroPoints[c] < lo || zeroPoints[c] > hi) {
        throw new IllegalArgumentException("zero point " + c + " must lie in [" + lo + ", " + hi
            + "] for " + (unsigned ? "uint8" : "int8") + ", was " + zeroPoints[c]);
      }
    }
    values = values.clone();
    scales = scales.clone();
    zeroPoints = zeroPoints.clone();
  }

  /**
   * Quantizes a float weight matrix to int8 with the formulas in the class comment.
   *
   * <pre>{@code
   * float[] w = {0.5f, -4f, 1f, 2f};   // 2 x 2: column 0 is {0.5, 1}, column 1 is {-4, 2}
   * QuantizedWeights q = QuantizedWeights.int8(w, 2, 2,
   *     Granularity.PER_CHANNEL, Symmetry.SYMMETRIC);
   * q.scale(0);   // 1/127
   * q.scale(1);   // 4/127
   * }</pre>
   *
   * @param weights {@code inputs * outputs} finite values, row-major; not modified
   * @param inputs rows, {@code > 0}
   * @param outputs columns, {@code > 0}
   * @param granularity one scale for the matrix or one per output column
   * @param symmetry zero point 0 and {@code [-127, 127]}, or a zero point that fits the range
   *     into {@code [-128, 127]}
   * @return the quantized matrix, signed int8 in both schemes
   * @throws IllegalArgumentException when the length does not match the shape (both named) or a
   *     weight is NaN or infinite (the first one named by index and value)
   */
  public static QuantizedWeights int8(float[] weights, int inputs, int outputs,
      Granularity granularity, Symmetry symmetry) {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(symmetry, "symmetry");
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "weights need inputs > 0 and outputs > 0, was " + inputs + " x " + outputs);
    }
    if (weights.length != (long) inputs * outputs) {
      throw new IllegalArgumentException("weights of a " + inputs + " x " + outputs
          + " matrix need " + (long) inputs * outputs + " values, was " + weights.length);
    }
    for (int k = 0; k < weights.length; k++) {
      if (!Float.isFinite(weights[k])) {
        throw new IllegalArgumentException("weight " + k + " (input " + k / outputs + ", output "
            + k % outputs + ") is " + weights[k] + "; quantization needs finite weights");
      }
    }
    int channels = granularity == Granularity.PER_TENSOR ? 1 : outputs;
    float[] min = new float[channels];
    float[] max = new float[channels];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int k = 0; k < weights.length; k++) {
      int c = channels == 1 ? 0 : k % outputs;
      min[c] = Math.min(min[c], weights[k]);
      max[c] = Math.max(max[c], weights[k]);
    }
    QuantParams[] params = new QuantParams[channels];
    float[] scales = new float[channels];
    int[] zeroPoints = new int[channels];
    for (int c = 0; c < channels; c++) {
      params[c] = symmetry == Symmetry.SYMMETRIC
          ? QuantParams.symmetricInt8(Math.max(Math.abs(min[c]), Math.abs(max[c])))
          : QuantParams.asymmetricInt8(min[c], max[c]);
      scales[c] = params[c].scale();
      zeroPoints[c] = params[c].zeroPoint();
    }
    byte[] values = new byte[weights.length];
    for (int k = 0; k < weights.length; k++) {
      values[k] = (byte) params[channels == 1 ? 0 : k % outputs].quantize(weights[k]);
    }
    return new QuantizedWeights(inputs, outputs, values, scales, zeroPoints, granularity, false);
  }

  /**
   * The dense float matrix these integers stand for, {@code (q - zeroPoint) * scale}, as ONNX's
   * {@code DequantizeLinear} computes it.
   *
   * <pre>{@code
   * float[] approx = q.dequantize();   // inputs * outputs values, row-major
   * }</pre>
   *
   * @return a new array of {@code inputs * outputs} floats
   */
  public float[] dequantize() {
    float[] out = new float[values.length];
    for (int k = 0; k < values.length; k++) {
      int c = scales.length == 1 ? 0 : k % outputs;
      out[k] = (value(values[k]) - zeroPoints[c]) * scales[c];
    }
    return out;
  }

  /**
   * One dequantized weight.
   *
   * <pre>{@code
   * float w = q.dequantize(0, 5);   // input 0 to output 5
   * }</pre>
   *
   * @param input the row
   * @param output the column
   * @return {@code (q - zeroPoint) * scale} for that entry
   */
  public float dequantize(int input, int output) {
    int c = channel(output);
    return (value(input, output) - zeroPoints[c]) * scales[c];
  }

  /**
   * One stored integer, read as int8 or uint8 according to {@link #unsigned()}.
   *
   * <pre>{@code
   * int q0 = q.value(0, 0);   // in [-128, 127] for int8
   * }</pre>
   *
   * @param input the row
   * @param output the column
   * @return the integer
   */
  public int value(int input, int output) {
    Objects.checkIndex(input, inputs);
    Objects.checkIndex(output, outputs);
    return value(values[input * outputs + output]);
  }

  /**
   * The scale of an output channel; per tensor, the one scale for every channel.
   *
   * <pre>{@code
   * float s = q.scale(3);
   * }</pre>
   *
   * @param channel an output column, {@code 0 <= channel < outputs}
   * @return its scale
   */
  public float scale(int channel) {
    return scales[channel(channel)];
  }

  /**
   * The zero point of an output channel; per tensor, the one zero point for every channel.
   *
   * <pre>{@code
   * int z = q.zeroPoint(3);   // 0 for symmetric weights
   * }</pre>
   *
   * @param channel an output column, {@code 0 <= channel < outputs}
   * @return its zero point
   */
  public int zeroPoint(int channel) {
    return zeroPoints[channel(channel)];
  }

  /**
   * How many scales there are: 1 per tensor, {@code outputs} per channel.
   *
   * <pre>{@code
   * q.channels();   // the length of the ONNX scale initializer
   * }</pre>
   *
   * @return the number of scales and zero points
   */
  public int channels() {
    return scales.length;
  }

  /**
   * A read-only view of the quantized values, row-major, without a copy (for export).
   *
   * <pre>{@code
   * ByteBuffer raw = q.valueBuffer();   // inputs * outputs bytes
   * }</pre>
   *
   * @return the bytes
   */
  public ByteBuffer valueBuffer() {
    return ByteBuffer.wrap(values).asReadOnlyBuffer();
  }

  /**
   * A copy of the quantized values, row-major.
   *
   * <pre>{@code
   * byte[] raw = q.values();
   * }</pre>
   *
   * @return a new array
   */
  @Override
  public byte[] values() {
    return values.clone();
  }

  /**
   * A copy of the scales: one per tensor or one per output.
   *
   * <pre>{@code
   * float[] s = q.scales();
   * }</pre>
   *
   * @return a new array
   */
  @Override
  public float[] scales() {
    return scales.clone();
  }

  /**
   * A copy of the zero points: one per tensor or one per output.
   *
   * <pre>{@code
   * int[] z = q.zeroPoints();
   * }</pre>
   *
   * @return a new array
   */
  @Override
  public int[] zeroPoints() {
    return zeroPoints.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantizedWeights q && q.inputs == inputs && q.outputs == outputs
        && q.granularity == granularity && q.unsigned == unsigned
        && Arrays.equals(q.values, values) && Arrays.equals(q.scales, scales)
        && Arrays.equals(q.zeroPoints, zeroPoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs, outputs, granularity, unsigned, Arrays.hashCode(values),
        Arrays.hashCode(scales), Arrays.hashCode(zeroPoints));
  }

  @Override
  public String toString() {
    return "QuantizedWeights[" + inputs + " x " + outputs + ", " + (unsigned ? "uint8" : "int8")
        + ", " + granularity + ", " + scales.length + (scales.length == 1 ? " scale]" : " scales]");
  }

  private int channel(int output) {
    Objects.checkIndex(output, outputs);
    return scales.length == 1 ? 0 : output;
  }

  private int value(byte b) {
    return unsigned ? b & 0xFF : b;
  }
}
