package dev.hone.parallel;

import dev.hone.data.Dataset;
import dev.hone.model.MlpSpec;
import dev.hone.model.TrainedModel;
import dev.hone.parallel.internal.PipelineTrainer;
import dev.hone.provenance.Provenance;
import dev.hone.train.Optimizer;
import dev.hone.train.TrainConfig;
import dev.hone.train.internal.MlpTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Model parallelism: an MLP's layers split into stages, each stage on its own thread (its own
 * core), with every batch cut into micro-batches that flow through the stages as in GPipe (Huang
 * et al., NeurIPS 2019). While stage 1 runs micro-batch i, stage 0 already runs micro-batch
 * i+1; gradients flow back the same way and accumulate, and each stage makes one optimizer
 * update per batch, so the result is the same training as without the split (same loss and
 * gradients within float tolerance, same seed, same shuffles).
 *
 * <p>When it pays: a pipeline keeps {@code S} stages busy only when their work is balanced and
 * there are enough micro-batches to fill it: at best the step takes the slowest stage's time, and
 * the bubble while it fills and drains costs {@code (S - 1) / (M + S - 1)} of it. It is the way
 * to train a model too large for one device; on one CPU, see BENCHMARKS.md for what it gains
 * against the unsplit trainer.
 *
 * <pre>{@code
 * TrainedModel m = PipelineParallel.of(Model.mlp(784, 128, 64, 10)).split(1, 2).microBatches(4)
 *     .train(mnist.train(), Train.epochs(3).batchSize(128).adam(1e-3));
 * }</pre>
 *
 * @param spec the model to train
 * @param split layers per stage, input side first; they add up to the spec's layer count
 * @param microBatches micro-batches per batch, >= 1
 */
public record PipelineParallel(MlpSpec spec, List<Integer> split, int microBatches) {

  /** Checks that the split covers the layers; messages name the bad value. */
  public PipelineParallel {
    Objects.requireNonNull(spec, "spec");
    split = List.copyOf(split);
    int layers = spec.widths().size() - 1;
    if (split.isEmpty()) {
      throw new IllegalArgumentException("give at least one stage, e.g. split(" + layers + ")");
    }
    for (int i = 0; i < split.size(); i++) {
      if (split.get(i) < 1) {
        throw new IllegalArgumentException("stage " + i + " of the split " + split + " has "
            + split.get(i) + " layers; every stage needs at least 1");
      }
    }
    int total = split.stream().mapToInt(Integer::intValue).sum();
    if (total != layers) {
      throw new IllegalArgumentException("the stage split " + split + " covers " + total
          + " layers but " + spec + " has " + layers + "; give layers per stage that add up to "
          + layers + ", e.g. " + example(layers));
    }
    if (microBatches < 1) {
      throw new IllegalArgumentException("microBatches must be >= 1, was " + microBatches);
    }
  }

  private static String example(int layers) {
    return layers == 1 ? "split(1)" : "split(1, " + (layers - 1) + ")";
  }

  /**
   * Starts a pipeline for a model: two stages balanced by weight count (one stage when the model
   * has one layer), four micro-batches.
   *
   * <pre>{@code
   * // split [1, 2], 4 micro-batches
   * PipelineParallel p = PipelineParallel.of(Model.mlp(784, 128, 64, 10));
   * }</pre>
   *
   * @param spec the model
   * @return the pipeline
   */
  public static PipelineParallel of(MlpSpec spec) {
    Objects.requireNonNull(spec, "spec");
    int layers = spec.widths().size() - 1;
    return new PipelineParallel(spec, balanced(spec, Math.min(2, layers)), 4);
  }

  /**
   * Returns a copy with the given layers per stage.
   *
   * <pre>{@code
   * PipelineParallel.of(Model.mlp(784, 128, 64, 10)).split(2, 1);   // layers 0-1, then layer 2
   * }</pre>
   *
   * @param layersPerStage layers of each stage, input side first, adding up to the layer count
   * @return the changed copy
   * @throws IllegalArgumentException when the split does not cover the layers exactly
   */
  public PipelineParallel split(int... layersPerStage) {
    return new PipelineParallel(spec, Arrays.stream(layersPerStage).boxed().toList(),
        microBatches);
  }

  /**
   * Returns a copy with {@code n} stages whose weight counts are as even as contiguous layers
   * allow (the largest stage as small as possible).
   *
   * <pre>{@code
   * PipelineParallel.of(Model.mlp(784, 512, 512, 512, 10)).stages(3);
   * }</pre>
   *
   * @param n stages, from 1 to the layer count
   * @return the changed copy
   * @throws IllegalArgumentException when n is outside that range
   */
  public PipelineParallel stages(int n) {
    int layers = spec.widths().size() - 1;
    if (n < 1 || n > layers) {
      throw new IllegalArgumentException("stages must be between 1 and the " + layers
          + " layers of " + spec + ", was " + n);
    }
    return new PipelineParallel(spec, balanced(spec, n), microBatches);
  }

  /**
   * Returns a copy that cuts each batch into {@code m} micro-batches.
   *
   * <pre>{@code
   * PipelineParallel.of(Model.mlp(784, 128, 64, 10)).microBatches(8);
   * }</pre>
   *
   * @param m micro-batches, >= 1 (a batch with fewer rows uses one per row)
   * @return the changed copy
   */
  public PipelineParallel microBatches(int m) {
    return new PipelineParallel(spec, split, m);
  }

  /**
   * Trains a fresh model through the pipeline. Weights start from the config's seed exactly as
   * {@link MlpSpec#train} starts them, and the batches come in the same order.
   *
   * <pre>{@code
   * TrainedModel m = PipelineParallel.of(Model.mlp(784, 128, 64, 10))
   *     .train(mnist.train(), Train.epochs(3).batchSize(128));
   * }</pre>
   *
   * @param data training rows that fit the spec
   * @param config epochs, batch size, seed, Adam or SGD, schedule, weight decay
   * @return the trained model; its provenance names the split
   * @throws IllegalArgumentException when the data does not fit, the batch size exceeds the rows,
   *     the batch is smaller than the micro-batch count, or the config asks for what the
   *     pipeline does not do (validation, early stopping, gradual pruning, augmentation, data
   *     parallelism, an optimizer other than Adam or SGD)
   */
  public TrainedModel train(Dataset data, TrainConfig config) {
    check(data, config);
    var result = PipelineTrainer.train(
        MlpTrainer.initialLayers(spec.widths(), spec.activation(), config.seed()),
        spec.activation(), splitArray(), microBatches, data, config);
    MlpSpec trained = data.preprocessing().map(spec::withPreprocessing).orElse(spec);
    Provenance p = Provenance.of(spec.toStep()).then(config.toStep("train")
        .with("pipeline", describe()).with("data", data.name()));
    return new TrainedModel(trained, result.layers(), result.history(), p);
  }

  /**
   * Computes one batch's mean cross-entropy and every parameter's gradient through the pipeline,
   * without updating: what a user checks a new split with, and what the tests compare against
   * the unsplit model.
   *
   * <pre>{@code
   * PipelineGradients g = PipelineParallel.of(spec).split(1, 2).microBatches(4)
   *     .gradients(model, mnist.train().take(128));
   * g.loss();
   * }</pre>
   *
   * @param model trained weights of this pipeline's shape
   * @param batch the rows of one batch
   * @return the loss and gradients, weight ({@code [inputs, outputs]}) then bias per layer
   * @throws IllegalArgumentException when the model's widths differ from the spec's
   */
  public PipelineGradients gradients(TrainedModel model, Dataset batch) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(batch, "batch");
    if (!model.spec().widths().equals(spec.widths())) {
      throw new IllegalArgumentException("the model " + model.spec() + " is not the pipeline's "
          + spec);
    }
    spec.checkFits(batch);
    var g = PipelineTrainer.gradients(model.denseLayers(), spec.activation(), splitArray(),
        microBatches, batch, dev.hone.train.Train.epochs(1));
    return new PipelineGradients(g.loss(), g.gradients());
  }

  /** Returns the split and micro-batches as text, such as {@code stages=[1, 2], micro=4}. */
  public String describe() {
    return "stages=" + split + ", micro=" + microBatches;
  }

  private int[] splitArray() {
    return split.stream().mapToInt(Integer::intValue).toArray();
  }

  private void check(Dataset data, TrainConfig config) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(config, "config");
    spec.checkFits(data);
    if (config.batchSize() > data.size()) {
      throw new IllegalArgumentException("batch size " + config.batchSize() + " is larger than"
          + " the " + data.size() + " rows of '" + data.name() + "'; use at most "
          + data.size());
    }
    if (config.batchSize() < microBatches) {
      throw new IllegalArgumentException(microBatches + " micro-batches need at least "
          + microBatches + " rows per batch, but the batch size is " + config.batchSize());
    }
    List<String> unsupported = new ArrayList<>();
    if (config.validationFraction() > 0) {
      unsupported.add("validation(" + config.validationFraction() + ")");
    }
    if (config.earlyStoppingPatience() > 0) {
      unsupported.add("earlyStopping(" + config.earlyStoppingPatience() + ")");
    }
    if (config.pruningSchedule().isPresent()) {
      unsupported.add("pruneGradually");
    }
    if (config.augmentation() != null) {
      unsupported.add("augment");
    }
    if (config.dataParallel() != null) {
      unsupported.add("dataParallel(" + config.dataParallel().describe() + ")");
    }
    Optimizer o = config.optimizer();
    if (!(o instanceof Optimizer.Adam || o instanceof Optimizer.Sgd)) {
      unsupported.add(o.describe() + " (Adam and SGD are supported)");
    }
    if (o instanceof Optimizer.Adam a && a.decoupledWeightDecay() > 0
        && config.weightDecay() > 0) {
      unsupported.add("AdamW together with weightDecay");
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException("pipeline training does not do "
          + String.join(", ", unsupported) + "; train with Model.mlp(...).train(...) for those");
    }
  }

  /** Splits layers into n contiguous stages minimising the largest stage's weight count. */
  static List<Integer> balanced(MlpSpec spec, int n) {
    List<Integer> w = spec.widths();
    int layers = w.size() - 1;
    long[] cost = new long[layers];
    for (int i = 0; i < layers; i++) {
      cost[i] = (long) w.get(i) * w.get(i + 1) + w.get(i + 1);
    }
    // best[k][i]: the smallest largest-stage cost of the first i layers in k stages.
    long[][] best = new long[n + 1][layers + 1];
    int[][] cut = new int[n + 1][layers + 1];
    for (long[] row : best) {
      Arrays.fill(row, Long.MAX_VALUE);
    }
    best[0][0] = 0;
    for (int k = 1; k <= n; k++) {
      for (int i = k; i <= layers; i++) {
        long stage = 0;
        for (int j = i - 1; j >= k - 1; j--) {
          stage += cost[j];
          if (best[k - 1][j] == Long.MAX_VALUE) {
            continue;
          }
          long v = Math.max(best[k - 1][j], stage);
          if (v < best[k][i]) {
            best[k][i] = v;
            cut[k][i] = j;
          }
        }
      }
    }
    List<Integer> sizes = new ArrayList<>();
    int i = layers;
    for (int k = n; k >= 1; k--) {
      sizes.add(0, i - cut[k][i]);
      i = cut[k][i];
    }
    return sizes;
  }

  @Override
  public String toString() {
    return "PipelineParallel(" + spec + ", " + describe() + ", "
        + split.stream().map(String::valueOf).collect(Collectors.joining("+")) + " layers)";
  }
}
