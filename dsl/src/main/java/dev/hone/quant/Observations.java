package dev.hone.quant;

import java.util.Objects;

/** The checks every calibration makes on its input; messages name the bad value. */
final class Observations {

  private Observations() {}

  /** Rejects an empty array and the first NaN or infinite value, by index. */
  static void check(float[] values) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to calibrate on");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "value " + i + " is " + values[i] + "; calibration needs finite values");
      }
    }
  }

  static float min(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  static float max(float[] values) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
