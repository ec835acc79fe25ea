package dev.hone.data.table;

import java.util.Locale;

/**
 * How {@link Pipeline#outliers} finds outliers and what it does with them. Bounds are learned from
 * the training table only: by IQR, {@code [Q1 - k*IQR, Q3 + k*IQR]} (Tukey's fences, k = 1.5
 * usually); by z-score, {@code mean +/- z*std}. Clipping moves a value to the nearest bound, in
 * training, test and prediction alike; dropping removes training rows only (test and prediction
 * rows pass unchanged, since a model must answer for every row).
 *
 * <pre>{@code
 * Outliers.iqr(1.5).clip();
 * Outliers.zScore(3).drop();
 * }</pre>
 *
 * @param method {@code iqr} or {@code zscore}
 * @param threshold k (IQRs) or z (standard deviations), > 0
 * @param clips true to clip, false to drop
 */
public record Outliers(String method, double threshold, boolean clips) {

  /** Checks the method and the threshold. */
  public Outliers {
    if (!method.equals("iqr") && !method.equals("zscore")) {
      throw new IllegalArgumentException("method must be iqr or zscore, was '" + method + "'");
    }
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("the outlier threshold must be a finite number > 0, was "
          + threshold);
    }
  }

  /**
   * Outliers beyond {@code k} interquartile ranges from the quartiles, clipped.
   *
   * <pre>{@code
   * Outliers o = Outliers.iqr(1.5);          // clips; .drop() drops instead
   * }</pre>
   *
   * @param k the fence width in IQRs, > 0
   * @return the rule, clipping
   */
  public static Outliers iqr(double k) {
    return new Outliers("iqr", k, true);
  }

  /**
   * Outliers more than {@code z} standard deviations from the mean, clipped.
   *
   * <pre>{@code
   * Outliers o = Outliers.zScore(3).drop();
   * }</pre>
   *
   * @param z the bound in standard deviations, > 0
   * @return the rule, clipping
   */
  public static Outliers zScore(double z) {
    return new Outliers("zscore", z, true);
  }

  /**
   * Returns the rule that clips.
   *
   * <pre>{@code
   * Outliers.zScore(3).clip();
   * }</pre>
   *
   * @return the clipping rule
   */
  public Outliers clip() {
    return new Outliers(method, threshold, true);
  }

  /**
   * Returns the rule that drops training rows.
   *
   * <pre>{@code
   * Outliers.iqr(1.5).drop();
   * }</pre>
   *
   * @return the dropping rule
   */
  public Outliers drop() {
    return new Outliers(method, threshold, false);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s(%s, %s)", method, threshold, clips ? "clip" : "drop");
  }
}
