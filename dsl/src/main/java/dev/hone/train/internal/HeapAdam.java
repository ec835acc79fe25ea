package dev.hone.train.internal;

import ai.djl.Device;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Adam for one CPU parameter, computed on the Java heap: block by block, the gradient and the
 * weights are read from the engine's memory in one bulk copy each, the moments live in Java
 * arrays, and the new weights are written back in one bulk copy. The loop runs over plain float
 * arrays, which the JIT compiles to vector instructions.
 *
 * <p>Why: the same rule as engine ops is 13 passes over the parameter (one native call each, with
 * a temporary for the square root). For all parameters of {@code mlp(784,128,64,10)} that took
 * 262 us a step and this takes 71 ({@code UpdaterBenchmark}, best of 20 blocks; DJL's fused
 * {@code adamUpdate} took 958).
 *
 * <p>In training, {@link #stepAndZero} also takes the rest of the step's tail off the engine:
 * the weight backup, the sum of the data-parallel shards' gradients and their zeroing, each a
 * Java copy or loop through views made once, where the engine took one native call per
 * parameter and shard (two replicas: 127k-161k against 116k-148k samples/s after warm-up,
 * BENCHMARKS.md).
 *
 * <p>The rule is the fused one, {@code w -= lrc * m / (sqrt(v) + eps')}, with {@code lrc} and
 * {@code eps'} carrying the bias corrections (see {@link Updater}). Java's float arithmetic is
 * exact IEEE single precision, so the same inputs give the same weights on every run and in every
 * row split.
 */
final class HeapAdam {

  /**
   * Elements per block of the loops: 16 KB a heap array, so the blocks stay in the core's cache
   * between the copies in and the copies out (see {@link #stepAndZero}).
   */
  static final int BLOCK = 4096;

  /** The moments, block by block: the loop indexes every array alike, which the JIT vectorizes. */
  private final float[][] first;
  private final float[][] second;
  private final int size;
  private final FloatBuffer view;
  /** One block of the weights, of the gradient, and of another shard's gradient. */
  private final float[] weights;
  private final float[] grads;
  private float[] scratch;
  /** Zeros to clear a block of gradients with; made on first use. */
  private float[] zeros;

  private HeapAdam(FloatBuffer view, int size) {
    this.view = view;
    this.size = size;
    int blocks = (size + BLOCK - 1) / BLOCK;
    first = new float[blocks][];
    second = new float[blocks][];
    for (int b = 0; b < blocks; b++) {
      int n = Math.min(BLOCK, size - b * BLOCK);
      first[b] = new float[n];
      second[b] = new float[n];
    }
    weights = new float[Math.min(size, BLOCK)];
    grads = new float[weights.length];
  }

  /**
   * Returns the heap Adam for a parameter, or null when its memory cannot be written through a
   * direct view (not on the CPU, or not one contiguous block): the caller keeps the engine's
   * update for it.
   */
  static HeapAdam of(PtNDArray param) {
    FloatBuffer view = writableView(param);
    return view == null ? null : new HeapAdam(view, view.capacity());
  }

  /**
   * Returns a view of the array's memory that writes land in, or null when there is none (not
   * on the CPU, empty, or not one contiguous block, which the engine copies before viewing: a
   * write through the view that an independent read does not see proves it, and is undone).
   */
  static FloatBuffer writableView(PtNDArray array) {
    // A direct buffer holds at most Integer.MAX_VALUE bytes.
    if (!array.getDevice().equals(Device.cpu()) || array.isSparse()
        || array.size() > Integer.MAX_VALUE / Float.BYTES || array.size() == 0) {
      return null;
    }
    ByteBuffer bytes = array.toByteBuffer(true).order(ByteOrder.nativeOrder());
    FloatBuffer view = bytes.asFloatBuffer();
    if (!bytes.isDirect() || view.capacity() != array.size()) {
      return null;
    }
    float old = view.get(0);
    float probe = Float.intBitsToFloat(Float.floatToRawIntBits(old) ^ 1);
    view.put(0, probe);
    float seen = array.toByteBuffer(false).order(ByteOrder.nativeOrder()).asFloatBuffer().get(0);
    view.put(0, old);
    return Float.floatToRawIntBits(seen) == Float.floatToRawIntBits(probe) ? view : null;
  }

  /**
   * One Adam step: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
   * {@code w -= lrc m / (sqrt(v) + eps)}.
   *
   * @param grad the gradient, same shape as the parameter, contiguous as autograd's gradients
   *     are (DJL would read any other through a copy that stays open until its manager closes)
   */
  void step(PtNDArray grad, float beta1, float beta2, float lrc, float eps) {
    FloatBuffer g = grad.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    if (g.capacity() != size) {
      throw new IllegalArgumentException("gradient of " + g.capacity() + " elements for a"
          + " parameter of " + size);
    }
    for (int from = 0; from < size; from += BLOCK) {
      int n = Math.min(BLOCK, size - from);
      g.get(from, grads, 0, n);
      view.get(from, weights, 0, n);
      update(from / BLOCK, n, beta1, beta2, lrc, eps);
      view.put(from, weights, 0, n);
    }
  }

  /**
   * A whole step's tail for this parameter, on the heap: copies the weights into
   * {@code backup}, adds the shards' gradients in shard order, zeroes them, and takes one Adam
   * step with their sum. It leaves the same bytes as the engine's copy, in-place adds, zero fills
   * and {@link #step(PtNDArray, float, float, float, float)} (float adds are exact IEEE on both
   * sides), without an engine call: every view is the arrays' own memory, made once.
   *
   * @param backup a writable view of the backup array ({@link #writableView})
   * @param shardGrads writable views of each shard's gradient, in shard order
   */
  void stepAndZero(FloatBuffer backup, FloatBuffer[] shardGrads, float beta1, float beta2,
      float lrc, float eps) {
    if (zeros == null) {
      zeros = new float[weights.length];
    }
    if (shardGrads.length > 1 && scratch == null) {
      scratch = new float[weights.length];
    }
    // Block by block, so each element is fetched from memory once and written back once: whole
    // arrays on the heap (a copy of each parameter-sized array, then the loops over them) made
    // about 20 passes over memory that does not fit in the cache; the copy stubs fell from 10.6%
    // to 4.2% of a two-replica run's CPU samples (perf, after warm-up).
    for (int from = 0; from < size; from += BLOCK) {
      int n = Math.min(BLOCK, size - from);
      view.get(from, weights, 0, n);
      backup.put(from, weights, 0, n);
      shardGrads[0].get(from, grads, 0, n);
      for (int k = 1; k < shardGrads.length; k++) {
        shardGrads[k].get(from, scratch, 0, n);
        float[] gs = grads;
        float[] more = scratch;
        for (int i = 0; i < n; i++) {
          gs[i] += more[i];
        }
      }
      for (FloatBuffer g : shardGrads) {
        g.put(from, zeros, 0, n);
      }
      update(from / BLOCK, n, beta1, beta2, lrc, eps);
      view.put(from, weights, 0, n);
    }
  }

  /**
   * The rule over block {@code b} of {@code n} elements: the weights and gradient are in the
   * block arrays.
   */
  private void update(int b, int n, float beta1, float beta2, float lrc, float eps) {
    float c1 = 1 - beta1;
    float c2 = 1 - beta2;
    float[] w = weights;
    float[] gs = grads;
    float[] m = first[b];
    float[] v = second[b];
    for (int i = 0; i < n; i++) {
      float gi = gs[i];
      float mi = beta1 * m[i] + c1 * gi;
      float vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] -= lrc * mi / ((float) Math.sqrt(vi) + eps);
    }
  }
}
