package dev.hone.parallel.internal;

import ai.djl.pytorch.engine.PtNDArray;
import dev.hone.data.Dataset;
import dev.hone.data.internal.Shuffle;
import dev.hone.layer.Activation;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.runtime.internal.Engines;
import dev.hone.runtime.internal.Logits;
import dev.hone.runtime.internal.Workers;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.Progress;
import dev.hone.train.StopReason;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import dev.hone.train.TrainingPlan;
import dev.hone.train.internal.EpochMeter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Trains an MLP split into pipeline stages, GPipe-style (Huang et al., "GPipe", NeurIPS 2019):
 * each batch is cut into micro-batches that flow forward through the stages, each stage on its
 * own thread, so stage 1 runs micro-batch i while stage 0 runs micro-batch i+1; gradients flow
 * back the same way and accumulate over the micro-batches, and each stage makes one optimizer
 * update per batch.
 *
 * <p>The shuffles, initial weights, learning rate per batch and update rule are those of Hone's
 * one-thread trainer for the same config, so the two reach the same weights within float
 * tolerance (summing gradients per micro-batch changes only the order of additions).
 */
public final class PipelineTrainer {

  private PipelineTrainer() {}

  /** The trained layers and history. */
  public record Result(List<Dense> layers, History history) {}

  /** One batch's loss and every parameter's gradient (weight then bias per layer). */
  public record Gradients(double loss, List<float[]> gradients) {}

  /**
   * Trains from the given weights.
   *
   * @param layers starting weights, input side first
   * @param activation the hidden activation
   * @param split layers per stage, adding up to the layer count
   * @param microBatches micro-batches per batch
   * @param data training rows, already checked to fit
   * @param config epochs, batch size, seed, optimizer (Adam or SGD), schedule, weight decay
   * @return the trained layers and history
   */
  public static Result train(List<? extends Layer> layers, Activation activation, int[] split,
      int microBatches, Dataset data, TrainConfig config) {
    int n = data.size();
    int batchSize = config.batchSize();
    int batches = (n + batchSize - 1) / batchSize;
    int inputs = layers.get(0).inputs();
    int classes = layers.get(layers.size() - 1).outputs();
    TrainingListener listener = Progress.listenerFor(config);
    listener.onStart(new TrainingPlan("pipeline " + split.length + " stages x " + microBatches
        + " micro-batches", config.epochs(), batches, n, 0));
    List<Stage> stages = open(layers, activation, split, config);
    List<EpochStats> epochs = new ArrayList<>();
    StopReason reason = StopReason.COMPLETED;
    String note = "";
    try {
      SplittableRandom shuffler = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
      FloatBuffer features = data.featureBuffer();
      int[] labels = data.labels();
      float[] row = new float[inputs];
      epochLoop:
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        int[] order = Shuffle.permutation(n, shuffler);
        EpochMeter meter = new EpochMeter();
        double lr = config.learningRateAt(epoch);
        for (int b = 0; b < batches; b++) {
          if (Thread.currentThread().isInterrupted()) {
            reason = StopReason.INTERRUPTED;
            note = EpochMeter.interruptedNote(epoch + 1, b + 1, batches);
            break epochLoop;
          }
          int from = b * batchSize;
          int rows = Math.min(batchSize, n - from);
          float[] x = new float[rows * inputs];
          long[] y = new long[rows];
          for (int r = 0; r < rows; r++) {
            features.get(order[from + r] * inputs, row);
            System.arraycopy(row, 0, x, r * inputs, inputs);
            y[r] = labels[order[from + r]];
          }
          lr = config.learningRateAt(epoch + (double) b / batches);
          float[] logits = step(stages, x, y, rows, inputs, microBatches, classes);
          double[] lh = lossAndHits(logits, classes, y);
          if (!Double.isFinite(lh[0])) {
            throw new IllegalStateException(String.format(Locale.ROOT, "pipeline training"
                + " diverged: the loss was %s at epoch %d, batch %d (learning rate %.3g); try"
                + " a smaller learning rate", lh[0], epoch + 1, b + 1, lr));
          }
          double stepLr = lr;
          join(stages.stream().map(s -> s.on(() -> {
            s.update(config.optimizer(), config.weightDecay(), stepLr);
            return null;
          })).toList());
          meter.add(lh[0], (long) lh[1], rows);
          listener.onBatch(meter.progress(epoch + 1, b + 1, batches, (float) lh[0], lr));
        }
        double seconds = meter.seconds();
        EpochStats stats = meter.stats(epoch + 1, Double.NaN, Double.NaN, lr, seconds, seconds, 0);
        epochs.add(stats);
        listener.onEpoch(stats);
      }
      List<Dense> out = new ArrayList<>();
      for (Stage s : stages) {
        out.addAll(s.on(s::layers).join());
      }
      History history = new History(epochs, reason, note);
      listener.onEnd(history);
      return new Result(out, history);
    } finally {
      stages.forEach(Stage::close);
    }
  }

  /**
   * Returns one batch's mean cross-entropy and gradients computed through the pipeline, without
   * an update: the check that a split computes what the unsplit model computes.
   *
   * @param layers the weights
   * @param activation the hidden activation
   * @param split layers per stage
   * @param microBatches micro-batches
   * @param batch the rows of one batch
   * @return the loss and gradients
   */
  public static Gradients gradients(List<? extends Layer> layers, Activation activation,
      int[] split, int microBatches, Dataset batch, TrainConfig config) {
    int inputs = layers.get(0).inputs();
    int classes = layers.get(layers.size() - 1).outputs();
    List<Stage> stages = open(layers, activation, split, config);
    try {
      int rows = batch.size();
      float[] x = new float[rows * inputs];
      batch.featureBuffer().get(0, x);
      long[] y = new long[rows];
      for (int r = 0; r < rows; r++) {
        y[r] = batch.label(r);
      }
      float[] logits = step(stages, x, y, rows, inputs, microBatches, classes);
      List<float[]> grads = new ArrayList<>();
      for (Stage s : stages) {
        grads.addAll(s.on(() -> {
          List<float[]> g = s.gradients();
          s.zeroGradients();
          s.endBatch();
          return g;
        }).join());
      }
      return new Gradients(lossAndHits(logits, classes, y)[0], grads);
    } finally {
      stages.forEach(Stage::close);
    }
  }

  private static List<Stage> open(List<? extends Layer> layers, Activation activation,
      int[] split, TrainConfig config) {
    ai.djl.Device device = Engines.resolve(config.device());
    int intraOp = Math.max(1, Workers.cores() / split.length);
    List<Stage> stages = new ArrayList<>();
    int at = 0;
    try {
      for (int s = 0; s < split.length; s++) {
        stages.add(new Stage(s, s == split.length - 1, layers.subList(at, at + split[s]),
            activation, device, intraOp));
        at += split[s];
      }
    } catch (RuntimeException e) {
      stages.forEach(Stage::close);
      throw e;
    }
    return stages;
  }

  /**
   * Runs one batch's forward and backward passes through the stages, micro-batch by
   * micro-batch, and returns the batch's logits. Each stage's thread takes its tasks in the
   * order they arrive: stage 0 queues every micro-batch's forward first, so it works ahead while
   * later stages take the earlier micro-batches; backward tasks queue behind them as gradients
   * come back.
   */
  private static float[] step(List<Stage> stages, float[] x, long[] y, int rows, int inputs,
      int microBatches, int classes) {
    int m = Math.min(microBatches, rows);
    join(stages.stream().map(s -> s.on(() -> {
      s.beginBatch();
      return null;
    })).toList());
    Stage lastStage = stages.get(stages.size() - 1);
    List<CompletableFuture<float[]>> logits = new ArrayList<>();
    List<CompletableFuture<?>> done = new ArrayList<>();
    int from = 0;
    for (int k = 0; k < m; k++) {
      int micro = k;
      int size = rows / m + (k < rows % m ? 1 : 0);
      float[] xs = java.util.Arrays.copyOfRange(x, from * inputs, (from + size) * inputs);
      long[] ys = java.util.Arrays.copyOfRange(y, from, from + size);
      from += size;
      Stage first = stages.get(0);
      CompletableFuture<PtNDArray> out = first.on(() -> first.forwardRows(xs, size, inputs));
      for (int s = 1; s < stages.size(); s++) {
        Stage stage = stages.get(s);
        out = out.thenApplyAsync(stage::forwardFrom, executorOf(stage));
      }
      CompletableFuture<Stage.LossResult> loss = out.thenApplyAsync(
          o -> lastStage.lossAndBackward(micro, ys, rows), executorOf(lastStage));
      logits.add(loss.thenApply(Stage.LossResult::logits));
      CompletableFuture<PtNDArray> grad = loss.thenApply(Stage.LossResult::inputGradient);
      for (int s = stages.size() - 2; s >= 0; s--) {
        Stage stage = stages.get(s);
        grad = grad.thenApplyAsync(g -> stage.backward(micro, g), executorOf(stage));
      }
      done.add(grad);
    }
    join(done);
    float[] all = new float[rows * classes];
    int at = 0;
    for (CompletableFuture<float[]> f : logits) {
      float[] part = f.join();
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static java.util.concurrent.Executor executorOf(Stage stage) {
    return stage.executor();
  }

  private static void join(List<? extends CompletableFuture<?>> futures) {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static double[] lossAndHits(float[] logits, int classes, long[] labels) {
    double lossSum = 0;
    long correct = 0;
    for (int r = 0; r < labels.length; r++) {
      int label = (int) labels[r];
      lossSum += Logits.crossEntropy(logits, r * classes, classes, label);
      if (Logits.argMax(logits, r * classes, classes) == label) {
        correct++;
      }
    }
    return new double[] {lossSum / labels.length, correct};
  }
}
