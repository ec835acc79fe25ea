package dev.hone.quant;

import java.math.BigDecimal;
import java.util.Arrays;

/** {@link Calibration#percentile(double)}: clips magnitudes above a nearest-rank percentile. */
record PercentileCalibration(double percentile) implements Calibration {

  PercentileCalibration {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
    }
  }

  @Override
  public Range range(float[] values) {
    Observations.check(values);
    float[] magnitudes = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      magnitudes[i] = Math.abs(values[i]);
    }
    Arrays.sort(magnitudes);
    // nearest rank: the smallest value with at least p% of the values at or below it; the tiny
    // slack keeps 99.99% of 10000 values at rank 9999 when p / 100 * n lands a hair above it
    long rank = (long) Math.ceil(percentile * magnitudes.length / 100 - 1e-9);
    float threshold = magnitudes[(int) Math.max(0, Math.min(magnitudes.length - 1, rank - 1))];
    return new Range(Math.max(Observations.min(values), -threshold),
        Math.min(Observations.max(values), threshold));
  }

  @Override
  public String name() {
    return "percentile(" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString()
        + ")";
  }

  @Override
  public String toString() {
    return name();
  }
}
