package dev.hone.train.internal;

import ai.djl.Device;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Adam for one CPU parameter, computed on the Java heap: the gradient and the weights are read
 * from the engine's memory in one bulk copy each, the moments live in Java arrays, and the new
 * weights are written back in one bulk copy. The loop is one pass over plain float arrays, which
 * the JIT compiles to vector instructions.
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

  private final float[] weights;
  private final float[] grads;
  private final float[] first;
  private final float[] second;
  private final FloatBuffer view;
  /** Another shard's gradient, and zeros to clear gradients with; made on first use. */
  private float[] scratch;
  private float[] zeros;

  private HeapAdam(FloatBuffer view, int size) {
    this.view = view;
    weights = new float[size];
    grads = new float[size];
    first = new float[size];
    second = new float[size];
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
    if (g.capacity() != grads.length) {
      throw new IllegalArgumentException("gradient of " + g.capacity() + " elements for a"
          + " parameter of " + grads.length);
    }
    g.get(0, grads);
    view.get(0, weights);
    update(beta1, beta2, lrc, eps);
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
    view.get(0, weights);
    backup.put(0, weights);
    shardGrads[0].get(0, grads);
    for (int k = 1; k < shardGrads.length; k++) {
      if (scratch == null) {
        scratch = new float[grads.length];
      }
      shardGrads[k].get(0, scratch);
      float[] gs = grads;
      float[] more = scratch;
      for (int i = 0; i < gs.length; i++) {
        gs[i] += more[i];
      }
    }
    if (zeros == null) {
      zeros = new float[grads.length];
    }
    for (FloatBuffer g : shardGrads) {
      g.put(0, zeros);
    }
    update(beta1, beta2, lrc, eps);
  }

  /** The rule over the heap copies of the weights and gradient, then the weights written back. */
  private void update(float beta1, float beta2, float lrc, float eps) {
    float c1 = 1 - beta1;
    float c2 = 1 - beta2;
    float[] w = weights;
    float[] gs = grads;
    float[] m = first;
    float[] v = second;
    for (int i = 0; i < w.length; i++) {
      float gi = gs[i];
      float mi = beta1 * m[i] + c1 * gi;
      float vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] -= lrc * mi / ((float) Math.sqrt(vi) + eps);
    }
    view.put(0, weights);
  }
}
