package dev.hone.quant;

import java.util.Objects;

/**
 * Conversions between {@code float} and the two 16-bit formats, bit-exact with IEEE 754 and with
 * ONNX Runtime's {@code Cast}: round to nearest, ties to even. Java 17 has no
 * {@code Float.floatToFloat16}, so the rounding is done here on the raw bits.
 *
 * <p>IEEE binary16 ({@link Precision#FP16}): 1 sign, 5 exponent, 10 mantissa bits; largest finite
 * value 65504, values from 65520 up round to infinity, subnormals down to {@code 2^-24}.
 * bfloat16 ({@link Precision#BF16}): the top 16 bits of a binary32, so float32's range with 8
 * significant bits. A NaN stays a NaN in both (its payload's top bits kept, quiet bit set).
 *
 * <pre>{@code
 * short h = HalfFloats.toHalf(1.0f);        // 0x3C00
 * float f = HalfFloats.fromHalf(h);         // 1.0f
 * short b = HalfFloats.toBFloat16(1.0f);    // 0x3F80
 * }</pre>
 */
public final class HalfFloats {

  private HalfFloats() {}

  /**
   * Rounds a float to the nearest IEEE binary16, ties to even.
   *
   * <pre>{@code
   * HalfFloats.toHalf(65504f);   // 0x7BFF, the largest half
   * HalfFloats.toHalf(65520f);   // 0x7C00, +Inf
   * }</pre>
   *
   * @param f any float
   * @return the half's bits
   */
  public static short toHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xFF;
    int mantissa = bits & 0x7F_FFFF;
    if (exponent == 0xFF) {
      // Infinity, or NaN: keep the payload's top bits and set the quiet bit so it cannot become Inf
      return (short) (mantissa == 0 ? sign | 0x7C00 : sign | 0x7E00 | (mantissa >>> 13));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (halfExponent >= 1) {
      int half = (halfExponent << 10) | (mantissa >>> 13);
      // a carry out of the mantissa raises the exponent, and from 0x7BFF gives 0x7C00 (Inf)
      return (short) (sign | (half + roundUp(mantissa, 13)));
    }
    // subnormal half: the value in units of 2^-24 is the full significand shifted right
    int shift = 14 - halfExponent;
    if (shift > 24) {
      return (short) sign; // below half of 2^-24: rounds to zero
    }
    int significand = mantissa | 0x80_0000;
    // a carry out of 0x3FF gives 0x400, the smallest normal: also right
    return (short) (sign | ((significand >>> shift) + roundUp(significand, shift)));
  }

  /**
   * The exact float value of an IEEE binary16.
   *
   * <pre>{@code
   * HalfFloats.fromHalf((short) 0x0001);   // 5.9604645E-8, which is 2^-24
   * }</pre>
   *
   * @param h the half's bits
   * @return its value; every half is exactly representable as a float
   */
  public static float fromHalf(short h) {
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f; // exact: at most 10 significant bits
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  /**
   * Rounds a float to the nearest bfloat16, ties to even.
   *
   * <pre>{@code
   * HalfFloats.toBFloat16(3.1415927f);   // 0x4049, which is 3.140625
   * }</pre>
   *
   * @param f any float
   * @return the bfloat16's bits
   */
  public static short toBFloat16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x0040); // quiet, so dropping the low payload keeps a NaN
    }
    // adding 0x7FFF plus the kept lsb rounds to nearest even; a carry into the exponent is right,
    // up to Float.MAX_VALUE rounding to Inf
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }

  /**
   * The exact float value of a bfloat16.
   *
   * <pre>{@code
   * HalfFloats.fromBFloat16((short) 0x3F80);   // 1.0f
   * }</pre>
   *
   * @param b the bfloat16's bits
   * @return its value
   */
  public static float fromBFloat16(short b) {
    return Float.intBitsToFloat((b & 0xFFFF) << 16);
  }

  /**
   * Converts each value with {@link #toHalf(float)}.
   *
   * <pre>{@code
   * short[] halves = HalfFloats.toHalf(layer.weights());
   * }</pre>
   *
   * @param values the floats
   * @return a new array of half bits, same length
   */
  public static short[] toHalf(float[] values) {
    Objects.requireNonNull(values, "values");
    short[] out = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = toHalf(values[i]);
    }
    return out;
  }

  /**
   * Converts each value with {@link #fromHalf(short)}.
   *
   * <pre>{@code
   * float[] weights = HalfFloats.fromHalf(halves);
   * }</pre>
   *
   * @param bits half bits
   * @return a new array of floats, same length
   */
  public static float[] fromHalf(short[] bits) {
    Objects.requireNonNull(bits, "bits");
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = fromHalf(bits[i]);
    }
    return out;
  }

  /**
   * Converts each value with {@link #toBFloat16(float)}.
   *
   * <pre>{@code
   * short[] b = HalfFloats.toBFloat16(layer.weights());
   * }</pre>
   *
   * @param values the floats
   * @return a new array of bfloat16 bits, same length
   */
  public static short[] toBFloat16(float[] values) {
    Objects.requireNonNull(values, "values");
    short[] out = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = toBFloat16(values[i]);
    }
    return out;
  }

  /**
   * Converts each value with {@link #fromBFloat16(short)}.
   *
   * <pre>{@code
   * float[] weights = HalfFloats.fromBFloat16(b);
   * }</pre>
   *
   * @param bits bfloat16 bits
   * @return a new array of floats, same length
   */
  public static float[] fromBFloat16(short[] bits) {
    Objects.requireNonNull(bits, "bits");
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = fromBFloat16(bits[i]);
    }
    return out;
  }

  /**
   * 1 when dropping the low {@code dropped} bits of {@code value} must round up: above half, or
   * exactly half with an odd kept part (ties to even).
   */
  private static int roundUp(int value, int dropped) {
    int half = 1 << (dropped - 1);
    int rest = value & ((1 << dropped) - 1);
    int keptLsb = (value >>> dropped) & 1;
    return rest > half || (rest == half && keptLsb == 1) ? 1 : 0;
  }
}
