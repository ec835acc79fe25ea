package dev.hone.train.internal;

import dev.hone.layer.Dense;
import dev.hone.provenance.Step;
import dev.hone.train.History;
import java.util.List;
import java.util.Optional;

/**
 * What a training run gives back: the weights, the history and, when it stopped before the
 * planned end, the step that says where.
 *
 * @param layers the trained layers
 * @param history epoch figures and stop reason
 * @param stop {@code interrupted(...)} or {@code early_stop(...)}; null when it completed
 */
public record TrainingRun(List<Dense> layers, History history, Step stop) {

  /** Copies the layers. */
  public TrainingRun {
    layers = List.copyOf(layers);
  }

  /** Returns the stop step, if the run stopped early. */
  public Optional<Step> stopStep() {
    return Optional.ofNullable(stop);
  }
}
