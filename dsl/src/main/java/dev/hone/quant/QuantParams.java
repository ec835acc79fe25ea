package dev.hone.quant;

/**
 * The scale and zero point that map one tensor, or one channel of it, to integers in
 * {@code [qmin, qmax]}, as ONNX's {@code QuantizeLinear} and {@code DequantizeLinear} do:
 *
 * <pre>{@code
 * q = clamp(round_half_to_even(x / scale) + zeroPoint, qmin, qmax)
 * x ~ (q - zeroPoint) * scale
 * }</pre>
 *
 * <p><b>Symmetric</b> ({@link #symmetricInt8}): {@code zeroPoint = 0}, {@code [qmin, qmax] =
 * [-127, 127]} and {@code scale = max|x| / 127}. The range leaves out -128 so that the range is
 * symmetric and {@code -q} never overflows, ONNX Runtime's convention for int8 weights.
 *
 * <p><b>Asymmetric</b> ({@link #asymmetricUint8}, {@link #asymmetricInt8}): the observed range is
 * first widened to include zero, {@code min' = min(min, 0)} and {@code max' = max(max, 0)}; then
 * {@code scale = (max' - min') / (qmax - qmin)} with {@code qmax - qmin = 255}, and
 * {@code zeroPoint = clamp(round_half_to_even(qmin - min' / scale), qmin, qmax)}: {@code [0, 255]}
 * for uint8 (ONNX {@code DynamicQuantizeLinear}), {@code [-128, 127]} for int8.
 *
 * <p><b>Per tensor or per channel</b>: the same formulas, with {@code max|x|}, {@code min} and
 * {@code max} taken over the whole tensor or over one channel; {@link QuantizedWeights} holds one
 * such pair per tensor or per output column.
 *
 * <p>Because the zero point is an integer in range, real 0 quantizes to {@code zeroPoint} and
 * dequantizes to exactly {@code 0.0f} in every scheme. An all-zero range gets {@code scale = 1}.
 *
 * <pre>{@code
 * QuantParams p = QuantParams.symmetricInt8(2.54f);   // scale 0.02, zero point 0
 * int q = p.quantize(1.0f);                          // 50
 * float x = p.dequantize(q);                         // 1.0f
 * }</pre>
 *
 * @param scale the step between adjacent integers, finite and {@code > 0}
 * @param zeroPoint the integer that stands for real 0, in {@code [qmin, qmax]}
 * @param qmin the smallest integer
 * @param qmax the largest integer, {@code > qmin}
 */
public record QuantParams(float scale, int zeroPoint, int qmin, int qmax) {

  /**
   * Checks the parameters.
   *
   * <pre>{@code
   * new QuantParams(0.1f, 128, 0, 255);   // uint8 with zero in the middle
   * }</pre>
   *
   * @throws IllegalArgumentException when the scale is not a finite positive number, the range is
   *     empty or the zero point lies outside it
   */
  public QuantParams {
    if (!(scale > 0) || !Float.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and > 0, was " + scale);
    }
    if (qmin >= qmax) {
      throw new IllegalArgumentException("qmin must be < qmax, was [" + qmin + ", " + qmax + "]");
    }
    if (zeroPoint < qmin || zeroPoint > qmax) {
      throw new IllegalArgumentException("zero point must lie in [" + qmin + ", " + qmax
          + "], was " + zeroPoint);
    }
  }

  /**
   * Symmetric int8: zero point 0, integers {@code [-127, 127]}, {@code scale = maxAbs / 127}.
   *
   * <pre>{@code
   * QuantParams.symmetricInt8(1.27f).scale();   // 0.01f
   * QuantParams.symmetricInt8(0f).scale();      // 1f: an all-zero tensor still quantizes
   * }</pre>
   *
   * @param maxAbs the largest magnitude to represent, finite and {@code >= 0}
   * @return the parameters
   * @throws IllegalArgumentException when {@code maxAbs} is negative, NaN or infinite
   */
  public static QuantParams symmetricInt8(float maxAbs) {
    if (!(maxAbs >= 0) || !Float.isFinite(maxAbs)) {
      throw new IllegalArgumentException("maxAbs must be finite and >= 0, was " + maxAbs);
    }
    return new QuantParams(scaleFor(maxAbs, 127), 0, -127, 127);
  }

  /**
   * Asymmetric uint8 over {@code [min, max]} widened to include 0: integers {@code [0, 255]},
   * {@code scale = (max' - min') / 255}, {@code zeroPoint = round(-min' / scale)}.
   *
   * <pre>{@code
   * QuantParams p = QuantParams.asymmetricUint8(-1f, 3f);   // scale 4/255, zero point 64
   * QuantParams.asymmetricUint8(0f, 6f).zeroPoint();        // 0: ReLU outputs use all 256 steps
   * }</pre>
   *
   * @param min the smallest value to represent, finite
   * @param max the largest value to represent, finite, {@code >= min}
   * @return the parameters
   * @throws IllegalArgumentException when a bound is not finite or {@code min > max}
   */
  public static QuantParams asymmetricUint8(float min, float max) {
    return asymmetric(min, max, 0, 255);
  }

  /**
   * Asymmetric int8 over {@code [min, max]} widened to include 0: integers {@code [-128, 127]},
   * {@code scale = (max' - min') / 255}, {@code zeroPoint = round(-128 - min' / scale)}.
   *
   * <pre>{@code
   * QuantParams p = QuantParams.asymmetricInt8(-1f, 3f);   // scale 4/255, zero point -64
   * }</pre>
   *
   * @param min the smallest value to represent, finite
   * @param max the largest value to represent, finite, {@code >= min}
   * @return the parameters
   * @throws IllegalArgumentException when a bound is not finite or {@code min > max}
   */
  public static QuantParams asymmetricInt8(float min, float max) {
    return asymmetric(min, max, -128, 127);
  }

  /**
   * Maps a real value to its integer: {@code clamp(rint(x / scale) + zeroPoint, qmin, qmax)}. The
   * division is in float, as ONNX Runtime's kernels do it, so ties round alike; values outside
   * the range, infinities included, saturate.
   *
   * <pre>{@code
   * QuantParams p = new QuantParams(1f, 0, -127, 127);
   * p.quantize(2.5f);    // 2: ties go to the even integer
   * p.quantize(1e9f);    // 127: saturates
   * }</pre>
   *
   * @param x the value, not NaN
   * @return an integer in {@code [qmin, qmax]}
   * @throws IllegalArgumentException when {@code x} is NaN
   */
  public int quantize(float x) {
    if (Float.isNaN(x)) {
      throw new IllegalArgumentException("cannot quantize NaN");
    }
    double q = Math.rint(x / scale) + zeroPoint;
    return (int) Math.max(qmin, Math.min(qmax, q));
  }

  /**
   * Maps an integer back to the real value it stands for: {@code (q - zeroPoint) * scale}.
   *
   * <pre>{@code
   * QuantParams.asymmetricUint8(-1f, 3f).dequantize(64);   // 0.0f exactly
   * }</pre>
   *
   * @param q the integer; values outside {@code [qmin, qmax]} are not checked
   * @return the real value
   */
  public float dequantize(int q) {
    return (q - zeroPoint) * scale;
  }

  private static QuantParams asymmetric(float min, float max, int qmin, int qmax) {
    if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
      throw new IllegalArgumentException("need finite min <= max, was [" + min + ", " + max + "]");
    }
    // widened to include 0 so that real zero (padding, pruned weights, ReLU) is exact
    double lo = Math.min(min, 0.0);
    double hi = Math.max(max, 0.0);
    float scale = scaleFor(hi - lo, qmax - qmin);
    double zeroPoint = Math.rint(qmin - lo / scale);
    return new QuantParams(scale, (int) Math.max(qmin, Math.min(qmax, zeroPoint)), qmin, qmax);
  }

  /** {@code span / steps}, or 1 for an empty span; never 0, so every scale divides. */
  private static float scaleFor(double span, int steps) {
    if (span == 0) {
      return 1f;
    }
    float scale = (float) (span / steps);
    // a span of a few subnormals would underflow to 0; the smallest float keeps it representable
    return scale > 0 ? scale : Float.MIN_VALUE;
  }
}
