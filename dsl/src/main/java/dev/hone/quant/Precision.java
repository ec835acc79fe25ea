package dev.hone.quant;

import java.util.Locale;

/**
 * The number format a model's weights are stored and run in. {@link #INT8} follows ONNX's
 * {@code QuantizeLinear}/{@code DequantizeLinear}; {@link #FP16} is IEEE binary16 and
 * {@link #BF16} is bfloat16, both converted by {@link HalfFloats}.
 *
 * <pre>{@code
 * Precision p = Precision.parse("int8");   // INT8
 * p.bits();                                // 8
 * }</pre>
 */
public enum Precision {
  /** IEEE binary32, the training format. */
  FP32(32),
  /** IEEE binary16: 5 exponent bits, 10 mantissa bits, largest finite value 65504. */
  FP16(16),
  /** bfloat16: the top 16 bits of a binary32, float32's range with 8 mantissa bits. */
  BF16(16),
  /** 8-bit integers with a scale and a zero point per tensor or per channel. */
  INT8(8);

  private final int bits;

  Precision(int bits) {
    this.bits = bits;
  }

  /**
   * Bits per stored value.
   *
   * <pre>{@code
   * Precision.FP16.bits();   // 16
   * }</pre>
   *
   * @return 32, 16, 16 or 8
   */
  public int bits() {
    return bits;
  }

  /**
   * Reads a precision by name, ignoring case and surrounding blanks.
   *
   * <pre>{@code
   * Precision.parse("BF16");   // BF16
   * Precision.parse("int4");   // IllegalArgumentException: unknown precision 'int4'; ...
   * }</pre>
   *
   * @param name {@code fp32}, {@code fp16}, {@code bf16} or {@code int8}, in any case
   * @return the precision
   * @throws IllegalArgumentException naming the value and the accepted names when none matches
   */
  public static Precision parse(String name) {
    if (name != null) {
      String key = name.strip().toUpperCase(Locale.ROOT);
      for (Precision p : values()) {
        if (p.name().equals(key)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("unknown precision " + (name == null ? "null" : "'" + name
        + "'") + "; expected one of fp32, fp16, bf16, int8");
  }

}
