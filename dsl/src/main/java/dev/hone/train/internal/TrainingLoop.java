package dev.hone.train.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.compress.Distillation;
import dev.hone.data.Dataset;
import dev.hone.data.augment.Augmentation;
import dev.hone.data.internal.Shuffle;
import dev.hone.layer.Activation;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.provenance.Step;
import dev.hone.runtime.internal.Engines;
import dev.hone.runtime.internal.Logits;
import dev.hone.runtime.internal.NativeMlp;
import dev.hone.runtime.internal.Workers;
import dev.hone.train.DataParallel;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.StopReason;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import dev.hone.train.TrainingPlan;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One training run of {@link MlpTrainer}: the weights, replicas, optimizer state and training rows
 * on the engine, the epoch and batch loop, and how the run stopped.
 */
final class TrainingLoop {

  private static final long[] STEP_ONE = {1};

  private final Activation activation;
  private final List<? extends Layer> init;
  private final Dataset train;
  private final Dataset validation;
  private final TrainConfig config;
  private final Objective objective;
  private final StepHook hook;
  private final String title;
  private final TrainingListener listener;
  private final int inputs;
  private final int classes;
  private final List<EpochStats> epochs = new ArrayList<>();
  private final boolean copyReplicas;
  private Distillation distill;
  private Replica[] replicas;
  private PtNDManager[] scopes;
  private Crew crew;
  // Set up once per run (setUp).
  private NDManager root;
  private ai.djl.Device[] devices;
  private int batchSize;
  private int batches;
  private NativeMlp mlp;
  private NDArray[] params;
  private NDArray[] backup;
  private SplitStep split;
  private Updater updater;
  private int[] labels;
  private PtNDArray allX;
  private NDArray allY;
  private NDArray allSoft;
  /** Per replica: the backward seed of its last shard, and the shard and batch rows it is for. */
  private PtNDArray[] seeds;
  private long[] seedKeys;
  private NDManager[] seedScopes;
  private Augmentation augment;
  private float[] heapX;
  private float[] batchX;
  private ByteBuffer batchDirect;
  private SplittableRandom shuffler;
  private long stepsDone;
  // Set per epoch (trainEpoch), and per batch for the learning rate.
  private int[] order;
  private PtNDArray index;
  private PtNDArray ys;
  private PtNDArray soft;
  private SplittableRandom draws;
  private double lr;
  // How the run stopped.
  private StopReason reason = StopReason.COMPLETED;
  private String note = "";
  private Step stopStep;

  TrainingLoop(Activation activation, List<? extends Layer> init, Dataset train, Dataset validation,
      TrainConfig config, Objective objective, StepHook hook, String title,
      TrainingListener listener, boolean copyReplicas) {
    this.copyReplicas = copyReplicas;
    this.activation = activation;
    this.init = init;
    this.train = train;
    this.validation = validation;
    this.config = config;
    this.objective = objective;
    this.hook = hook;
    this.title = title;
    this.listener = listener;
    this.inputs = init.get(0).inputs();
    this.classes = init.get(init.size() - 1).outputs();
  }

  TrainingRun execute() {
    Engine engine = Engines.engine();
    int n = train.size();
    batchSize = Math.min(config.batchSize(), n);
    batches = (n + batchSize - 1) / batchSize;
    devices = replicaDevices();
    listener.onStart(new TrainingPlan(title, config.epochs(), batches, n,
        validation == null ? 0 : validation.size()));
    List<Dense> result;
    crew = devices.length == 1 ? null : new Crew(devices.length - 1, "hone-replica");
    int intraOpBefore = crew == null ? 0 : JniUtils.getNumThreads();
    try (NDManager root = engine.newBaseManager(devices[0])) {
      if (crew != null) {
        // Each replica thread gets its share of the cores for the engine's own threads, as
        // the sweep's workers do, so replicas do not oversubscribe the cores.
        int intraOp = Math.max(1, Workers.cores() / devices.length);
        crew.onEveryThread(crew.parts(), part -> {
          JniUtils.setNumThreads(intraOp);
          return null;
        });
      }
      setUp(root);
      double bestValidation = Double.POSITIVE_INFINITY;
      List<Dense> best = null;
      int sinceBest = 0;
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        EpochMeter meter = new EpochMeter();
        if (!trainEpoch(epoch, meter)) {
          break;
        }
        double trainSeconds = meter.seconds();
        double valLoss = Double.NaN;
        double valAcc = Double.NaN;
        if (validation != null) {
          double[] v = measure(mlp, validation, root);
          valLoss = v[0];
          valAcc = v[1];
        }
        EpochStats stats = meter.stats(epoch + 1, valLoss, valAcc, lr, meter.seconds(),
            trainSeconds, mlp.weightSparsity());
        epochs.add(stats);
        listener.onEpoch(stats);
        if (config.earlyStoppingPatience() > 0) {
          if (valLoss < bestValidation) {
            bestValidation = valLoss;
            best = mlp.toLayers();
            sinceBest = 0;
          } else if (++sinceBest >= config.earlyStoppingPatience()) {
            reason = StopReason.EARLY_STOPPED;
            stopStep = Step.of("early_stop").with("epoch", epoch + 1)
                .with("best", epoch + 1 - sinceBest);
            note = String.format(Locale.ROOT, "early stop after epoch %d: validation loss did"
                + " not improve on %.4f for %d epochs; weights are the best epoch's",
                epoch + 1, bestValidation, sinceBest);
            break;
          }
        }
      }
      result = reason == StopReason.EARLY_STOPPED && best != null ? best : mlp.toLayers();
    } finally {
      if (crew != null) {
        crew.close();
        JniUtils.setNumThreads(intraOpBefore);
      }
    }
    History history = new History(epochs, reason, note);
    listener.onEnd(history);
    // A run that stopped early says so in the chain, so a saved model never passes for a
    // complete run.
    return new TrainingRun(result, history, stopStep);
  }

  /**
   * Puts the weights, the replicas, the optimizer state and the training rows on the engine,
   * all owned by {@code root}.
   */
  private void setUp(NDManager root) {
    this.root = root;
    int n = train.size();
    Engines.gradMode(false);
    mlp = new NativeMlp(init, activation, root);
    replicas = new Replica[devices.length];
    replicas[0] = new Replica(mlp, true);
    for (int r = 1; r < devices.length; r++) {
      replicas[r] = devices[r].equals(devices[0]) && !copyReplicas
          ? new Replica(mlp.sharingMemory(), true)
          : new Replica(mlp.copyOn(root.newSubManager(devices[r])), false);
    }
    hook.start(mlp, root, batches);
    refreshCopies(mlp);
    params = mlp.parameters();
    backup = new NDArray[params.length];
    for (int i = 0; i < params.length; i++) {
      backup[i] = JniUtils.clone((PtNDArray) params[i]);
      params[i].setRequiresGradient(true);
    }
    // Replicas over shared weights split the step's tail (backup, gradient sum, update) by
    // rows; replicas with their own copies (other devices) leave it to this thread.
    boolean allShared = java.util.Arrays.stream(replicas).allMatch(r -> r.shared);
    split = crew != null && allShared ? new SplitStep(params, backup,
        config.optimizer(), config.weightDecay(), replicas.length, root) : null;
    updater = split != null ? null
        : new Updater(config.optimizer(), config.weightDecay(), params, root);
    labels = train.labels();
    distill = objective instanceof Objective.Distill d ? d.settings() : null;
    // The teacher's softened distribution softmax(z_t / T) is computed once for every row and
    // gathered with the rows each epoch.
    allSoft = distill == null ? null
        : root.create(softTargets(((Objective.Distill) objective).teacherLogits().apply(train),
            n, distill.temperature()), new Shape(n, classes));
    // The training rows live on the engine for the whole run; each batch gathers its rows
    // from them in the epoch's shuffled order.
    augment = config.augmentation() == null
        || config.augmentation().isIdentity() ? null : config.augmentation();
    // With augmentation, each batch's images are transformed on the heap into one reused
    // batch buffer (fresh draws per epoch). The batch reaches the engine through one reused
    // direct buffer: a heap buffer would make DJL allocate a fresh direct buffer per batch,
    // whose release waits for the GC (measured: training ran at a fifth of its speed). The
    // engine's tensor views that buffer, and every tensor of a batch is closed before the next
    // batch overwrites it.
    if (augment != null) {
      augment.checkFits(train);
      heapX = new float[n * inputs];
      train.featureBuffer().get(heapX);
      batchX = new float[batchSize * inputs];
      batchDirect = ByteBuffer.allocateDirect(batchX.length * Float.BYTES)
          .order(ByteOrder.nativeOrder());
    }
    allX = (PtNDArray) root.create(train.featureBuffer(), new Shape(n, inputs));
    long[] labels64 = new long[n];
    for (int i = 0; i < n; i++) {
      labels64[i] = labels[i];
    }
    allY = root.create(labels64, new Shape(n, 1));
    seeds = new PtNDArray[replicas.length];
    seedKeys = new long[replicas.length];
    seedScopes = new NDManager[replicas.length];
    for (int r = 0; r < replicas.length; r++) {
      seedScopes[r] = root.newSubManager(devices[r]);
    }
    shuffler = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
  }

  /**
   * Trains one epoch over the rows in a fresh shuffled order. Returns false when the thread
   * was interrupted, with the partial epoch recorded and the run's stop reason set.
   */
  private boolean trainEpoch(int epoch, EpochMeter meter) {
    int n = train.size();
    order = Shuffle.permutation(n, shuffler);
    lr = config.learningRateAt(epoch);
    try (NDManager epochScope = root.newSubManager()) {
      long[] order64 = new long[n];
      for (int i = 0; i < n; i++) {
        order64[i] = order[i];
      }
      index = (PtNDArray) epochScope.create(order64);
      draws = augment == null ? null : Augmentation.epochRandom(config.seed(), epoch);
      ys = (PtNDArray) allY.get(index);
      ys.attach(epochScope);
      soft = null;
      if (allSoft != null) {
        soft = (PtNDArray) allSoft.get(index);
        soft.attach(epochScope);
      }
      // One scope for every batch's arrays, emptied after each batch; one per replica.
      scopes = new PtNDManager[replicas.length];
      scopes[0] = (PtNDManager) epochScope.newSubManager();
      for (int r = 1; r < replicas.length; r++) {
        scopes[r] = (PtNDManager) epochScope.newSubManager(devices[r]);
      }
      for (int b = 0; b < batches; b++) {
        if (Thread.currentThread().isInterrupted()) {
          reason = StopReason.INTERRUPTED;
          stopStep = Step.of("interrupted").with("epoch", epoch + 1).with("batch", b + 1);
          note = EpochMeter.interruptedNote(epoch + 1, b + 1, batches);
          if (meter.any()) {
            double secs = meter.seconds();
            epochs.add(meter.stats(epoch + 1, Double.NaN, Double.NaN, lr, secs, secs,
                mlp.weightSparsity()));
          }
          return false;
        }
        lr = config.learningRateAt(epoch + (double) b / batches);
        float batchLoss = trainBatch(epoch, b, meter);
        listener.onBatch(meter.progress(epoch + 1, b + 1, batches, batchLoss, lr));
      }
    }
    return true;
  }

  /**
   * One optimizer step on batch {@code b} of the epoch's order: forward and backward (over
   * the replicas' shards), the divergence check, the update and the step hook. Returns the
   * batch's mean loss.
   */
  private float trainBatch(int epoch, int b, EpochMeter meter) {
    int from = b * batchSize;
    int rows = Math.min(batchSize, train.size() - from);
    PtNDManager step = scopes[0];
    int shards = Math.min(replicas.length, rows);
    // With a split update, each of its parts frees one replica's arrays in the update round; this
    // thread frees them here only when the step did not get that far.
    boolean freed = false;
    float batchLoss;
    try {
      PtNDArray x = augment == null ? null : augmentedBatch(from, rows, step);
      double[] lossAndHits;
      if (shards == 1) {
        float[] out = shardPass(0, x, from, 0, rows, rows);
        lossAndHits = lossAndHits(out, classes, labels, order, from, rows);
      } else {
        lossAndHits = parallelPass(x, from, rows, shards);
      }
      batchLoss = (float) lossAndHits[0];
      long hits = (long) lossAndHits[1];
      if (!Float.isFinite(batchLoss)) {
        for (int i = 0; i < params.length; i++) {
          Engines.copyInto(backup[i], params[i]);
        }
        diverged(mlp, epoch + 1, b + 1, batchLoss, lr);
      }
      meter.add(batchLoss, hits, rows);
      update(shards);
      freed = split != null;
      hook.afterStep(mlp, ++stepsDone);
      refreshCopies(mlp);
    } finally {
      if (!freed) {
        for (PtNDManager scope : scopes) {
          for (NDArray a : scope.getManagedArrays()) {
            a.close();
          }
        }
      }
    }
    return batchLoss;
  }

  /**
   * Gathers the rows of {@code batchIndex} from the training rows on the engine: one row copy
   * each, into an array that is still in the cache when the first layer reads it.
   */
  private PtNDArray gather(PtNDArray batchIndex, PtNDManager scope) {
    PtNDArray x = JniUtils.embedding(batchIndex, allX, false);
    x.attach(scope);
    return x;
  }

  /** Transforms the batch's images on the heap and hands them to the engine. */
  private PtNDArray augmentedBatch(int from, int rows, PtNDManager step) {
    for (int k = 0; k < rows; k++) {
      augment.apply(heapX, order[from + k] * inputs, batchX, k * inputs, draws);
    }
    batchDirect.clear();
    batchDirect.asFloatBuffer().put(batchX, 0, rows * inputs);
    batchDirect.limit(rows * inputs * Float.BYTES);
    return step.create(batchDirect, new Shape(rows, inputs), DataType.FLOAT32);
  }

  /**
   * Backs up the weights (for a divergence restore), sums the shards' gradients, applies the
   * optimizer step and zeroes the gradients: split by rows over the replica threads when they
   * share the weights, on this thread otherwise.
   */
  private void update(int shards) {
    if (split != null) {
      split.prepare(replicas, shards);
      double stepLr = lr;
      // Parts go to whichever thread is free first (Crew.share): the same bytes, and a thread
      // that lost its core for a while does not hold the step up.
      crew.share(split.count(), part -> {
        Engines.gradMode(false);
        split.run(part, shards, stepLr);
        // The batch's arrays are done with: each part frees its shard's.
        for (NDArray array : scopes[part].getManagedArrays()) {
          array.close();
        }
        return null;
      });
      return;
    }
    if (shards == 1) {
      updater.step(params, java.util.Collections.singletonList(replicas[0].grads()), backup, lr);
      return;
    }
    // Replicas with their own copies (other devices): their gradients come over first.
    for (int i = 0; i < params.length; i++) {
      Engines.copyInto(params[i], backup[i]);
    }
    NDArray[] grads = replicas[0].grads();
    sumGradients(shards);
    updater.apply(params, grads, lr);
    replicas[0].zeroGrads();
  }

  /**
   * Returns the device of each replica, the trained weights' first; a GPU the engine does not
   * see fails here, naming what it found.
   */
  private ai.djl.Device[] replicaDevices() {
    DataParallel dp = config.dataParallel();
    ai.djl.Device[] out = new ai.djl.Device[config.replicas()];
    if (dp == null || dp.devices().isEmpty()) {
      java.util.Arrays.fill(out, Engines.resolve(config.device()));
      return out;
    }
    for (int r = 0; r < out.length; r++) {
      try {
        out[r] = Engines.resolve(dp.devices().get(r));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("dataParallel(" + dp.describe() + "): "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Forward and backward of replica {@code k} on {@code count} rows of a batch of {@code rows},
   * in the calling thread; gradients add into the replica's own {@code .grad}. The backward seed
   * is {@code -count / rows} on the shard's mean loss (passed to each row's log-likelihood as
   * {@code -count / rows / count} without distillation), so each shard counts by its share of the
   * batch and the shards' gradients sum to the batch's.
   *
   * @return the shard's logits, read back once
   */
  private float[] pass(int k, PtNDArray x, PtNDArray y, PtNDArray p, int count, int rows) {
    Replica rep = replicas[k];
    PtNDArray logits;
    Engines.gradMode(true);
    try {
      logits = (PtNDArray) rep.mlp.forward(x);
      PtNDArray logLikelihoods = JniUtils.gather(
          JniUtils.logSoftmax(logits, 1, DataType.FLOAT32), y, 1);
      // Without distillation, backward starts from the rows' log-likelihoods, not their mean: the
      // same bytes, one op and one autograd node fewer (see backwardSeed).
      PtNDArray start = logLikelihoods;
      if (distill != null) {
        // -L = alpha T^2 mean(sum(p_t log q_s)) + (1 - alpha) mean(log p(y)), up to the
        // teacher's entropy, which has no gradient.
        float t = (float) distill.temperature();
        float alpha = (float) distill.alpha();
        NDArray logQ = JniUtils.logSoftmax(logits.div(t), 1, DataType.FLOAT32);
        NDArray softTerm = logQ.mul(p).sum(new int[] {1}).mean().mul(alpha * t * t);
        start = (PtNDArray) softTerm.add(JniUtils.mean(logLikelihoods).mul(1 - alpha));
      }
      JniUtils.backward(start, backwardSeed(k, count, rows), false, false);
    } finally {
      Engines.gradMode(false);
    }
    // One read of the logits is the shard's only sync with the engine: the loss (for the NaN
    // check and the history) and the hits are computed from it.
    return logits.toFloatArray();
  }

  /**
   * Returns replica {@code k}'s backward seed for a shard of {@code count} rows of a batch of
   * {@code rows}: with distillation, {@code -count / rows} on the shard's mean loss; without, on
   * each row's log-likelihood, what the mean passes back from that seed in the same float
   * arithmetic, {@code -count / rows / count}. Made once for each shape of shard and batch (every
   * full batch has the same) and kept until it changes.
   */
  private PtNDArray backwardSeed(int k, int count, int rows) {
    long key = (long) count << 32 | rows;
    if (seeds[k] == null || seedKeys[k] != key) {
      if (seeds[k] != null) {
        seeds[k].close();
      }
      float onMean = -(float) ((double) count / rows);
      if (distill != null) {
        seeds[k] = (PtNDArray) seedScopes[k].create(onMean);
      } else {
        float[] perRow = new float[count];
        java.util.Arrays.fill(perRow, onMean / count);
        seeds[k] = (PtNDArray) seedScopes[k].create(perRow, new Shape(count, 1));
      }
      seedKeys[k] = key;
    }
    return seeds[k];
  }

  /**
   * Rows {@code [lo, hi)} of the batch from row {@code from} of the epoch's order through
   * replica {@code k}, in the calling thread, which takes the shard's labels and gathers its rows
   * itself unless the batch {@code x} was built on the heap.
   */
  private float[] shardPass(int k, PtNDArray x, int from, int lo, int hi, int rows) {
    PtNDManager scope = scopes[k];
    Replica rep = replicas[k];
    long[] start = {from + lo};
    long[] end = {from + hi};
    PtNDArray xk = x == null
        ? gather(JniUtils.index(index, start, end, STEP_ONE, scope), scope)
        : JniUtils.index(x, new long[] {lo}, new long[] {hi}, STEP_ONE, scope);
    PtNDArray yk = JniUtils.index(ys, start, end, STEP_ONE, scope);
    PtNDArray pk = soft == null ? null : JniUtils.index(soft, start, end, STEP_ONE, scope);
    if (!rep.shared) {
      ai.djl.Device d = scope.getDevice();
      xk = xk.toDevice(d, false);
      yk = yk.toDevice(d, false);
      pk = pk == null ? null : pk.toDevice(d, false);
    }
    return pass(k, xk, yk, pk, hi - lo, rows);
  }

  /**
   * One batch over {@code shards} replicas, all at the same weights, each shard's pass in
   * whichever of this thread and the crew's is free first: a shard's gradient is its replica's,
   * whoever computes it. Returns the batch's mean loss and hit count.
   */
  private double[] parallelPass(PtNDArray x, int from, int rows, int shards) {
    int[] offsets = new int[shards + 1];
    for (int k = 0; k < shards; k++) {
      offsets[k + 1] = offsets[k] + rows / shards + (k < rows % shards ? 1 : 0);
    }
    List<float[]> outs = crew.share(shards,
        k -> shardPass(k, x, from, offsets[k], offsets[k + 1], rows));
    double lossSum = 0;
    long hits = 0;
    for (int k = 0; k < shards; k++) {
      int n = offsets[k + 1] - offsets[k];
      double[] lh = lossAndHits(outs.get(k), classes, labels, order, from + offsets[k], n);
      lossSum += lh[0] * n;
      hits += (long) lh[1];
    }
    return new double[] {lossSum / rows, hits};
  }

  /** Copies the trained weights into the replicas that hold their own copy. */
  private void refreshCopies(NativeMlp mlp) {
    for (int r = 1; r < replicas.length; r++) {
      if (!replicas[r].shared) {
        mlp.copyInto(replicas[r].mlp);
      }
    }
  }

  /**
   * Adds the gradients of replicas 1..shards-1 into replica 0's, in replica order (so the sum
   * is the same every run), and zeroes theirs.
   */
  private void sumGradients(int shards) {
    NDArray[] total = replicas[0].grads();
    for (int k = 1; k < shards; k++) {
      NDArray[] g = replicas[k].grads();
      for (int i = 0; i < total.length; i++) {
        if (replicas[k].shared) {
          total[i].addi(g[i]);
        } else {
          try (NDArray moved = g[i].toDevice(total[i].getDevice(), true)) {
            total[i].addi(moved);
          }
        }
      }
      replicas[k].zeroGrads();
    }
  }

  /** Returns softmax(z / T) of every row, computed in double. */
  private float[] softTargets(float[] logits, int rows, double temperature) {
    if (logits.length != (long) rows * classes) {
      throw new IllegalArgumentException("the teacher gave " + logits.length + " logits for "
          + rows + " rows of " + classes + " classes");
    }
    float[] p = new float[logits.length];
    for (int r = 0; r < rows; r++) {
      int o = r * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[o + c] / temperature);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[o + c] / temperature - max);
      }
      for (int c = 0; c < classes; c++) {
        p[o + c] = (float) (Math.exp(logits[o + c] / temperature - max) / sum);
      }
    }
    return p;
  }

  /**
   * Returns the mean cross-entropy of a batch (in double, from the engine's float logits; NaN
   * or infinite when a logit is) and the number of rows whose largest logit (the first, on
   * ties, as torch.argmax) is the label.
   */
  private static double[] lossAndHits(float[] logits, int classes, int[] labels, int[] order,
      int from, int rows) {
    double lossSum = 0;
    long correct = 0;
    for (int r = 0; r < rows; r++) {
      int label = labels[order[from + r]];
      lossSum += Logits.crossEntropy(logits, r * classes, classes, label);
      if (Logits.argMax(logits, r * classes, classes) == label) {
        correct++;
      }
    }
    return new double[] {lossSum / rows, correct};
  }

  private void diverged(NativeMlp mlp, int epoch, int batch, float loss, double lr) {
    String message = String.format(Locale.ROOT, "training diverged: the loss was %s at epoch"
        + " %d, batch %d (learning rate %.3g); training stopped. The last weights that gave a"
        + " finite loss are in lastGoodModel(). Try a smaller learning rate or check the data"
        + " scale.", loss, epoch, batch, lr);
    History history = new History(epochs, StopReason.DIVERGED, message);
    listener.onEnd(history);
    throw new DivergedException(message, epoch, batch, mlp.toLayers(), history);
  }

  /** Returns {mean loss, accuracy} on the data, without gradients, scored as evaluate() does. */
  private double[] measure(NativeMlp mlp, Dataset data, NDManager root) {
    int chunk = 2048;
    double lossSum = 0;
    long correct = 0;
    FloatBuffer features = data.featureBuffer();
    for (int start = 0; start < data.size(); start += chunk) {
      int rows = Math.min(chunk, data.size() - start);
      float[] x = new float[rows * inputs];
      features.get(start * inputs, x);
      float[] logits;
      try (NDManager step = root.newSubManager()) {
        logits = mlp.forward(step.create(x, new Shape(rows, inputs))).toFloatArray();
      }
      for (int r = 0; r < rows; r++) {
        int label = data.label(start + r);
        lossSum += Logits.crossEntropy(logits, r * classes, classes, label);
        if (Logits.argMax(logits, r * classes, classes) == label) {
          correct++;
        }
      }
    }
    return new double[] {lossSum / data.size(), (double) correct / data.size()};
  }
}
