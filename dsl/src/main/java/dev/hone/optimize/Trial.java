package dev.hone.optimize;

import dev.hone.model.Network;
import java.util.Objects;

/**
 * One model the search built and measured.
 *
 * @param index the order it was tried in, from 0 (0 is the model as given)
 * @param name its steps after training, such as {@code prune_global(0.9) > fine_tune > int8}
 * @param provenance the full provenance of the model
 * @param form {@code dense}, {@code pruned}, {@code clustered} or {@code quantized}
 * @param accuracy accuracy on the validation rows
 * @param fileBytes bytes of its {@code .hone} file
 * @param latencyP50Micros median one-row latency on its default runtime
 * @param samplesPerSecond rows per second in calls of 256 rows
 * @param seconds time to make and measure it
 * @param withinBudget whether its accuracy keeps the budget
 * @param model the model itself
 */
public record Trial(int index, String name, String provenance, String form, double accuracy,
    long fileBytes, double latencyP50Micros, double samplesPerSecond, double seconds,
    boolean withinBudget, Network model) {

  /** Checks for nulls. */
  public Trial {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(model, "model");
  }
}
