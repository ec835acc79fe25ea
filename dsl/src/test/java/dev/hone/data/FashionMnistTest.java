package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST from Debian's dataset-fashion-mnist. The test command installs the package, so a
 * missing package is a failure with the loader's own message, never a skip.
 */
class FashionMnistTest {

  @Test
  void fashion_mnist_reads_60000_train_and_10000_test_rows_as_shipped() {
    Split fashion = Datasets.fashionMnist();
    assertEquals(60_000, fashion.train().size());
    assertEquals(10_000, fashion.test().size());
    assertEquals(784, fashion.train().featureCount());
    assertEquals(10, fashion.train().classes());
    // Fashion-MNIST is balanced: 6,000 and 1,000 images per class.
    for (int c = 0; c < 10; c++) {
      assertEquals(6000, fashion.train().classCounts()[c]);
      assertEquals(1000, fashion.test().classCounts()[c]);
    }
  }

  @Test
  void fashion_mnist_from_a_missing_directory_says_where_it_looked_and_what_to_do(
      @TempDir Path dir) {
    Path nowhere = dir.resolve("no-such-dir");
    var e = assertThrows(IllegalArgumentException.class, () -> Datasets.fashionMnist(nowhere));
    String m = e.getMessage();
    assertTrue(m.contains(nowhere.toString()), m);
    assertTrue(m.contains("train-images-idx3-ubyte.gz") && m.contains("t10k-labels-idx1-ubyte.gz"),
        m);
    assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
    assertTrue(m.contains("pass the directory that holds them"), m);
  }

  @Test
  void fashion_mnist_names_only_the_files_that_are_missing(@TempDir Path dir) {
    IdxTestFiles.images(dir.resolve("train-images-idx3-ubyte.gz"), 1, 28, 28, true);
    var e = assertThrows(IllegalArgumentException.class, () -> Datasets.fashionMnist(dir));
    String m = e.getMessage();
    assertTrue(m.contains("missing train-labels-idx1-ubyte.gz, t10k-images"), m);
  }
}
