package dev.hone.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.runtime.internal.Engines;
import dev.hone.train.Optimizer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one optimizer step to the parameters, in place, following {@code torch.optim}'s update
 * rules. Its state arrays (moments) belong to the manager given at construction.
 *
 * <p>Adam without weight decay runs on the Java heap for CPU parameters ({@link HeapAdam}), and
 * in place on the engine for others. Adam with decay and plain SGD run as one fused native call
 * per parameter (DJL's {@code adamUpdate} and {@code sgdUpdate}), which saves about a dozen
 * engine calls and temporaries per parameter and step; the other rules are composed from array
 * ops. The caller turns grad mode off first.
 */
final class Updater {

  private final Optimizer optimizer;
  private final double weightDecay;
  private final NDArray[] first;
  private final NDArray[] second;
  private final List<NDArray> temporaries = new ArrayList<>();
  private final boolean fused;
  /** Per parameter: a scratch array of its shape for the in-place Adam, or null. */
  private final NDArray[] scratch;
  /** Per parameter: its Adam on the Java heap (CPU parameters), or null. */
  private final HeapAdam[] heap;
  private final NDManager manager;
  private NDArray[] constants;
  private long step;
  /** For {@link #step}: per parameter, the views its heap Adam works through, or null. */
  private FloatBuffer[][] tails;
  private FloatBuffer[] tailBackups;
  /** The arrays the views above were made of. */
  private List<NDArray[]> tailArrays;
  private NDArray[] tailBackupArrays;
  private NDArray zero;

  /** Parameters with at least this many elements get the in-place Adam (see {@link #adamInPlace}). */
  static final long IN_PLACE_MIN_SIZE = 4096;

  Updater(Optimizer optimizer, double weightDecay, NDArray[] params, NDManager manager) {
    this(optimizer, weightDecay, params, manager, true, IN_PLACE_MIN_SIZE);
  }

  /** As above; {@code allowFused = false} forces the array-op rules (tests compare the two). */
  Updater(Optimizer optimizer, double weightDecay, NDArray[] params, NDManager manager,
      boolean allowFused) {
    this(optimizer, weightDecay, params, manager, allowFused, IN_PLACE_MIN_SIZE);
  }

  /**
   * As above; parameters of at least {@code inPlaceMinSize} elements take the in-place Adam when
   * there is no weight decay ({@code Long.MAX_VALUE} never).
   */
  Updater(Optimizer optimizer, double weightDecay, NDArray[] params, NDManager manager,
      boolean allowFused, long inPlaceMinSize) {
    this(optimizer, weightDecay, params, manager, allowFused, inPlaceMinSize, sizes(params),
        true);
  }

  /**
   * As above; {@code allowHeap = false} keeps Adam on the engine for CPU parameters too (the
   * benchmark and tests compare the two).
   */
  Updater(Optimizer optimizer, double weightDecay, NDArray[] params, NDManager manager,
      boolean allowFused, long inPlaceMinSize, boolean allowHeap) {
    this(optimizer, weightDecay, params, manager, allowFused, inPlaceMinSize, sizes(params),
        allowHeap);
  }

  /**
   * As the first constructor, for parts (row ranges) of parameters: {@code wholeSizes} are the
   * sizes of the parameters the parts come from, and choose between the in-place and the fused
   * Adam as they would for the whole, so a split update rounds exactly as the unsplit one.
   */
  Updater(Optimizer optimizer, double weightDecay, NDArray[] parts, long[] wholeSizes,
      NDManager manager) {
    this(optimizer, weightDecay, parts, manager, true, IN_PLACE_MIN_SIZE, wholeSizes, true);
  }

  private Updater(Optimizer optimizer, double weightDecay, NDArray[] params, NDManager manager,
      boolean allowFused, long inPlaceMinSize, long[] decidingSizes, boolean allowHeap) {
    this.optimizer = optimizer;
    this.weightDecay = weightDecay;
    this.manager = manager;
    first = new NDArray[params.length];
    second = new NDArray[params.length];
    scratch = new NDArray[params.length];
    heap = new HeapAdam[params.length];
    fused = allowFused && fusable(optimizer, weightDecay);
    boolean inPlace = fused && optimizer instanceof Optimizer.Adam a
        && a.decoupledWeightDecay() == 0 && weightDecay == 0;
    for (int i = 0; i < params.length; i++) {
      heap[i] = inPlace && allowHeap ? HeapAdam.of((PtNDArray) params[i]) : null;
      if (heap[i] == null && inPlace && decidingSizes[i] >= inPlaceMinSize) {
        scratch[i] = manager.zeros(params[i].getShape());
      }
    }
    boolean needsFirst = optimizer instanceof Optimizer.Momentum
        || optimizer instanceof Optimizer.Adam;
    boolean needsSecond = optimizer instanceof Optimizer.Adam
        || optimizer instanceof Optimizer.RmsProp || optimizer instanceof Optimizer.Adagrad;
    for (int i = 0; i < params.length; i++) {
      if (heap[i] != null) {
        continue;
      }
      if (needsFirst) {
        first[i] = manager.zeros(params[i].getShape());
      }
      if (needsSecond) {
        second[i] = manager.zeros(params[i].getShape());
      }
    }
  }

  private static long[] sizes(NDArray[] params) {
    long[] sizes = new long[params.length];
    for (int i = 0; i < params.length; i++) {
      sizes[i] = params[i].size();
    }
    return sizes;
  }

  /**
   * Updates every parameter from its gradient. Results of out-of-place ops land on their first
   * operand's manager, which for state arrays is the long-lived one, so every temporary is
   * registered with {@link #t} and closed before returning.
   *
   * @param params the parameters, changed in place
   * @param grads their gradients, same order
   * @param lr the learning rate for this step
   */
  void apply(NDArray[] params, NDArray[] grads, double lr) {
    apply(params, grads, lr, false);
  }

  /** As above; with {@code heapTails}, heap Adams with views take their whole tail (see step). */
  private void apply(NDArray[] params, NDArray[] grads, double lr, boolean heapTails) {
    step++;
    if (fused) {
      applyFused(params, grads, lr, heapTails);
      return;
    }
    try {
      applyAll(params, grads, lr);
    } finally {
      temporaries.forEach(NDArray::close);
      temporaries.clear();
    }
  }

  /**
   * A whole step's tail: backs every parameter up into {@code backup}, sums the shards'
   * gradients (in shard order) into the first shard's, updates the parameters with the sum, and
   * zeroes every shard's gradients. Parameters with a heap Adam whose arrays can all be written
   * through views do all of it on the heap, without an engine call ({@link
   * HeapAdam#stepAndZero}); the others take the engine's copy, adds and zero fills around
   * {@link #apply}. Both leave the same bytes.
   *
   * @param params the parameters, changed in place
   * @param shardGrads per shard, the gradients of every parameter; shard 0's receive the sum
   *     where the engine sums
   * @param backup receives the parameters before the step, same order and shapes
   * @param lr the learning rate for this step
   */
  void step(NDArray[] params, List<NDArray[]> shardGrads, NDArray[] backup, double lr) {
    int shards = shardGrads.size();
    NDArray[] total = shardGrads.get(0);
    if (!sameTailArrays(shardGrads, backup)) {
      tails = new FloatBuffer[params.length][];
      tailBackups = new FloatBuffer[params.length];
      tailArrays = new ArrayList<>(shardGrads);
      tailBackupArrays = backup;
      for (int i = 0; i < params.length; i++) {
        tails[i] = heap[i] == null ? null : heapTail(shardGrads, i, backup[i]);
      }
    }
    for (int i = 0; i < params.length; i++) {
      if (tails[i] == null) {
        Engines.copyInto(params[i], backup[i]);
        for (int k = 1; k < shards; k++) {
          JniUtils.addi((PtNDArray) total[i], (PtNDArray) shardGrads.get(k)[i]);
        }
      }
    }
    apply(params, total, lr, true);
    for (int i = 0; i < params.length; i++) {
      if (tails[i] == null) {
        if (zero == null) {
          zero = manager.create(0f);
        }
        for (NDArray[] grads : shardGrads) {
          Engines.copyInto(zero, grads[i]);
        }
      }
    }
  }

  /** Whether the last {@link #step} did parameter {@code i}'s tail on the heap (tests). */
  boolean tailOnHeap(int i) {
    return tails != null && tails[i] != null;
  }

  /**
   * Whether the views were made for these very arrays: callers pass the same gradient and
   * backup arrays every step, and new ones (another shard count) get new views.
   */
  private boolean sameTailArrays(List<NDArray[]> shardGrads, NDArray[] backup) {
    if (tails == null || backup != tailBackupArrays || shardGrads.size() != tailArrays.size()) {
      return false;
    }
    for (int k = 0; k < shardGrads.size(); k++) {
      if (shardGrads.get(k) != tailArrays.get(k)) {
        return false;
      }
    }
    return true;
  }

  /** The writable views of parameter {@code i}'s shard gradients and backup, or null. */
  private FloatBuffer[] heapTail(List<NDArray[]> shardGrads, int i, NDArray backup) {
    FloatBuffer[] views = new FloatBuffer[shardGrads.size()];
    for (int k = 0; k < views.length; k++) {
      views[k] = HeapAdam.writableView((PtNDArray) shardGrads.get(k)[i]);
      if (views[k] == null) {
        return null;
      }
    }
    tailBackups[i] = HeapAdam.writableView((PtNDArray) backup);
    return tailBackups[i] == null ? null : views;
  }

  /**
   * Whether the fused native update computes the same rule: Adam with L2 decay or decoupled decay
   * (not both at once), and SGD without momentum.
   */
  static boolean fusable(Optimizer optimizer, double weightDecay) {
    if (optimizer instanceof Optimizer.Adam a) {
      return !(weightDecay > 0 && a.decoupledWeightDecay() > 0);
    }
    return optimizer instanceof Optimizer.Sgd;
  }

  /**
   * DJL's native Adam computes {@code w -= lrc * m / (sqrt(v) + eps')}; torch.optim.Adam computes
   * {@code w -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)} with {@code c_i = 1 - beta_i^t}.
   * Multiplying both terms of the fraction by {@code sqrt(c2)} shows they agree for
   * {@code lrc = lr * sqrt(c2) / c1} and {@code eps' = eps * sqrt(c2)}. Its decoupled decay is
   * {@code w -= lr * wd * w} before the moments, as AdamW's; its L2 decay adds {@code wd * w} to
   * the gradient, as Adam's {@code weight_decay}. A clip bound below 0 turns clipping off.
   */
  private void applyFused(NDArray[] params, NDArray[] grads, double lr,
      boolean heapTails) {
    // This step's bias-corrected rate and epsilon, shared by the three Adam paths.
    float lrc = 0;
    float epsc = 0;
    if (optimizer instanceof Optimizer.Adam a) {
      double c1 = 1 - Math.pow(a.beta1(), step);
      double c2 = 1 - Math.pow(a.beta2(), step);
      lrc = (float) (lr * Math.sqrt(c2) / c1);
      epsc = (float) (a.epsilon() * Math.sqrt(c2));
    }
    NDArray[] perStep = null;
    for (int i = 0; i < params.length; i++) {
      PtNDArray w = (PtNDArray) params[i];
      PtNDArray g = (PtNDArray) grads[i];
      if (heap[i] != null) {
        Optimizer.Adam a = (Optimizer.Adam) optimizer;
        if (heapTails && tails[i] != null) {
          heap[i].stepAndZero(tailBackups[i], tails[i], (float) a.beta1(), (float) a.beta2(),
              lrc, epsc);
        } else {
          heap[i].step(g, (float) a.beta1(), (float) a.beta2(), lrc, epsc);
        }
      } else if (scratch[i] != null) {
        if (perStep == null) {
          perStep = new NDArray[] {manager.create(epsc), manager.create(lrc)};
        }
        adamInPlace((Optimizer.Adam) optimizer, w, g, i, perStep[0], perStep[1]);
      } else if (optimizer instanceof Optimizer.Adam a) {
        boolean decoupled = a.decoupledWeightDecay() > 0;
        JniUtils.adamUpdate(w, g, (PtNDArray) first[i], (PtNDArray) second[i], (float) lr,
            lrc, (float) (decoupled ? a.decoupledWeightDecay() : weightDecay), 1f, -1f,
            (float) a.beta1(), (float) a.beta2(), epsc, decoupled);
      } else {
        // grad = (g + wd * w) * lr; w -= grad. With momentum 0 the state array is not read.
        JniUtils.sgdUpdate(w, g, g, (float) lr, (float) weightDecay, 1f, -1f, 0f);
      }
    }
    if (perStep != null) {
      perStep[0].close();
      perStep[1].close();
    }
  }

  /**
   * The fused rule above, {@code w -= lrc * m / (sqrt(v) + eps')}, as 13 in-place engine ops on
   * one scratch array per parameter and one out-of-place square root. DJL's fused update
   * allocates five weight-sized temporaries per call and took 970 us for the first layer of an
   * MNIST MLP (100,352 weights); this takes about 200. The square root is the engine's
   * {@code sqrt}, not {@code pow(v, 0.5)}: the generic power ran at 275 us an op on that layer,
   * twenty times an elementwise multiply. Rounding can differ from the fused update in the last
   * bit.
   */
  private void adamInPlace(Optimizer.Adam a, PtNDArray w, PtNDArray g, int i, NDArray eps,
      NDArray lrc) {
    if (constants == null) {
      float b1 = (float) a.beta1();
      float b2 = (float) a.beta2();
      constants = new NDArray[] {manager.create(b1), manager.create(1 - b1),
          manager.create(b2), manager.create((1 - b2) / (1 - b1))};
    }
    PtNDArray m = (PtNDArray) first[i];
    PtNDArray v = (PtNDArray) second[i];
    PtNDArray d = (PtNDArray) scratch[i];
    JniUtils.muli(m, (PtNDArray) constants[0]);               // m = b1 m
    Engines.copyInto(g, d);                                   // d = g
    JniUtils.muli(d, (PtNDArray) constants[1]);               // d = (1 - b1) g
    JniUtils.addi(m, d);                                      // m = b1 m + (1 - b1) g
    JniUtils.muli(d, g);                                      // d = (1 - b1) g^2
    JniUtils.muli(d, (PtNDArray) constants[3]);               // d = (1 - b2) g^2
    JniUtils.muli(v, (PtNDArray) constants[2]);               // v = b2 v
    JniUtils.addi(v, d);                                      // v = b2 v + (1 - b2) g^2
    try (PtNDArray root = JniUtils.sqrt(v)) {                 // sqrt(v)
      JniUtils.addi(root, (PtNDArray) eps);                   // sqrt(v) + eps'
      Engines.copyInto(m, d);                                 // d = m
      JniUtils.divi(d, root);                                 // d = m / (sqrt(v) + eps')
    }
    JniUtils.muli(d, (PtNDArray) lrc);                        // d = lrc m / (sqrt(v) + eps')
    JniUtils.subi(w, d);
  }

  private NDArray t(NDArray temporary) {
    temporaries.add(temporary);
    return temporary;
  }

  private void applyAll(NDArray[] params, NDArray[] grads, double lr) {
    for (int i = 0; i < params.length; i++) {
      NDArray w = params[i];
      NDArray g = weightDecay > 0 ? t(grads[i].add(t(w.mul((float) weightDecay)))) : grads[i];
      if (optimizer instanceof Optimizer.Sgd) {
        w.subi(t(g.mul((float) lr)));
      } else if (optimizer instanceof Optimizer.Momentum m) {
        momentum(w, g, first[i], m, lr);
      } else if (optimizer instanceof Optimizer.Adam a) {
        adam(w, g, first[i], second[i], a, lr);
      } else if (optimizer instanceof Optimizer.RmsProp r) {
        float rho = (float) r.rho();
        second[i].muli(rho).addi(t(g.square()).muli(1 - rho));
        w.subi(t(g.div(t(second[i].sqrt()).addi((float) r.epsilon()))).muli((float) lr));
      } else if (optimizer instanceof Optimizer.Adagrad a) {
        second[i].addi(t(g.square()));
        w.subi(t(g.div(t(second[i].sqrt()).addi((float) a.epsilon()))).muli((float) lr));
      } else {
        throw new IllegalStateException("no update rule for " + optimizer);
      }
    }
  }

  private void momentum(NDArray w, NDArray g, NDArray v, Optimizer.Momentum m, double lr) {
    float mu = (float) m.momentum();
    // torch.optim.SGD starts the buffer at g on the first step, then v = mu*v + g.
    if (step == 1) {
      v.addi(g);
    } else {
      v.muli(mu).addi(g);
    }
    w.subi(m.nesterov() ? t(g.add(t(v.mul(mu)))).muli((float) lr) : t(v.mul((float) lr)));
  }

  private void adam(NDArray w, NDArray g, NDArray m, NDArray v, Optimizer.Adam a, double lr) {
    if (a.decoupledWeightDecay() > 0) {
      w.muli((float) (1 - lr * a.decoupledWeightDecay()));
    }
    float b1 = (float) a.beta1();
    float b2 = (float) a.beta2();
    m.muli(b1).addi(t(g.mul(1 - b1)));
    v.muli(b2).addi(t(g.square()).muli(1 - b2));
    double c1 = 1 - Math.pow(a.beta1(), step);
    double c2 = 1 - Math.pow(a.beta2(), step);
    // torch.optim.Adam: w -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)
    NDArray denom = t(v.sqrt()).muli((float) (1 / Math.sqrt(c2))).addi((float) a.epsilon());
    w.subi(t(m.div(denom)).muli((float) (lr / c1)));
  }
}
