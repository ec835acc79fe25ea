package dev.hone.quant;

/**
 * The interval of real values a tensor is quantized over, as a {@link Calibration} found it.
 *
 * <pre>{@code
 * Range r = Calibration.minMax().range(activations);
 * QuantParams p = r.asymmetricUint8();
 * }</pre>
 *
 * @param min the lower end, finite
 * @param max the upper end, finite, {@code >= min}
 */
public record Range(float min, float max) {

  /**
   * Checks the ends.
   *
   * <pre>{@code
   * new Range(0f, 6f);   // a ReLU6 output
   * }</pre>
   *
   * @throws IllegalArgumentException when an end is NaN or infinite, or {@code min > max}
   */
  public Range {
    if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
      throw new IllegalArgumentException(
          "a range needs finite min <= max, was [" + min + ", " + max + "]");
    }
  }

  /**
   * The larger magnitude of the two ends, what symmetric quantization divides by 127.
   *
   * <pre>{@code
   * new Range(-3f, 2f).maxAbs();   // 3f
   * }</pre>
   *
   * @return {@code max(|min|, |max|)}
   */
  public float maxAbs() {
    return Math.max(Math.abs(min), Math.abs(max));
  }

  /**
   * Symmetric int8 parameters for this range, {@link QuantParams#symmetricInt8(float)} of
   * {@link #maxAbs()}.
   *
   * <pre>{@code
   * new Range(-3f, 2f).symmetricInt8().scale();   // 3/127
   * }</pre>
   *
   * @return the parameters
   */
  public QuantParams symmetricInt8() {
    return QuantParams.symmetricInt8(maxAbs());
  }

  /**
   * Asymmetric uint8 parameters for this range, {@link QuantParams#asymmetricUint8(float, float)},
   * ONNX Runtime's usual choice for activations.
   *
   * <pre>{@code
   * new Range(0f, 6f).asymmetricUint8().zeroPoint();   // 0
   * }</pre>
   *
   * @return the parameters
   */
  public QuantParams asymmetricUint8() {
    return QuantParams.asymmetricUint8(min, max);
  }

  /**
   * Asymmetric int8 parameters for this range, {@link QuantParams#asymmetricInt8(float, float)}.
   *
   * <pre>{@code
   * new Range(0f, 6f).asymmetricInt8().zeroPoint();   // -128
   * }</pre>
   *
   * @return the parameters
   */
  public QuantParams asymmetricInt8() {
    return QuantParams.asymmetricInt8(min, max);
  }
}
