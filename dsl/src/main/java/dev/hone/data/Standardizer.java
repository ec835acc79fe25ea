package dev.hone.data;

import java.util.Locale;

/**
 * Shifts and scales features to mean 0 and standard deviation 1, with statistics fitted on
 * training rows only, so that test rows never leak into them.
 *
 * <p>MNIST-style images use one mean and deviation for all pixels ({@link #fitGlobal}), as
 * PyTorch's {@code transforms.Normalize((0.1307,), (0.3081,))} does; Adam converges faster on
 * centred inputs.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fitGlobal(mnist.train());
 * Dataset test = s.apply(mnist.test());
 * }</pre>
 *
 * @param mean subtracted from every feature
 * @param std every centred feature is divided by this, > 0
 */
public record Standardizer(double mean, double std) {

  /** Checks that the statistics are usable. */
  public Standardizer {
    if (!Double.isFinite(mean)) {
      throw new IllegalArgumentException("mean must be finite, was " + mean);
    }
    if (!(std > 0) || Double.isInfinite(std)) {
      throw new IllegalArgumentException("std must be a finite number > 0, was " + std
          + " (are all features equal?)");
    }
  }

  /**
   * Fits one mean and one standard deviation over all features of all rows.
   *
   * @param train the rows to learn the statistics from
   * @return the fitted standardizer
   */
  public static Standardizer fitGlobal(Dataset train) {
    var features = train.featureBuffer();
    double sum = 0;
    double sumSquares = 0;
    int n = features.remaining();
    for (int i = 0; i < n; i++) {
      double v = features.get(i);
      sum += v;
      sumSquares += v * v;
    }
    double mean = sum / n;
    return new Standardizer(mean, Math.sqrt(Math.max(sumSquares / n - mean * mean, 0)));
  }

  /**
   * Returns a standardized copy of the data; the input is unchanged.
   *
   * @param data rows with the same meaning as the fitted ones
   * @return a new dataset named {@code <name>:std}
   */
  public Dataset apply(Dataset data) {
    float[] f = new float[data.size() * data.featureCount()];
    data.featureBuffer().get(f);
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) ((f[i] - mean) / std);
    }
    return Dataset.ofFlat(data.name() + ":std", f, data.featureCount(), data.labels(),
        data.classes());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "standardize(mean=%.4f, std=%.4f)", mean, std);
  }
}
