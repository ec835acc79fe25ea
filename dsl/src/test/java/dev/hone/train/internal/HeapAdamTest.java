package dev.hone.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import dev.hone.runtime.internal.Engines;
import org.junit.jupiter.api.Test;

class HeapAdamTest {

  @Test
  void a_step_writes_the_new_weights_into_the_engines_memory() {
    Engines.gradMode(false);
    try (NDManager m = Engines.engine().newBaseManager(ai.djl.Device.cpu())) {
      NDArray w = m.create(new float[] {1f, -2f, 0.5f, 3f}, new Shape(2, 2));
      HeapAdam adam = HeapAdam.of((PtNDArray) w);
      assertNotNull(adam, "a contiguous CPU array is written through a view");
      // Checking the probe left the weights as they were.
      assertArrayEquals(new float[] {1f, -2f, 0.5f, 3f}, w.toFloatArray());
      NDArray g = m.create(new float[] {0.1f, -0.2f, 0f, 4f}, new Shape(2, 2));
      float b1 = 0.9f;
      float b2 = 0.999f;
      float lrc = 0.01f;
      float eps = 1e-8f;
      adam.step((PtNDArray) g, b1, b2, lrc, eps);
      float[] expected = new float[4];
      float[] w0 = {1f, -2f, 0.5f, 3f};
      float[] g0 = {0.1f, -0.2f, 0f, 4f};
      for (int i = 0; i < 4; i++) {
        float mi = (1 - b1) * g0[i];
        float vi = (1 - b2) * g0[i] * g0[i];
        expected[i] = w0[i] - lrc * mi / ((float) Math.sqrt(vi) + eps);
      }
      assertArrayEquals(expected, w.toFloatArray());
      // A zero gradient moves nothing on the first step.
      assertEquals(0.5f, w.toFloatArray()[2]);
    }
  }

  @Test
  void a_parameter_of_several_blocks_takes_every_step_in_every_block() {
    // Two whole blocks and a partial one; three steps, so the moments carry over per block.
    int size = 2 * HeapAdam.BLOCK + 37;
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = (float) random.nextDouble(-1, 1);
    }
    float b1 = 0.9f;
    float b2 = 0.999f;
    float eps = 1e-8f;
    Engines.gradMode(false);
    try (NDManager m = Engines.engine().newBaseManager(ai.djl.Device.cpu())) {
      NDArray weights = m.create(w, new Shape(size));
      HeapAdam adam = HeapAdam.of((PtNDArray) weights);
      float[] first = new float[size];
      float[] second = new float[size];
      for (int step = 1; step <= 3; step++) {
        float lrc = 0.01f * step;
        float[] g = new float[size];
        for (int i = 0; i < size; i++) {
          g[i] = (float) random.nextDouble(-1, 1);
        }
        adam.step((PtNDArray) m.create(g, new Shape(size)), b1, b2, lrc, eps);
        for (int i = 0; i < size; i++) {
          first[i] = b1 * first[i] + (1 - b1) * g[i];
          second[i] = b2 * second[i] + (1 - b2) * g[i] * g[i];
          w[i] -= lrc * first[i] / ((float) Math.sqrt(second[i]) + eps);
        }
        assertArrayEquals(w, weights.toFloatArray(), "step " + step);
      }
    }
  }

  @Test
  void an_array_the_engine_would_copy_to_view_is_left_to_the_engine() {
    Engines.gradMode(false);
    try (NDManager m = Engines.engine().newBaseManager(ai.djl.Device.cpu())) {
      NDArray transposed = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3))
          .transpose();
      assertNull(HeapAdam.of((PtNDArray) transposed));
      assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, transposed.toFloatArray());
    }
  }

  @Test
  void a_gradient_of_another_size_is_refused_naming_both() {
    Engines.gradMode(false);
    try (NDManager m = Engines.engine().newBaseManager(ai.djl.Device.cpu())) {
      HeapAdam adam = HeapAdam.of((PtNDArray) m.zeros(new Shape(3)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> adam.step((PtNDArray) m.zeros(new Shape(4)), 0.9f, 0.999f, 0.01f, 1e-8f));
      assertEquals("gradient of 4 elements for a parameter of 3", e.getMessage());
    }
  }
}
