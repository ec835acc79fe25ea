package dev.hone.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hone.layer.Dense;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeuronPruningTest {

  private static Dense random(int in, int out, SplittableRandom r) {
    float[] w = new float[in * out];
    float[] b = new float[out];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    for (int j = 0; j < out; j++) {
      b[j] = (float) r.nextGaussian();
    }
    return new Dense(in, out, w, b);
  }

  @Test
  void neurons_with_the_smallest_incoming_norm_are_removed_first() {
    // Column norms: neuron 0 large, 1 small, 2 medium.
    Dense first = new Dense(2, 3, new float[] {5, 0.1f, 1, 5, 0.1f, 1}, new float[3]);
    Dense second = new Dense(3, 2, new float[6], new float[2]);
    List<int[]> kept = NeuronPruning.keptNeurons(List.of(first, second), 1.0 / 3);
    assertArrayEquals(new int[] {0, 2}, kept.get(0));
  }

  @Test
  void removing_keeps_the_shapes_consistent_and_the_output_layer_whole() {
    SplittableRandom r = new SplittableRandom(1);
    List<Dense> layers = List.of(random(6, 8, r), random(8, 4, r), random(4, 3, r));
    List<Dense> smaller = NeuronPruning.remove(layers, NeuronPruning.keptNeurons(layers, 0.5));
    assertEquals(6, smaller.get(0).inputs());
    assertEquals(4, smaller.get(0).outputs());
    assertEquals(4, smaller.get(1).inputs());
    assertEquals(2, smaller.get(1).outputs());
    assertEquals(3, smaller.get(2).outputs());
  }

  @Test
  void a_fraction_outside_zero_to_one_is_rejected() {
    SplittableRandom r = new SplittableRandom(1);
    List<Dense> layers = List.of(random(2, 3, r), random(3, 2, r));
    assertThrows(IllegalArgumentException.class, () -> NeuronPruning.keptNeurons(layers, 1.0));
    assertThrows(IllegalArgumentException.class, () -> NeuronPruning.keptNeurons(layers, -0.5));
  }
}
