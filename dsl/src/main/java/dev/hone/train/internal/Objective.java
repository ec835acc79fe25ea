package dev.hone.train.internal;

import dev.hone.compress.Distillation;
import dev.hone.data.Dataset;
import java.util.Objects;
import java.util.function.Function;

/** What the trainer minimises. */
public sealed interface Objective {

  /** Softmax cross-entropy against the labels. */
  Objective CROSS_ENTROPY = new CrossEntropy();

  /** Softmax cross-entropy against the labels. */
  record CrossEntropy() implements Objective {}

  /**
   * Hinton's distillation loss (see {@link Distillation}).
   *
   * @param settings temperature and alpha
   * @param teacherLogits gives the teacher's logits for the rows the trainer trains on (after
   *     any validation split), {@code rows * classes} row-major
   */
  record Distill(Distillation settings, Function<Dataset, float[]> teacherLogits)
      implements Objective {

    /** Checks for nulls. */
    public Distill {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(teacherLogits, "teacherLogits");
    }
  }
}
