package dev.hone.train;

import java.util.Locale;

/** Argument checks shared by the optimizers, schedules and configs. */
final class Checks {
  private Checks() {}

  static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
    }
  }

  static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
    }
  }

  static void unitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), was " + value);
    }
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }
}
