package dev.hone.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MagnitudePruningTest {

  @Property(tries = 200)
  void pruning_to_s_prunes_exactly_round_s_n_weights_and_only_the_smallest(
      @ForAll @IntRange(min = 1, max = 500) int n, @ForAll @DoubleRange(min = 0, max = 0.99) double s,
      @ForAll long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      // Few distinct values, so ties are common.
      w[i] = (float) (r.nextInt(-20, 21) / 10.0);
    }
    boolean[] keep = MagnitudePruning.keep(w, s);
    int pruned = 0;
    float maxPruned = 0;
    float minKept = Float.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        minKept = Math.min(minKept, Math.abs(w[i]));
      } else {
        pruned++;
        maxPruned = Math.max(maxPruned, Math.abs(w[i]));
      }
    }
    assertEquals(Math.round(s * n), pruned);
    assertTrue(maxPruned <= minKept, "a kept weight is smaller than a pruned one");
  }

  @Test
  void ties_are_broken_by_position_so_the_result_is_deterministic() {
    boolean[] keep = MagnitudePruning.keep(new float[] {1, -1, 1, 1}, 0.5);
    assertArrayEquals(new boolean[] {false, false, true, true}, keep);
  }

  @Test
  void global_pruning_uses_one_threshold_over_all_layers() {
    float[] small = {0.1f, 0.2f, 0.3f, 0.4f};
    float[] large = {1, 2, 3, 4};
    List<boolean[]> keep = MagnitudePruning.globalKeep(List.of(small, large), 0.5);
    assertArrayEquals(new boolean[] {false, false, false, false}, keep.get(0));
    assertArrayEquals(new boolean[] {true, true, true, true}, keep.get(1));
  }

  @Test
  void a_sparsity_outside_zero_to_one_is_rejected_with_its_value() {
    for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
      var e = assertThrows(IllegalArgumentException.class,
          () -> MagnitudePruning.keep(new float[] {1, 2}, bad));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void a_non_finite_weight_is_rejected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MagnitudePruning.keep(new float[] {1, Float.NaN}, 0.5));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }
}
