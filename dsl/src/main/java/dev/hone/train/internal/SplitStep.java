package dev.hone.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.train.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The rest of a data-parallel step after the shards' passes, cut by rows into one part per replica,
 * for the replica threads to share (any thread may run any part): each part backs up its rows of
 * the parameters, adds the shards' gradients for those rows (in replica order), applies the
 * optimizer to them and zeroes those gradient rows. Every one of these is elementwise, so the parts
 * touch disjoint memory and give the weights one thread would, bit for bit; the optimizer's moments
 * live with the part that owns their rows.
 *
 * <p>Why: done by one thread, this tail (the Adam update alone is about 400 us of a step of this
 * MLP) is as long as a shard's forward and backward pass, and kept two replicas below one.
 *
 * <p>Parameters too small to be worth cutting (fewer than {@link #MIN_SPLIT_SIZE} elements, or
 * too few rows for parts that start at multiples of {@link #ALIGN} elements) go whole to the
 * first part, the first one claimed (by the trainer's thread when no crew thread is waiting
 * already, and in measurements that thread finished its shard's pass first).
 */
final class SplitStep {

  /** Parameters with fewer elements are not cut. */
  static final long MIN_SPLIT_SIZE = 4096;

  /** Parts start at multiples of this many elements of their parameter. */
  static final long ALIGN = 64;

  private static final long[] ONE = {1};

  private final Part[] parts;

  /**
   * Cuts the parameters into {@code count} parts.
   *
   * @param params the trained parameters (shared by every replica)
   * @param backup their backup arrays, same shapes
   * @param optimizer the update rule
   * @param weightDecay L2 decay added to the gradient
   * @param count the number of parts (one per replica thread; more measured slower)
   * @param manager owns the views, the optimizer state and the per-step scalars
   */
  SplitStep(NDArray[] params, NDArray[] backup, Optimizer optimizer, double weightDecay,
      int count, NDManager manager) {
    List<List<Slice>> slices = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      slices.add(new ArrayList<>());
    }
    for (int i = 0; i < params.length; i++) {
      long rows = params[i].getShape().get(0);
      long[] cuts = params[i].size() < MIN_SPLIT_SIZE ? null
          : cuts(rows, params[i].size() / rows, count);
      if (cuts == null) {
        slices.get(0).add(new Slice(i, 0, rows));
        continue;
      }
      for (int p = 0; p < count; p++) {
        slices.get(p).add(new Slice(i, cuts[p], cuts[p + 1]));
      }
    }
    parts = new Part[count];
    for (int p = 0; p < count; p++) {
      parts[p] = new Part(slices.get(p), params, backup, optimizer, weightDecay,
          manager.newSubManager());
    }
  }

  /**
   * Returns the row bounds of {@code count} parts of a {@code rows x cols} parameter, each part
   * starting at a multiple of {@link #ALIGN} elements, or null when that leaves a part empty.
   * The engine's elementwise kernels run blocks of up to 32 floats in vector code and the rest in
   * scalar code, which can round differently (a fused multiply-add); cutting only at block
   * boundaries gives every element the same code as in the unsplit update.
   */
  static long[] cuts(long rows, long cols, int count) {
    long step = ALIGN / gcd(cols, ALIGN);
    long[] cuts = new long[count + 1];
    cuts[count] = rows;
    for (int p = 1; p < count; p++) {
      cuts[p] = rows * p / count / step * step;
      if (cuts[p] <= cuts[p - 1]) {
        return null;
      }
    }
    return cuts[count] > cuts[count - 1] ? cuts : null;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** The number of parts. */
  int count() {
    return parts.length;
  }

  /**
   * Makes the part's views of the first {@code shards} replicas' gradients that it has not made
   * yet. Call on the trainer's thread before {@link #run}: fetching a replica's gradient handles
   * is not thread-safe.
   */
  void prepare(Replica[] replicas, int shards) {
    for (Part part : parts) {
      part.viewGradients(replicas, shards);
    }
  }

  /**
   * Runs part {@code p} of the step: backup, gradient sum of {@code shards} replicas, update with
   * learning rate {@code lr}, zeroed gradients. Grad mode must be off in the calling thread.
   */
  void run(int p, int shards, double lr) {
    parts[p].run(shards, lr);
  }

  /** Rows {@code [from, to)} of parameter {@code param}. */
  private record Slice(int param, long from, long to) {}

  /** One part's rows of every parameter, with views of the arrays it touches. */
  private static final class Part {
    private final Slice[] slices;
    private final NDArray[] weights;
    private final NDArray[] backups;
    /** Per replica, per slice: that replica's gradient rows; filled as replicas first run. */
    private final List<NDArray[]> grads = new ArrayList<>();
    private final Updater updater;
    private final PtNDManager manager;

    Part(List<Slice> slices, NDArray[] params, NDArray[] backup, Optimizer optimizer,
        double weightDecay, NDManager manager) {
      this.slices = slices.toArray(Slice[]::new);
      this.manager = (PtNDManager) manager;
      weights = new NDArray[this.slices.length];
      backups = new NDArray[this.slices.length];
      long[] wholeSizes = new long[this.slices.length];
      for (int s = 0; s < this.slices.length; s++) {
        Slice slice = this.slices[s];
        weights[s] = rows(params[slice.param()], slice);
        backups[s] = rows(backup[slice.param()], slice);
        wholeSizes[s] = params[slice.param()].size();
      }
      updater = new Updater(optimizer, weightDecay, weights, wholeSizes, manager);
    }

    private PtNDArray rows(NDArray whole, Slice slice) {
      return JniUtils.index((PtNDArray) whole, new long[] {slice.from()},
          new long[] {slice.to()}, ONE, manager);
    }

    void viewGradients(Replica[] replicas, int shards) {
      for (int k = grads.size(); k < shards; k++) {
        NDArray[] whole = replicas[k].grads();
        NDArray[] views = new NDArray[slices.length];
        for (int s = 0; s < slices.length; s++) {
          views[s] = rows(whole[slices[s].param()], slices[s]);
        }
        grads.add(views);
      }
    }

    void run(int shards, double lr) {
      updater.step(weights, grads.subList(0, shards), backups, lr);
    }
  }
}
