package dev.hone.tune;

import dev.hone.data.Dataset;
import dev.hone.model.MlpSpec;
import dev.hone.model.TrainedModel;
import dev.hone.train.EpochStats;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Batch-size search: trains the same model at each batch size and measures what the size buys
 * and costs: training samples per second, peak memory (Java heap, the process's resident set,
 * GPU memory where there is a GPU), and the wall time until validation accuracy first reaches a
 * target. Larger batches run more samples per second but take fewer steps per epoch; the linear
 * scaling rule (Goyal et al. 2017, "Accurate, Large Minibatch SGD": {@code lr = base_lr * batch /
 * base_batch}, with an optional linear warm-up over the first epochs) keeps the progress per
 * epoch closer. The result recommends the size that reached the target soonest, and says why.
 *
 * <p>Runs go one after another, never side by side, so each one's samples/s and memory are its
 * own. An immutable value: each setting returns a new one; {@link #run()} trains.
 *
 * <pre>{@code
 * BatchSizeSweep r = BatchSizes.sweep(Model.mlp(784, 128, 64, 10), mnist.train(),
 *         Train.epochs(10).adam(1e-3))
 *     .sizes(32, 64, 128, 256, 512, 1024)
 *     .linearScaling(true).warmup(1)
 *     .run();
 * r.recommended();   // the batch size, and r.reason() says why
 * r;                 // in a notebook: the table and the plots
 * }</pre>
 *
 * @param spec the model to train at every size
 * @param data training rows; a validation share is held out of them (the config's, or 0.1)
 * @param config the base settings; its batch size and learning rate are the base of the
 *     scaling rule unless {@link #baseBatch} says otherwise
 * @param sizes the batch sizes, in the order they run
 * @param scalings which learning-rate rules to run each size with: {@code false} is the config's
 *     rate as it is, {@code true} the linear scaling rule
 * @param baseBatch the batch size the config's learning rate was tuned for
 * @param warmupEpochs epochs of linear warm-up for scaled runs; 0 is none
 * @param target the validation accuracy to reach, in (0, 1]
 */
public record BatchSizes(MlpSpec spec, Dataset data, TrainConfig config, List<Integer> sizes,
    List<Boolean> scalings, int baseBatch, double warmupEpochs, double target) {

  /** The sizes a sweep tries when none are given. */
  public static final List<Integer> DEFAULT_SIZES = List.of(32, 64, 128, 256, 512, 1024);

  /** Checks every setting; messages name the bad value. */
  public BatchSizes {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(config, "config");
    sizes = List.copyOf(sizes);
    scalings = List.copyOf(scalings);
    spec.checkFits(data);
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("give at least one batch size, e.g. sizes(32, 128)");
    }
    int rows = trainingRows(data, config);
    for (int b : sizes) {
      if (b <= 0) {
        throw new IllegalArgumentException("batch sizes must be > 0, was " + b + " in " + sizes);
      }
      if (b > rows) {
        throw new IllegalArgumentException("batch size " + b + " is larger than the " + rows
            + " training rows of '" + data.name() + "' (after holding out "
            + validationShare(config) + " for validation); use at most " + rows);
      }
    }
    if (scalings.isEmpty()) {
      throw new IllegalArgumentException("give at least one learning-rate rule");
    }
    if (baseBatch <= 0) {
      throw new IllegalArgumentException("baseBatch must be > 0, was " + baseBatch);
    }
    if (!(warmupEpochs >= 0 && warmupEpochs < config.epochs())) {
      throw new IllegalArgumentException("warm-up must be in [0, " + config.epochs()
          + ") epochs (the run's length), was " + warmupEpochs);
    }
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("the target accuracy must be in (0, 1], was "
          + target);
    }
  }

  /**
   * Starts a batch-size search of a model on data, with the defaults: sizes 32 to 1024 in
   * powers of two (those that fit the data), the config's learning rate unscaled, no warm-up,
   * target 0.95.
   *
   * <pre>{@code
   * BatchSizes.sweep(Model.mlp(784, 128, 64, 10), mnist.train(), Train.epochs(10)).run();
   * }</pre>
   *
   * @param spec the model
   * @param data training rows that fit it
   * @param config the base settings (epochs, optimizer and its learning rate, seed)
   * @return the search's settings
   */
  public static BatchSizes sweep(MlpSpec spec, Dataset data, TrainConfig config) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(data, "data");
    int rows = trainingRows(data, config);
    List<Integer> fit = DEFAULT_SIZES.stream().filter(b -> b <= rows).toList();
    return new BatchSizes(spec, data, config, fit.isEmpty() ? List.of(rows) : fit,
        List.of(false), config.batchSize(), 0, 0.95);
  }

  /**
   * Returns a copy that tries these batch sizes.
   *
   * <pre>{@code
   * search.sizes(32, 64, 128, 256, 512, 1024)
   * }</pre>
   *
   * @param batchSizes each from 1 to the training rows
   * @return the changed copy
   * @throws IllegalArgumentException naming a size that is 0, negative or larger than the data
   */
  public BatchSizes sizes(int... batchSizes) {
    return new BatchSizes(spec, data, config, Arrays.stream(batchSizes).boxed().toList(),
        scalings, baseBatch, warmupEpochs, target);
  }

  /**
   * Returns a copy that scales the learning rate linearly with the batch size
   * ({@code lr = base_lr * batch / baseBatch}), or keeps it as the config has it.
   *
   * <pre>{@code
   * search.linearScaling(true)
   * }</pre>
   *
   * @param on whether to scale
   * @return the changed copy
   */
  public BatchSizes linearScaling(boolean on) {
    return new BatchSizes(spec, data, config, sizes, List.of(on), baseBatch, warmupEpochs,
        target);
  }

  /**
   * Returns a copy that runs every size twice, with the config's learning rate and with the
   * linear scaling rule, so the table and plots compare the two.
   *
   * <pre>{@code
   * search.withAndWithoutScaling()
   * }</pre>
   *
   * @return the changed copy
   */
  public BatchSizes withAndWithoutScaling() {
    return new BatchSizes(spec, data, config, sizes, List.of(false, true), baseBatch,
        warmupEpochs, target);
  }

  /**
   * Returns a copy whose scaling rule takes the config's learning rate as tuned for this batch
   * size (the config's own batch size by default).
   *
   * <pre>{@code
   * BatchSizes.sweep(spec, data, Train.epochs(10).adam(1e-3)).baseBatch(32).linearScaling(true)
   * }</pre>
   *
   * @param batch the base batch size, > 0
   * @return the changed copy
   */
  public BatchSizes baseBatch(int batch) {
    return new BatchSizes(spec, data, config, sizes, scalings, batch, warmupEpochs, target);
  }

  /**
   * Returns a copy whose scaled runs warm the learning rate up linearly over the first
   * {@code epochs} (Goyal et al. 2017 used 5 of 90 epochs).
   *
   * <pre>{@code
   * search.linearScaling(true).warmup(1)
   * }</pre>
   *
   * @param epochs warm-up epochs, in [0, the run's epochs); 0 turns it off
   * @return the changed copy
   */
  public BatchSizes warmup(double epochs) {
    return new BatchSizes(spec, data, config, sizes, scalings, baseBatch, epochs, target);
  }

  /**
   * Returns a copy that measures the time to this validation accuracy.
   *
   * <pre>{@code
   * search.target(0.97)
   * }</pre>
   *
   * @param accuracy in (0, 1]
   * @return the changed copy
   */
  public BatchSizes target(double accuracy) {
    return new BatchSizes(spec, data, config, sizes, scalings, baseBatch, warmupEpochs,
        accuracy);
  }

  /**
   * Returns the config one run uses: the base config at this batch size, with the validation
   * share, quiet progress and, when scaled, the scaled rate and warm-up.
   *
   * @param batch the batch size
   * @param scaled whether the linear scaling rule applies
   * @return the config
   */
  public TrainConfig configFor(int batch, boolean scaled) {
    TrainConfig c = config.batchSize(batch).listener(TrainingListener.NONE);
    if (c.validationFraction() == 0) {
      c = c.validation(0.1);
    }
    if (scaled) {
      double lr = config.optimizer().learningRate() * batch / baseBatch;
      c = c.optimizer(config.optimizer().withLearningRate(lr));
      if (warmupEpochs > 0) {
        c = c.warmup(warmupEpochs);
      }
    }
    return c;
  }

  /**
   * Trains the model at every size (and rule), one run after another, and measures each.
   *
   * @return the table of runs and the recommended size
   * @throws dev.hone.model.TrainingDivergedException when a run's loss turns NaN (a scaled rate
   *     too high for a large batch: lower the base rate or add warm-up)
   */
  public BatchSizeSweep run() {
    // The first run would pay for the engine's start and the JIT; a short untimed run pays.
    spec.train(data.take(Math.min(data.size(), 512)), configFor(Math.min(32,
        Math.min(data.size(), 512)), false).epochs(1).validation(0));
    List<BatchSizeSweep.Run> runs = new ArrayList<>();
    for (boolean scaled : scalings) {
      for (int b : sizes) {
        if (Thread.currentThread().isInterrupted()) {
          return new BatchSizeSweep(spec.toString(), target, config.epochs(), runs);
        }
        TrainConfig c = configFor(b, scaled);
        Memory memory = Memory.start();
        long t0 = System.nanoTime();
        TrainedModel m = spec.train(data, c);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double elapsed = 0;
        double reachedAt = Double.NaN;
        int reachedEpoch = 0;
        double bestAccuracy = 0;
        for (EpochStats e : m.history().epochs()) {
          elapsed += e.seconds();
          bestAccuracy = Math.max(bestAccuracy, e.validationAccuracy());
          if (reachedEpoch == 0 && e.validationAccuracy() >= target) {
            reachedAt = elapsed;
            reachedEpoch = e.epoch();
          }
        }
        runs.add(new BatchSizeSweep.Run(b, scaled, c.optimizer().learningRate(),
            m.history().medianSamplesPerSecond(), reachedAt, reachedEpoch, bestAccuracy,
            m.history().last().validationAccuracy(), seconds, memory.peakHeap(),
            memory.peakResident().orElse(-1), Memory.gpuUsed().orElse(-1), m));
      }
    }
    return new BatchSizeSweep(spec.toString(), target, config.epochs(), runs);
  }

  private static double validationShare(TrainConfig config) {
    return config.validationFraction() > 0 ? config.validationFraction() : 0.1;
  }

  private static int trainingRows(Dataset data, TrainConfig config) {
    return data.split(validationShare(config), config.seed()).train().size();
  }
}
