package dev.hone.train;

/**
 * The entry point for training configs.
 *
 * <pre>{@code
 * var model = Model.mlp(784, 128, 64, 10)
 *     .train(mnist.train(), Train.epochs(5).batchSize(128).adam(1e-3));
 * }</pre>
 */
public final class Train {

  private Train() {}

  /**
   * Returns the default config with the given number of epochs.
   *
   * @param epochs passes over the data, > 0
   * @return a config to refine with its copy methods
   * @throws IllegalArgumentException when {@code epochs <= 0}
   */
  public static TrainConfig epochs(int epochs) {
    return TrainConfig.defaults(epochs);
  }
}
