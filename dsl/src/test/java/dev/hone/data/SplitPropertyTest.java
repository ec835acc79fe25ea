package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of {@link Dataset#split} over many sizes, class counts, fractions and seeds. */
class SplitPropertyTest {

  @Property(tries = 300)
  void split_never_loses_or_duplicates_a_row(
      @ForAll @IntRange(min = 2, max = 300) int rows,
      @ForAll @IntRange(min = 2, max = 6) int classes,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double testFraction,
      @ForAll long seed) {
    float[] features = new float[rows];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      features[i] = i; // the feature is the row's identity
      labels[i] = Math.floorMod(i * 31 + (int) seed, classes);
    }
    Dataset data = Dataset.ofFlat("ids", features, 1, labels, classes);
    Split split;
    try {
      split = data.split(testFraction, seed);
    } catch (IllegalArgumentException emptyPart) {
      Assume.that(false); // too few rows for this fraction; split says so, which is its contract
      return;
    }
    int[] seen = new int[rows];
    for (Dataset part : new Dataset[] {split.train(), split.test()}) {
      for (int r = 0; r < part.size(); r++) {
        int id = (int) part.row(r)[0];
        seen[id]++;
        assertEquals(labels[id], part.label(r), "row " + id + " kept its label");
      }
    }
    int[] once = new int[rows];
    Arrays.fill(once, 1);
    assertEquals(Arrays.toString(once), Arrays.toString(seen));
  }
}
