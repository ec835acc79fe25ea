package dev.hone.model;

import dev.hone.data.Dataset;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.train.History;
import dev.hone.train.TrainConfig;
import dev.hone.train.internal.DivergedException;
import dev.hone.train.internal.MlpTrainer;
import dev.hone.train.internal.Objective;
import dev.hone.train.internal.StepHook;
import dev.hone.train.internal.TrainingRun;
import java.util.List;
import java.util.Objects;

/** Runs the trainer for every verb that trains, and turns its results into model values. */
final class Training {

  private Training() {}

  /** Builds the model value of a verb from trained layers. */
  @FunctionalInterface
  interface Result<N extends Network> {
    N make(List<Dense> layers, History history, Provenance provenance);
  }

  static <N extends Network> N run(MlpSpec spec, List<? extends Layer> init, Dataset data,
      TrainConfig config, Objective objective, StepHook hook, Provenance before, String verb,
      Result<N> result) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(config, "config");
    spec.checkFits(data);
    Provenance chain = before.then(config.toStep(verb).with("data", data.name()));
    try {
      TrainingRun run = MlpTrainer.train(spec.activation(), init, data, config, objective, hook,
          chain.toString());
      Provenance p = run.stopStep().map(chain::then).orElse(chain);
      return result.make(run.layers(), run.history(), p);
    } catch (DivergedException e) {
      Network lastGood = result.make(e.lastGood(), e.history(), chain.then(Step.of("diverged")
          .with("epoch", e.epoch()).with("batch", e.batch())));
      throw new TrainingDivergedException(e.getMessage(), e.epoch(), e.batch(), lastGood);
    }
  }
}
