package dev.hone.parallel.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.runtime.internal.Engines;
import dev.hone.runtime.internal.NativeMlp;
import dev.hone.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One pipeline stage: a contiguous run of an MLP's layers, their engine arrays and optimizer
 * state, and the one thread that touches them. Every method that reads or writes the arrays runs
 * on that thread (through {@link #on}), so PyTorch's thread-local grad mode and the arrays'
 * lifetimes stay with the stage.
 *
 * <p>Native memory: the parameters and moments belong to the stage's root manager, closed by
 * {@link #close()}; each batch's activations belong to a batch scope closed after the update.
 */
final class Stage implements AutoCloseable {

  /** What a stage keeps of one micro-batch until its backward pass. */
  private record Saved(PtNDArray input, PtNDArray output) {}

  private final int index;
  private final boolean last;
  private final NativeMlp net;
  private final ExecutorService thread;
  private final NDManager root;
  private final PtNDArray[] params;
  private final PtNDArray[] grads;
  private final PtNDArray[] first;
  private final PtNDArray[] second;
  private final ai.djl.Device device;
  private NDManager batch;
  private final List<Saved> saved = new ArrayList<>();
  private long step;

  Stage(int index, boolean last, List<? extends Layer> layers,
      dev.hone.layer.Activation activation, ai.djl.Device device, int intraOpThreads) {
    this.index = index;
    this.last = last;
    this.device = device;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(() -> {
        JniUtils.setNumThreads(intraOpThreads);
        r.run();
      }, "hone-pipeline-stage-" + index);
      t.setDaemon(true);
      return t;
    });
    this.root = Engines.engine().newBaseManager(device);
    net = new NativeMlp(layers, activation, root);
    NDArray[] all = net.parameters();
    params = new PtNDArray[all.length];
    grads = new PtNDArray[params.length];
    first = new PtNDArray[params.length];
    second = new PtNDArray[params.length];
    for (int i = 0; i < all.length; i++) {
      params[i] = (PtNDArray) all[i];
    }
    for (int i = 0; i < params.length; i++) {
      params[i].setRequiresGradient(true);
      first[i] = (PtNDArray) root.zeros(params[i].getShape());
      second[i] = (PtNDArray) root.zeros(params[i].getShape());
    }
  }

  int index() {
    return index;
  }

  /** Runs work on this stage's thread. */
  <T> CompletableFuture<T> on(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, thread);
  }

  /** Returns the stage's thread, for chaining work onto it. */
  java.util.concurrent.Executor executor() {
    return thread;
  }

  /** Starts a batch: a fresh scope for its activations. */
  void beginBatch() {
    batch = root.newSubManager();
    saved.clear();
  }

  /**
   * Stage 0: puts a micro-batch's rows on the engine and runs the stage forward.
   *
   * @param x row-major features
   * @param rows rows of the micro-batch
   * @param inputs features per row
   * @return the stage's output, owned by this stage's batch scope
   */
  PtNDArray forwardRows(float[] x, int rows, int inputs) {
    PtNDArray in = (PtNDArray) batch.create(x, new Shape(rows, inputs));
    return forward(in, false);
  }

  /**
   * Runs the stage forward from the previous stage's output. The input is detached from the
   * previous stage's graph, so this stage's backward stops at its own input and hands that
   * gradient back instead of running the previous stage's backward on this thread.
   *
   * @param previous the previous stage's output for this micro-batch
   * @return this stage's output
   */
  PtNDArray forwardFrom(PtNDArray previous) {
    PtNDArray in = JniUtils.detachGradient(previous);
    if (!in.getDevice().equals(device)) {
      in = JniUtils.to(in, DataType.FLOAT32, device);
    }
    in.attach(batch);
    in.setRequiresGradient(true);
    return forward(in, true);
  }

  private PtNDArray forward(PtNDArray in, boolean keepInput) {
    Engines.gradMode(true);
    try {
      // Intermediate arrays go to the input's manager: this batch's scope.
      NDArray h = net.forward(in, !last);
      saved.add(new Saved(keepInput ? in : null, (PtNDArray) h));
      return (PtNDArray) h;
    } finally {
      Engines.gradMode(false);
    }
  }

  /**
   * Last stage: the micro-batch's share of the batch's mean cross-entropy, backward through
   * this stage. Scaling each micro-batch's mean by {@code rows / batchRows} makes the gradients
   * accumulated over the micro-batches those of the whole batch's mean.
   *
   * @param micro the micro-batch's position in this batch
   * @param labels the micro-batch's labels
   * @param batchRows rows of the whole batch
   * @return the logits (for loss and hits) and the gradient at this stage's input (null on a
   *     one-stage pipeline)
   */
  LossResult lossAndBackward(int micro, long[] labels, int batchRows) {
    Saved s = saved.get(micro);
    Engines.gradMode(true);
    try {
      PtNDArray y = (PtNDArray) batch.create(labels, new Shape(labels.length, 1));
      PtNDArray logp = JniUtils.logSoftmax(s.output(), 1, DataType.FLOAT32);
      logp.attach(batch);
      PtNDArray picked = JniUtils.gather(logp, y, 1);
      picked.attach(batch);
      PtNDArray likelihood = JniUtils.mean(picked);
      likelihood.attach(batch);
      PtNDArray scale = (PtNDArray) batch.create(-(float) labels.length / batchRows);
      JniUtils.backward(likelihood, scale, false, false);
    } finally {
      Engines.gradMode(false);
    }
    return new LossResult(s.output().toFloatArray(), inputGradient(s));
  }

  /**
   * Runs the backward pass of one micro-batch from the gradient at this stage's output.
   *
   * @param micro the micro-batch's position in this batch
   * @param gradient the gradient at this stage's output, from the next stage
   * @return the gradient at this stage's input, or null on stage 0
   */
  PtNDArray backward(int micro, PtNDArray gradient) {
    Saved s = saved.get(micro);
    PtNDArray g = gradient;
    if (!g.getDevice().equals(device)) {
      g = JniUtils.to(g, DataType.FLOAT32, device);
      g.attach(batch);
    }
    Engines.gradMode(true);
    try {
      JniUtils.backward(s.output(), g, false, false);
    } finally {
      Engines.gradMode(false);
    }
    return inputGradient(s);
  }

  private PtNDArray inputGradient(Saved s) {
    if (s.input() == null) {
      return null;
    }
    PtNDArray g = JniUtils.getGradient(s.input());
    g.attach(batch);
    return g;
  }

  /**
   * One optimizer step on this stage's parameters from the accumulated gradients, then zeroes
   * them and frees the batch's activations. The update is torch.optim's Adam (or SGD), computed
   * by the engine's fused kernels as Hone's trainer does.
   *
   * @param optimizer Adam or SGD
   * @param weightDecay L2 decay added to the gradient
   * @param lr this step's learning rate
   */
  void update(Optimizer optimizer, double weightDecay, double lr) {
    step++;
    for (int i = 0; i < params.length; i++) {
      if (grads[i] == null) {
        // The .grad tensor stays the same one after the first backward; autograd accumulates
        // into it and zeroGrad zeroes it in place.
        grads[i] = JniUtils.getGradient(params[i]);
        grads[i].attach(root);
      }
      if (optimizer instanceof Optimizer.Adam a) {
        double c1 = 1 - Math.pow(a.beta1(), step);
        double c2 = 1 - Math.pow(a.beta2(), step);
        boolean decoupled = a.decoupledWeightDecay() > 0;
        JniUtils.adamUpdate(params[i], grads[i], first[i], second[i], (float) lr,
            (float) (lr * Math.sqrt(c2) / c1),
            (float) (decoupled ? a.decoupledWeightDecay() : weightDecay), 1f, -1f,
            (float) a.beta1(), (float) a.beta2(), (float) (a.epsilon() * Math.sqrt(c2)),
            decoupled);
      } else {
        JniUtils.sgdUpdate(params[i], grads[i], grads[i], (float) lr, (float) weightDecay, 1f,
            -1f, 0f);
      }
      JniUtils.zeroGrad(params[i]);
    }
    endBatch();
  }

  /** Frees the batch's activations without an update (gradient checks). */
  void endBatch() {
    saved.clear();
    if (batch != null) {
      batch.close();
      batch = null;
    }
  }

  /** Returns the accumulated gradients, weight then bias per layer, in Hone's weight layout. */
  List<float[]> gradients() {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      PtNDArray g = JniUtils.getGradient(params[i]);
      float[] v = g.toFloatArray();
      g.close();
      if (i % 2 == 0) {
        Shape s = params[i].getShape();
        v = NativeMlp.transpose(v, (int) s.get(0), (int) s.get(1));
      }
      out.add(v);
    }
    return out;
  }

  /** Zeroes the accumulated gradients. */
  void zeroGradients() {
    for (PtNDArray p : params) {
      JniUtils.zeroGrad(p);
    }
  }

  /** Reads the stage's layers back as immutable values. */
  List<Dense> layers() {
    return net.toLayers();
  }

  /** Closes the stage's arrays on its own thread, then stops the thread. */
  @Override
  public void close() {
    try {
      on(() -> {
        endBatch();
        root.close();
        return null;
      }).join();
    } finally {
      thread.shutdownNow();
    }
  }

  /** What the last stage returns for one micro-batch. */
  record LossResult(float[] logits, PtNDArray inputGradient) {}
}
