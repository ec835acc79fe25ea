package dev.hone.export.onnx;

/** Float to half-precision and bfloat16 bits and back, rounding to nearest even (test only). */
final class Halves {

  private Halves() {}

  static short toFloat16(float f) {
    int x = Float.floatToRawIntBits(f);
    int sign = (x >>> 16) & 0x8000;
    int exp = ((x >>> 23) & 0xFF) - 127 + 15;
    if (exp <= 0) {
      // subnormal half: the value is m * 2^-24; rounding may carry into the smallest normal
      return (short) (sign | (int) Math.rint(Math.abs(f) * 0x1p24));
    }
    if (exp >= 31) {
      return (short) (sign | 0x7C00);
    }
    int mantissa = x & 0x7FFFFF;
    int half = (exp << 10) | (mantissa >>> 13);
    int rest = mantissa & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) (sign | half);
  }

  static float fromFloat16(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exp == 0) {
      float v = mantissa * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mantissa << 13));
  }

  static short toBfloat16(float f) {
    int x = Float.floatToRawIntBits(f);
    return (short) ((x + 0x7FFF + ((x >>> 16) & 1)) >>> 16);
  }

  static float fromBfloat16(short b) {
    return Float.intBitsToFloat((b & 0xFFFF) << 16);
  }
}
