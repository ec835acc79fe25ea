package dev.hone.quant;

/** {@link Calibration#minMax()}: the observed extremes. */
record MinMaxCalibration() implements Calibration {

  @Override
  public Range range(float[] values) {
    Observations.check(values);
    return new Range(Observations.min(values), Observations.max(values));
  }

  @Override
  public String name() {
    return "minmax";
  }

  @Override
  public String toString() {
    return name();
  }
}
