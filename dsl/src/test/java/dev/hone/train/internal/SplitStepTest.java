package dev.hone.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SplitStepTest {

  @Test
  void parts_start_at_multiples_of_64_elements_and_cover_every_row() {
    // 128 x 784: 784 = 16 * 49, so a part may start at any multiple of 4 rows.
    assertArrayEquals(new long[] {0, 64, 128}, SplitStep.cuts(128, 784, 2));
    assertArrayEquals(new long[] {0, 40, 84, 128}, SplitStep.cuts(128, 784, 3));
    // 300 x 33: 33 is odd, so parts start at multiples of 64 rows.
    assertArrayEquals(new long[] {0, 128, 300}, SplitStep.cuts(300, 33, 2));
    assertArrayEquals(new long[] {0, 64, 192, 300}, SplitStep.cuts(300, 33, 3));
  }

  @Test
  void a_parameter_too_short_for_aligned_parts_is_not_cut() {
    assertNull(SplitStep.cuts(100, 33, 2));
    assertNull(SplitStep.cuts(3, 784, 4));
  }
}
