package dev.hone.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.runtime.internal.Engines;
import dev.hone.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Updater#step}, a step's whole tail (backup, shard gradient sum, update, zeroed
 * gradients), against the engine's copy, in-place adds, {@link Updater#apply} and zero fills,
 * byte for byte: the heap Adam does the tail without the engine where it can.
 */
class StepTailTest {

  // The first is more than two of HeapAdam's blocks, the last of them partial.
  private static final Shape[] SHAPES = {new Shape(130, 70), new Shape(40), new Shape(7, 40)};

  @Test
  void the_heap_tail_leaves_the_engine_tails_bytes_for_one_to_three_shards() {
    for (int shards = 1; shards <= 3; shards++) {
      assertSameBytes(shards, false, false);
    }
  }

  @Test
  void a_gradient_without_a_writable_view_takes_the_engine_tail_with_the_same_bytes() {
    assertSameBytes(2, true, false);
  }

  @Test
  void new_gradient_arrays_get_views_of_their_own() {
    assertSameBytes(2, false, true);
  }

  /**
   * Runs 4 steps both ways and compares; with {@code newArrays}, the tail's gradients are new
   * arrays from step 2 on, and the ones it used before must stay as the step left them.
   */
  private static void assertSameBytes(int shards, boolean transposedGradient,
      boolean newArrays) {
    Engines.gradMode(false);
    Optimizer adam = new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0);
    try (NDManager m = Engines.engine().newBaseManager(ai.djl.Device.cpu())) {
      SplittableRandom random = new SplittableRandom(shards);
      NDArray[] tailParams = random(m, random, SHAPES);
      NDArray[] engineParams = copies(tailParams);
      NDArray[] tailBackup = zeros(m, SHAPES);
      NDArray[] engineBackup = zeros(m, SHAPES);
      Updater tail = new Updater(adam, 0, tailParams, m);
      Updater engine = new Updater(adam, 0, engineParams, m);
      List<NDArray[]> tailGrads = new ArrayList<>();
      List<NDArray[]> engineGrads = new ArrayList<>();
      for (int k = 0; k < shards; k++) {
        tailGrads.add(gradients(m, transposedGradient && k == 1));
        engineGrads.add(zeros(m, SHAPES));
      }
      NDArray zero = m.create(0f);
      List<NDArray[]> oldGrads = null;
      for (int step = 0; step < 4; step++) {
        if (newArrays && step == 2) {
          oldGrads = tailGrads;
          tailGrads = new ArrayList<>();
          for (int k = 0; k < shards; k++) {
            tailGrads.add(gradients(m, false));
          }
          for (NDArray[] grads : oldGrads) {
            for (NDArray g : grads) {
              Engines.copyInto(m.create(7f), g);
            }
          }
        }
        for (int k = 0; k < shards; k++) {
          for (int i = 0; i < SHAPES.length; i++) {
            float[] g = values(random, SHAPES[i].size());
            write(tailGrads.get(k)[i], g, m);
            write(engineGrads.get(k)[i], g, m);
          }
        }
        tail.step(tailParams, tailGrads, tailBackup, 0.01);
        NDArray[] total = engineGrads.get(0);
        for (int i = 0; i < SHAPES.length; i++) {
          Engines.copyInto(engineParams[i], engineBackup[i]);
          for (int k = 1; k < shards; k++) {
            JniUtils.addi((PtNDArray) total[i], (PtNDArray) engineGrads.get(k)[i]);
          }
        }
        engine.apply(engineParams, total, 0.01);
        for (NDArray[] grads : engineGrads) {
          for (NDArray g : grads) {
            Engines.copyInto(zero, g);
          }
        }
        for (int i = 0; i < SHAPES.length; i++) {
          String where = shards + " shards, step " + step + ", parameter " + i;
          assertEquals(!(transposedGradient && i == 0), tail.tailOnHeap(i), where + " on heap");
          assertArrayEquals(bits(engineParams[i]), bits(tailParams[i]), where);
          assertArrayEquals(bits(engineBackup[i]), bits(tailBackup[i]), where + " (backup)");
          for (int k = 0; k < shards; k++) {
            assertEquals(0, countNonZero(tailGrads.get(k)[i]), where + ", shard " + k);
            if (oldGrads != null) {
              assertEquals(SHAPES[i].size(), countNonZero(oldGrads.get(k)[i]),
                  where + ", shard " + k + "'s old gradient was written");
            }
          }
        }
      }
    }
  }

  /** Gradient arrays of the shapes; with {@code transposed}, the first is a transposed view. */
  private static NDArray[] gradients(NDManager m, boolean transposed) {
    NDArray[] out = zeros(m, SHAPES);
    if (transposed) {
      out[0] = m.zeros(new Shape(SHAPES[0].get(1), SHAPES[0].get(0))).transpose();
    }
    return out;
  }

  private static void write(NDArray target, float[] values, NDManager m) {
    Engines.copyInto(m.create(values, target.getShape()), target);
  }

  private static NDArray[] random(NDManager m, SplittableRandom random, Shape[] shapes) {
    NDArray[] out = new NDArray[shapes.length];
    for (int i = 0; i < shapes.length; i++) {
      out[i] = m.create(values(random, shapes[i].size()), shapes[i]);
    }
    return out;
  }

  private static float[] values(SplittableRandom random, long n) {
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private static NDArray[] copies(NDArray[] arrays) {
    NDArray[] out = new NDArray[arrays.length];
    for (int i = 0; i < arrays.length; i++) {
      out[i] = JniUtils.clone((PtNDArray) arrays[i]);
    }
    return out;
  }

  private static NDArray[] zeros(NDManager m, Shape[] shapes) {
    NDArray[] out = new NDArray[shapes.length];
    for (int i = 0; i < shapes.length; i++) {
      out[i] = m.zeros(shapes[i]);
    }
    return out;
  }

  private static int[] bits(NDArray a) {
    float[] v = a.toFloatArray();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }

  private static long countNonZero(NDArray a) {
    long n = 0;
    for (float v : a.toFloatArray()) {
      if (v != 0f) {
        n++;
      }
    }
    return n;
  }
}
