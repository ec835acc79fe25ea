package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Datasets#idx} on small files written by the test. */
class IdxDatasetsTest {

  @TempDir Path dir;

  @Test
  void idx_reads_images_and_labels_into_a_dataset_named_after_the_image_file() {
    Path images = IdxTestFiles.images(dir.resolve("tiny-images-idx3-ubyte.gz"), 4, 2, 3, true);
    Path labels = IdxTestFiles.labels(dir.resolve("tiny-labels-idx1-ubyte"), new int[] {3, 0, 9, 1},
        false);
    Dataset d = Datasets.idx(images, labels);
    assertEquals("tiny-images-idx3-ubyte.gz", d.name());
    assertEquals(4, d.size());
    assertEquals(6, d.featureCount());
    assertEquals(10, d.classes());
    assertArrayEquals(new int[] {3, 0, 9, 1}, d.labels());
    // Pixel i of the fixture is i * 7 % 256; row 1 starts at pixel 6.
    assertEquals(42 / 255f, d.row(1)[0]);
  }

  @Test
  void image_and_label_count_mismatch_names_both_files_and_both_counts() {
    Path images = IdxTestFiles.images(dir.resolve("five-images"), 5, 2, 2, true);
    Path labels = IdxTestFiles.labels(dir.resolve("four-labels"), new int[] {0, 1, 2, 3}, true);
    var e = assertThrows(DataFileException.class, () -> Datasets.idx(images, labels));
    String m = e.getMessage();
    assertTrue(m.contains(images.toString()) && m.contains(labels.toString()), m);
    assertTrue(m.contains("4 labels") && m.contains("5 images"), m);
  }

  @Test
  void a_label_beyond_the_classes_names_the_label_file_and_an_explicit_count_accepts_it() {
    Path images = IdxTestFiles.images(dir.resolve("letters-images"), 3, 2, 2, false);
    Path labels = IdxTestFiles.labels(dir.resolve("letters-labels"), new int[] {0, 25, 4}, false);
    var e = assertThrows(DataFileException.class, () -> Datasets.idx(images, labels));
    assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("label 1 is 25"), e.getMessage());
    assertEquals(26, Datasets.idx(images, labels, 26).classes());
  }

  @Test
  void swapped_image_and_label_files_are_an_error_naming_the_file() {
    Path images = IdxTestFiles.images(dir.resolve("imgs"), 3, 2, 2, false);
    Path labels = IdxTestFiles.labels(dir.resolve("lbls"), new int[] {0, 1, 2}, false);
    var e = assertThrows(DataFileException.class, () -> Datasets.idx(labels, images));
    assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
  }

  @Test
  void a_truncated_image_file_fails_before_any_dataset_is_built() {
    byte[] raw = IdxTestFiles.idx(new int[] {2, 2, 2}, new byte[7]);
    Path images = IdxTestFiles.write(dir.resolve("cut-images"), raw);
    Path labels = IdxTestFiles.labels(dir.resolve("lbls"), new int[] {0, 1}, false);
    var e = assertThrows(DataFileException.class, () -> Datasets.idx(images, labels));
    assertEquals(images.toString(), e.file());
  }

  @Test
  void fewer_than_two_classes_is_refused() {
    Path images = IdxTestFiles.images(dir.resolve("i"), 1, 1, 1, false);
    Path labels = IdxTestFiles.labels(dir.resolve("l"), new int[] {0}, false);
    var e = assertThrows(IllegalArgumentException.class, () -> Datasets.idx(images, labels, 1));
    assertTrue(e.getMessage().contains("classes must be >= 2, was 1"), e.getMessage());
  }
}
