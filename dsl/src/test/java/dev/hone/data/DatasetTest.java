package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Dataset on small seeded synthetic data. */
class DatasetTest {

  /** Rows whose single feature is the row's index, so every row can be traced through a split. */
  private static Dataset numbered(int rows, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] features = new float[rows];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      features[i] = i;
      labels[i] = i < classes ? i : random.nextInt(classes); // every class present
    }
    return Dataset.ofFlat("numbered", features, 1, labels, classes);
  }

  @Test
  void a_nan_feature_is_rejected_with_its_row_and_feature() {
    float[][] rows = {{0, 1}, {2, Float.NaN}};
    var e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of("sensors", rows, new int[] {0, 1}, 2));
    assertTrue(e.getMessage().contains("'sensors' row 1, feature 1 is NaN"), e.getMessage());
  }

  @Test
  void a_label_out_of_range_is_rejected_with_its_row_and_the_valid_range() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of("xor", new float[][] {{0}, {1}, {2}}, new int[] {0, 2, 1}, 2));
    assertTrue(e.getMessage().contains("row 1 has label 2; expected 0..1"), e.getMessage());
    var negative = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of("xor", new float[][] {{0}, {1}}, new int[] {0, -1}, 2));
    assertTrue(negative.getMessage().contains("label -1"), negative.getMessage());
  }

  @Test
  void rows_of_different_lengths_are_rejected_with_the_row() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of("ragged", new float[][] {{0, 1}, {1}}, new int[] {0, 1}, 2));
    assertTrue(e.getMessage().contains("row 1 has 1 features, expected 2"), e.getMessage());
  }

  @Test
  void of_copies_its_input_and_accessors_return_copies() {
    float[][] rows = {{0, 1}, {2, 3}};
    int[] labels = {0, 1};
    Dataset d = Dataset.of("copy", rows, labels, 2);
    rows[0][0] = 99;
    labels[0] = 1;
    d.row(0)[0] = 42;
    d.labels()[0] = 1;
    assertArrayEquals(new float[] {0, 1}, d.row(0));
    assertEquals(0, d.label(0));
    assertThrows(ReadOnlyBufferException.class, () -> d.featureBuffer().put(0, 7f));
  }

  @Test
  void split_is_stratified_by_class() {
    Dataset d = numbered(1000, 4, 3);
    Split s = d.split(0.25, 11);
    int[] all = d.classCounts();
    int[] test = s.test().classCounts();
    for (int c = 0; c < 4; c++) {
      assertEquals(Math.round(0.25 * all[c]), test[c], "class " + c);
      assertEquals(all[c], test[c] + s.train().classCounts()[c], "class " + c);
    }
    assertEquals("numbered:train", s.train().name());
  }

  @Test
  void split_with_the_same_seed_is_repeatable() {
    Dataset d = numbered(300, 3, 5);
    assertEquals(d.split(0.2, 9).test().featureBuffer(), d.split(0.2, 9).test().featureBuffer());
    assertTrue(!d.split(0.2, 9).test().featureBuffer()
        .equals(d.split(0.2, 10).test().featureBuffer()));
  }

  @Test
  void split_refuses_a_fraction_outside_zero_to_one_and_an_empty_part() {
    Dataset d = numbered(10, 2, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> d.split(0, 1));
    assertTrue(e.getMessage().contains("was 0.0"), e.getMessage());
    var empty = assertThrows(IllegalArgumentException.class, () -> d.split(0.01, 1));
    assertTrue(empty.getMessage().contains("empty part"), empty.getMessage());
  }

  @Test
  void take_returns_the_first_rows_and_checks_its_bound() {
    Dataset d = numbered(20, 2, 1);
    Dataset first = d.take(5);
    assertEquals(5, first.size());
    assertEquals("numbered[:5]", first.name());
    assertArrayEquals(new float[] {4}, first.row(4));
    var e = assertThrows(IllegalArgumentException.class, () -> d.take(21));
    assertTrue(e.getMessage().contains("1 <= n <= 20, was 21"), e.getMessage());
  }

  @Test
  void select_keeps_the_given_order_and_allows_repeats() {
    Dataset d = numbered(10, 2, 1);
    Dataset picked = d.select(new int[] {7, 2, 7}, "picked");
    assertEquals("picked", picked.name());
    assertArrayEquals(new float[] {7}, picked.row(0));
    assertArrayEquals(new float[] {2}, picked.row(1));
    assertArrayEquals(new float[] {7}, picked.row(2));
    assertEquals(d.label(7), picked.label(2));
    assertThrows(IndexOutOfBoundsException.class, () -> d.select(new int[] {10}, "x"));
  }

  @Test
  void datasets_with_the_same_rows_are_equal_and_a_changed_label_is_not() {
    Dataset a = Dataset.of("d", new float[][] {{1, 2}, {3, 4}}, new int[] {0, 1}, 2);
    Dataset b = Dataset.of("d", new float[][] {{1, 2}, {3, 4}}, new int[] {0, 1}, 2);
    Dataset c = Dataset.of("d", new float[][] {{1, 2}, {3, 4}}, new int[] {1, 1}, 2);
    org.junit.jupiter.api.Assertions.assertEquals(a, b);
    org.junit.jupiter.api.Assertions.assertEquals(a.hashCode(), b.hashCode());
    org.junit.jupiter.api.Assertions.assertNotEquals(a, c);
  }

  @Test
  void standardized_uses_the_datasets_own_mean_and_deviation() {
    Dataset data = numbered(101, 3, 7).withClassNames(java.util.List.of("a", "b", "c"));
    Dataset std = data.standardized();
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < std.size(); i++) {
      sum += std.row(i)[0];
      squares += std.row(i)[0] * std.row(i)[0];
    }
    assertEquals(0, sum / std.size(), 1e-5);
    assertEquals(1, squares / std.size(), 1e-4);
    assertArrayEquals(data.labels(), std.labels());
    assertEquals(data.classNames(), std.classNames());
    assertEquals("numbered:std", std.name());
    assertEquals(0f, data.row(0)[0], "the input is unchanged");
  }
}
