package dev.hone.compress;

import java.util.Locale;

/**
 * Settings of knowledge distillation (Hinton, Vinyals and Dean, "Distilling the Knowledge in a
 * Neural Network", 2015). The student minimises
 *
 * <pre>
 * L = alpha T^2 KL(softmax(z_t / T) || softmax(z_s / T)) + (1 - alpha) CE(y, z_s)
 * </pre>
 *
 * <p>where {@code z_t} are the teacher's logits, {@code z_s} the student's and {@code T} the
 * temperature; the {@code T^2} keeps the soft term's gradients on the scale of the hard one's.
 *
 * <pre>{@code
 * var student = Model.mlp(784, 64, 10)
 *     .distill(teacher, mnist.train(), Train.epochs(5).batchSize(128), Distillation.of(4, 0.7));
 * }</pre>
 *
 * @param temperature {@code T}, > 0; higher values soften the teacher's distribution
 * @param alpha weight of the soft (teacher) term, in [0, 1]
 */
public record Distillation(double temperature, double alpha) {

  /** Checks both values; the message names the bad one. */
  public Distillation {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a finite number > 0, was "
          + temperature);
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
    }
  }

  /**
   * Returns the settings.
   *
   * @param temperature {@code T}, > 0
   * @param alpha weight of the teacher term, in [0, 1]
   * @return the settings
   */
  public static Distillation of(double temperature, double alpha) {
    return new Distillation(temperature, alpha);
  }

  /**
   * Returns {@code T = 4, alpha = 0.7}, common settings for small classifiers and the ones that
   * paid on the bundled digits with a long-trained student (see {@code MlpSpec.distill}).
   */
  public static Distillation defaults() {
    return new Distillation(4, 0.7);
  }

  /** Returns the settings as a provenance argument. */
  public String describe() {
    return String.format(Locale.ROOT, "T=%s, alpha=%s", temperature, alpha);
  }
}
