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
  /** Gaussian error linear unit (Hendrycks and Gimpel 2016), {@code x Phi(x)}, the exact erf form. */
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
      case GELU -> (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
      case IDENTITY -> x;
    };
  }

  /**
   * The error function, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7, under a
   * float's resolution at these magnitudes), so the heap kernel's GELU matches the engine's
   * {@code torch.nn.functional.gelu}, which uses erf.
   */
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
        + t * 1.061405429)))) * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
