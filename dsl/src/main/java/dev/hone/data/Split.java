package dev.hone.data;

import java.util.Objects;

/**
 * A train part and a test part of the same data.
 *
 * <pre>{@code
 * Split mnist = Datasets.mnist();
 * mnist.train().size();   // 8000
 * }</pre>
 *
 * @param train rows to learn from
 * @param test held-out rows to measure on
 */
public record Split(Dataset train, Dataset test) {

  /** Checks that both parts exist and agree on features and classes. */
  public Split {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (train.featureCount() != test.featureCount() || train.classes() != test.classes()) {
      throw new IllegalArgumentException(
          "train has " + train.featureCount() + " features and " + train.classes()
              + " classes but test has " + test.featureCount() + " and " + test.classes());
    }
  }

  /**
   * Standardizes both parts with one mean and deviation fitted on the train part only.
   *
   * <pre>{@code
   * Split data = Datasets.mnist().standardized();
   * }</pre>
   *
   * @return a new split; this one is unchanged
   */
  public Split standardized() {
    Standardizer s = Standardizer.fitGlobal(train);
    return new Split(s.apply(train), s.apply(test));
  }
}
