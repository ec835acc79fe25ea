package dev.hone.model;

import java.util.List;

/**
 * The chain of steps that made a model, with their settings and seeds.
 *
 * <pre>{@code
 * model.provenance().toString();
 * // mlp(784,128,64,10) > train(epochs=5, batch=128, adam(lr=0.001), seed=42, data=mnist:train)
 * }</pre>
 *
 * @param steps the steps, oldest first
 */
public record Provenance(List<String> steps) {

  /** Copies the steps. */
  public Provenance {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("provenance needs at least one step");
    }
  }

  /** Starts a chain with its first step. */
  public static Provenance of(String first) {
    return new Provenance(List.of(first));
  }

  /**
   * Returns a new chain with one more step.
   *
   * @param step a short description such as {@code prune(0.5)}
   * @return the longer chain; this one is unchanged
   */
  public Provenance then(String step) {
    var longer = new java.util.ArrayList<>(steps);
    longer.add(step);
    return new Provenance(longer);
  }

  @Override
  public String toString() {
    return String.join(" > ", steps);
  }
}
