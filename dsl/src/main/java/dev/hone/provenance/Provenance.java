package dev.hone.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The chain of steps that made a model, with their settings and seeds.
 *
 * <pre>{@code
 * model.provenance().toString();
 * // mlp(784,128,64,10) > train(epochs=5, batch=128, adam(lr=0.001), seed=42, data=mnist:train)
 * model.provenance().last("prune").flatMap(s -> s.param("sparsity"));   // Optional[0.5]
 * }</pre>
 *
 * @param steps the steps, oldest first
 */
public record Provenance(List<Step> steps) {

  /** Copies the steps. */
  public Provenance {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("provenance needs at least one step");
    }
  }

  /** Starts a chain with its first step. */
  public static Provenance of(Step first) {
    return new Provenance(List.of(first));
  }

  /** Reads steps saved as text (format version 1 files); see {@link Step#parse}. */
  public static Provenance parse(List<String> steps) {
    return new Provenance(steps.stream().map(Step::parse).toList());
  }

  /**
   * Returns a new chain with one more step.
   *
   * @param step such as {@code Step.of("prune").with("sparsity", 0.5)}
   * @return the longer chain; this one is unchanged
   */
  public Provenance then(Step step) {
    List<Step> longer = new ArrayList<>(steps);
    longer.add(step);
    return new Provenance(longer);
  }

  /** Returns the newest step. */
  public Step last() {
    return steps.get(steps.size() - 1);
  }

  /**
   * Returns the newest step with the given name.
   *
   * @param name such as {@code train}
   * @return the step, or empty when the chain has none
   */
  public Optional<Step> last(String name) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).name().equals(name)) {
        return Optional.of(steps.get(i));
      }
    }
    return Optional.empty();
  }

  /** Returns the steps as text, oldest first. */
  public List<String> texts() {
    return steps.stream().map(Step::toString).toList();
  }

  @Override
  public String toString() {
    return steps.stream().map(Step::toString).collect(Collectors.joining(" > "));
  }
}
