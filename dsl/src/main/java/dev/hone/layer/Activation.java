package dev.hone.layer;

/**
 * The nonlinearity between hidden layers. The output layer has none: it gives logits, and the
 * loss applies softmax.
 */
public enum Activation {
  /** {@code max(0, x)}, the default (Nair and Hinton 2010). */
  RELU,
  /** {@code x > 0 ? x : 0.01 x}. */
  LEAKY_RELU,
  /** Hyperbolic tangent. */
  TANH,
  /** Logistic sigmoid. */
  SIGMOID,
  /** Gaussian error linear unit (Hendrycks and Gimpel 2016), tanh approximation. */
  GELU,
  /**
   * No nonlinearity: {@code x}. A stack of such layers is one linear map; the seed's SimpleNet
   * is built this way, and {@code Model.mlp(...).activation(Activation.IDENTITY)} reproduces it.
   */
  IDENTITY;

  /**
   * Applies the activation to one value, as the engine does.
   *
   * @param x the input
   * @return the activated value
   */
  public float apply(float x) {
    return switch (this) {
      case RELU -> Math.max(0f, x);
      case LEAKY_RELU -> x > 0 ? x : 0.01f * x;
      case TANH -> (float) Math.tanh(x);
      case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
      case GELU -> (float) (0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI)
          * (x + 0.044715 * x * x * x))));
      case IDENTITY -> x;
    };
  }
}
