package dev.hone.parallel;

import dev.hone.data.Dataset;
import dev.hone.model.MlpSpec;
import dev.hone.model.TrainedModel;
import dev.hone.runtime.internal.Workers;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * Algorithm parallelism: independent training runs (a sweep of learning rates, batch sizes or
 * seeds, or the members of an ensemble) side by side on the machine's cores, one thread per
 * worker with its own share of the engine's threads. Every run is the same as it would be
 * alone (same seed, same weights); only the wall time changes. The result is one table of all
 * runs.
 *
 * <p>Each axis multiplies the runs: {@code learningRates(3 values).seeds(2 values)} is 6 runs.
 * The runs train quietly (no progress lines); their histories stay in the result.
 *
 * <pre>{@code
 * SweepResult r = Sweep.of(Model.mlp(784, 128, 64, 10), mnist.train(),
 *         Train.epochs(5).batchSize(128))
 *     .learningRates(1e-3, 3e-3, 1e-2)
 *     .evaluateOn(mnist.test())
 *     .run();
 * r.toTable();   r.best().model();
 * }</pre>
 *
 * @param spec the model to train in every run
 * @param data training rows
 * @param runs each run's label and config
 * @param evaluation rows every trained model is scored on; null for none
 * @param workers runs at once, >= 1
 */
public record Sweep(MlpSpec spec, Dataset data, List<Variant> runs, Dataset evaluation,
    int workers) {

  /**
   * One run of a sweep.
   *
   * @param label such as {@code lr=0.003 seed=2}; empty for the base config
   * @param config its training settings
   */
  public record Variant(String label, TrainConfig config) {
    /** Checks the fields. */
    public Variant {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(config, "config");
    }
  }

  /** Checks the settings; messages name the bad value. */
  public Sweep {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(data, "data");
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one run");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    spec.checkFits(data);
    if (evaluation != null) {
      spec.checkFits(evaluation);
    }
  }

  /**
   * Starts a sweep of one run, the given config, with one worker per core.
   *
   * <pre>{@code
   * Sweep s = Sweep.of(Model.mlp(784, 128, 64, 10), mnist.train(), Train.epochs(5));
   * }</pre>
   *
   * @param spec the model
   * @param data training rows that fit it
   * @param base the config every run starts from
   * @return the sweep
   */
  public static Sweep of(MlpSpec spec, Dataset data, TrainConfig base) {
    return new Sweep(spec, data, List.of(new Variant("", Objects.requireNonNull(base, "base"))),
        null, Workers.cores());
  }

  /**
   * Returns a copy that tries each learning rate on every run so far.
   *
   * <pre>{@code
   * sweep.learningRates(1e-3, 3e-3, 1e-2)
   * }</pre>
   *
   * @param rates learning rates, each > 0
   * @return the changed copy
   */
  public Sweep learningRates(double... rates) {
    List<UnaryOperator<TrainConfig>> changes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (double lr : rates) {
      if (!(lr > 0)) {
        throw new IllegalArgumentException("learning rates must be > 0, was " + lr);
      }
      changes.add(c -> c.optimizer(c.optimizer().withLearningRate(lr)));
      labels.add("lr=" + String.format(Locale.ROOT, "%.3g", lr));
    }
    return times(changes, labels);
  }

  /**
   * Returns a copy that tries each batch size on every run so far.
   *
   * <pre>{@code
   * sweep.batchSizes(32, 128, 512)
   * }</pre>
   *
   * @param sizes batch sizes, each from 1 to the number of training rows
   * @return the changed copy
   */
  public Sweep batchSizes(int... sizes) {
    List<UnaryOperator<TrainConfig>> changes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int b : sizes) {
      if (b < 1 || b > data.size()) {
        throw new IllegalArgumentException("batch size " + b + " is outside 1 to the "
            + data.size() + " rows of '" + data.name() + "'");
      }
      changes.add(c -> c.batchSize(b));
      labels.add("batch=" + b);
    }
    return times(changes, labels);
  }

  /**
   * Returns a copy that trains every run so far once per seed: the members of an ensemble, or
   * the spread of a setting over seeds.
   *
   * <pre>{@code
   * SweepResult members = Sweep.of(spec, train, Train.epochs(5)).seeds(1, 2, 3)
   *     .evaluateOn(test).run();
   * members.ensembleAccuracy();
   * }</pre>
   *
   * @param seeds the seeds
   * @return the changed copy
   */
  public Sweep seeds(long... seeds) {
    List<UnaryOperator<TrainConfig>> changes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (long s : seeds) {
      changes.add(c -> c.seed(s));
      labels.add("seed=" + s);
    }
    return times(changes, labels);
  }

  /**
   * Returns a copy with one more run, labelled, whatever its config.
   *
   * <pre>{@code
   * sweep.with("seed schedule", Train.epochs(20).adam(0.01).stepDecay(0.1, 10).batchSize(128))
   * }</pre>
   *
   * @param label the run's name in the table
   * @param config its settings
   * @return the changed copy
   */
  public Sweep with(String label, TrainConfig config) {
    List<Variant> more = new ArrayList<>(runs);
    more.add(new Variant(label, config));
    return new Sweep(spec, data, more, evaluation, workers);
  }

  /**
   * Returns a copy that scores every trained model on the given rows.
   *
   * @param rows held-out rows that fit the model
   * @return the changed copy
   */
  public Sweep evaluateOn(Dataset rows) {
    return new Sweep(spec, data, runs, Objects.requireNonNull(rows, "rows"), workers);
  }

  /**
   * Returns a copy that runs {@code n} runs at once (one per core by default; 1 runs them one
   * after the other on the calling thread).
   *
   * @param n workers, >= 1
   * @return the changed copy
   */
  public Sweep workers(int n) {
    return new Sweep(spec, data, runs, evaluation, n);
  }

  private Sweep times(List<UnaryOperator<TrainConfig>> changes, List<String> labels) {
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("give at least one value");
    }
    List<Variant> out = new ArrayList<>();
    for (Variant v : runs) {
      for (int i = 0; i < changes.size(); i++) {
        String label = v.label().isEmpty() ? labels.get(i) : v.label() + " " + labels.get(i);
        out.add(new Variant(label, changes.get(i).apply(v.config())));
      }
    }
    return new Sweep(spec, data, out, evaluation, workers);
  }

  /**
   * Trains every run, {@link #workers()} at a time, and returns them all.
   *
   * @return one entry per run, in the order they were defined
   */
  public SweepResult run() {
    long started = System.nanoTime();
    List<Callable<SweepResult.Run>> tasks = new ArrayList<>();
    for (Variant v : runs) {
      tasks.add(() -> {
        long t0 = System.nanoTime();
        TrainedModel m = spec.train(data, v.config().listener(TrainingListener.NONE));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double accuracy = evaluation == null ? Double.NaN : m.evaluate(evaluation).accuracy();
        return new SweepResult.Run(v.label(), v.config(), m, accuracy, seconds);
      });
    }
    List<SweepResult.Run> done = Workers.map(tasks, workers);
    return new SweepResult(spec.toString(), done, evaluation == null ? null : evaluation,
        Math.min(workers, runs.size()), (System.nanoTime() - started) / 1e9);
  }
}
