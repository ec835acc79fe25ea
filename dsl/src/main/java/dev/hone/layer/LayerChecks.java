package dev.hone.layer;

import java.util.Objects;

/** The checks every layer encoding shares; messages name the bad value. */
final class LayerChecks {

  private LayerChecks() {}

  static void shape(int inputs, int outputs) {
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "a layer needs inputs > 0 and outputs > 0, was " + inputs + " x " + outputs);
    }
  }

  /** Checks a dense row-major weight: its length and that every entry is finite. */
  static void weights(float[] weight, int inputs, int outputs) {
    Objects.requireNonNull(weight, "weight");
    if (weight.length != (long) inputs * outputs) {
      throw new IllegalArgumentException("weight of a " + inputs + " x " + outputs
          + " layer needs " + (long) inputs * outputs + " values, was " + weight.length);
    }
    for (int i = 0; i < weight.length; i++) {
      if (!Float.isFinite(weight[i])) {
        throw new IllegalArgumentException("weight (" + i / outputs + ", " + i % outputs
            + ") is " + weight[i] + "; expected a finite number");
      }
    }
  }

  /** Checks a bias: one finite value per output. */
  static void bias(float[] bias, int outputs) {
    Objects.requireNonNull(bias, "bias");
    if (bias.length != outputs) {
      throw new IllegalArgumentException("bias of a layer with " + outputs + " outputs needs "
          + outputs + " values, was " + bias.length);
    }
    finite(bias, "bias");
  }

  /** Checks that every value is finite; {@code what} names one value, e.g. "centroid". */
  static void finite(float[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(what + " " + i + " is " + values[i]
            + "; expected a finite number");
      }
    }
  }
}
