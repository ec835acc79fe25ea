package dev.hone.data;

import dev.hone.data.internal.Shuffle;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An immutable table of feature rows and class labels, ready for training.
 *
 * <p>Features are stored row-major in one float array; nothing outside this class can change them.
 * Construction checks every value: a NaN or infinite feature, or a label outside
 * {@code [0, classes)}, is rejected with the row that holds it.
 *
 * <pre>{@code
 * Dataset xor = Dataset.of("xor", new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
 *                          new int[] {0, 1, 1, 0}, 2);
 * Split parts = xor.split(0.25, 42);
 * }</pre>
 */
public final class Dataset {

  private final String name;
  private final float[] features;
  private final int[] labels;
  private final int featureCount;
  private final int classes;
  private final List<String> classNames;
  private final Preprocessing preprocessing;

  private Dataset(String name, float[] features, int featureCount, int[] labels, int classes) {
    this(name, features, featureCount, labels, classes, null, null);
  }

  private Dataset(String name, float[] features, int featureCount, int[] labels, int classes,
      List<String> classNames, Preprocessing preprocessing) {
    this.name = name;
    this.features = features;
    this.featureCount = featureCount;
    this.labels = labels;
    this.classes = classes;
    this.classNames = classNames;
    this.preprocessing = preprocessing;
  }

  /**
   * Builds a dataset from rows of features and their labels (the arrays are copied).
   *
   * @param name a short name that provenance and reports show
   * @param rows one feature row per example, all of the same length
   * @param labels one label per row, each in {@code [0, classes)}
   * @param classes the number of classes
   * @return the dataset
   * @throws IllegalArgumentException when sizes disagree, a value is not finite or a label is out
   *     of range; the message names the row
   */
  public static Dataset of(String name, float[][] rows, int[] labels, int classes) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      throw new IllegalArgumentException("dataset '" + name + "' has no rows; expected at least one");
    }
    int width = rows[0].length;
    float[] flat = new float[rows.length * width];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != width) {
        throw new IllegalArgumentException(
            "row " + r + " has " + rows[r].length + " features, expected " + width
                + " like row 0");
      }
      System.arraycopy(rows[r], 0, flat, r * width, width);
    }
    return ofFlat(name, flat, width, labels.clone(), classes);
  }

  /**
   * Builds a dataset from a row-major feature array without copying it; the caller hands the
   * arrays over and must not change them afterwards.
   *
   * @param name a short name that provenance and reports show
   * @param features {@code labels.length * featureCount} values, row after row
   * @param featureCount the number of features per row
   * @param labels one label per row, each in {@code [0, classes)}
   * @param classes the number of classes
   * @return the dataset
   * @throws IllegalArgumentException when sizes disagree, a value is not finite or a label is out
   *     of range
   */
  public static Dataset ofFlat(
      String name, float[] features, int featureCount, int[] labels, int classes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    if (featureCount <= 0) {
      throw new IllegalArgumentException("featureCount must be > 0, was " + featureCount);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, was " + classes);
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("dataset '" + name + "' has no rows; expected at least one");
    }
    if ((long) labels.length * featureCount != features.length) {
      throw new IllegalArgumentException(
          "dataset '" + name + "' has " + features.length + " feature values for "
              + labels.length + " labels of " + featureCount + " features each; expected "
              + (long) labels.length * featureCount);
    }
    for (int i = 0; i < features.length; i++) {
      float v = features[i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "dataset '" + name + "' row " + (i / featureCount) + ", feature " + (i % featureCount)
                + " is " + v + "; expected a finite number (drop or impute the row first)");
      }
    }
    for (int r = 0; r < labels.length; r++) {
      if (labels[r] < 0 || labels[r] >= classes) {
        throw new IllegalArgumentException(
            "dataset '" + name + "' row " + r + " has label " + labels[r] + "; expected 0.."
                + (classes - 1) + " for " + classes + " classes");
      }
    }
    return new Dataset(name, features, featureCount, labels, classes);
  }

  /** Returns the name used in provenance and reports. */
  public String name() {
    return name;
  }

  /** Returns the number of rows. */
  public int size() {
    return labels.length;
  }

  /** Returns the number of features per row. */
  public int featureCount() {
    return featureCount;
  }

  /** Returns the number of classes; labels lie in {@code [0, classes)}. */
  public int classes() {
    return classes;
  }

  /**
   * Returns the name of every class, indexed by class id: the names given by
   * {@link #withClassNames}, or {@code "0", "1", ...} when none were given.
   *
   * <pre>{@code
   * Dataset d = prepared.train();
   * d.classNames();   // [Adelie, Chinstrap, Gentoo]
   * }</pre>
   *
   * @return one name per class
   */
  public List<String> classNames() {
    if (classNames != null) {
      return classNames;
    }
    List<String> names = new ArrayList<>(classes);
    for (int c = 0; c < classes; c++) {
      names.add(Integer.toString(c));
    }
    return List.copyOf(names);
  }

  /** Returns whether class names were given (see {@link #withClassNames}). */
  public boolean hasClassNames() {
    return classNames != null;
  }

  /**
   * Returns a copy whose classes carry names, which evaluations, confusion matrices and
   * {@code model.predict(rawRow)} show instead of ids.
   *
   * <pre>{@code
   * Dataset named = data.withClassNames(List.of("Adelie", "Chinstrap", "Gentoo"));
   * }</pre>
   *
   * @param names one distinct, non-blank name per class, in class-id order
   * @return the named copy; this dataset is unchanged
   * @throws IllegalArgumentException when the count differs from {@code classes()}, or a name is
   *     blank or repeated
   */
  public Dataset withClassNames(List<String> names) {
    Objects.requireNonNull(names, "names");
    if (names.size() != classes) {
      throw new IllegalArgumentException("dataset '" + name + "' has " + classes
          + " classes but " + names.size() + " names were given: " + names);
    }
    if (new java.util.HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("class names must be distinct, were " + names);
    }
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException("class names must not be blank, were " + names);
      }
    }
    return new Dataset(name, features, featureCount, labels, classes, List.copyOf(names),
        preprocessing);
  }

  /**
   * Returns the preprocessing that turned raw table rows into these features, when the dataset
   * came from a fitted table pipeline. A model trained on this dataset keeps it, so that it
   * predicts from raw rows.
   *
   * @return the preprocessing, or empty for datasets built from feature arrays
   */
  public java.util.Optional<Preprocessing> preprocessing() {
    return java.util.Optional.ofNullable(preprocessing);
  }

  /**
   * Returns a copy that records the preprocessing its features came from (see
   * {@link #preprocessing()}). Table pipelines do this for you.
   *
   * <pre>{@code
   * Dataset d = Dataset.of("t", rows, labels, 3).withPreprocessing(fitted);
   * }</pre>
   *
   * @param p the preprocessing, whose feature count must equal this dataset's
   * @return the copy; this dataset is unchanged
   * @throws IllegalArgumentException when the feature counts differ
   */
  public Dataset withPreprocessing(Preprocessing p) {
    Objects.requireNonNull(p, "p");
    if (p.featureNames().size() != featureCount) {
      throw new IllegalArgumentException("the preprocessing makes " + p.featureNames().size()
          + " features " + p.featureNames() + " but dataset '" + name + "' has " + featureCount);
    }
    return new Dataset(name, features, featureCount, labels, classes, classNames, p);
  }

  /** Returns the label of row {@code i}. */
  public int label(int i) {
    return labels[Objects.checkIndex(i, labels.length)];
  }

  /** Returns a copy of row {@code i}'s features. */
  public float[] row(int i) {
    Objects.checkIndex(i, labels.length);
    return Arrays.copyOfRange(features, i * featureCount, (i + 1) * featureCount);
  }

  /** Returns a copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** Returns a copy of the features as rows. */
  public float[][] rows() {
    float[][] out = new float[size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = row(i);
    }
    return out;
  }

  /** Returns a read-only view of the row-major features, without copying. */
  public FloatBuffer featureBuffer() {
    return FloatBuffer.wrap(features).asReadOnlyBuffer();
  }

  /** Returns a read-only view of the labels, without copying. */
  public IntBuffer labelBuffer() {
    return IntBuffer.wrap(labels).asReadOnlyBuffer();
  }

  /** Returns how many rows each class has, indexed by class. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * Returns the rows at the given indices, in that order, as a new dataset.
   *
   * @param indices row indices, each in {@code [0, size())}; repeats are allowed
   * @param newName the name of the result
   * @return the subset
   */
  public Dataset select(int[] indices, String newName) {
    if (indices.length == 0) {
      throw new IllegalArgumentException("select needs at least one index");
    }
    float[] f = new float[indices.length * featureCount];
    int[] l = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = Objects.checkIndex(indices[k], labels.length);
      System.arraycopy(features, i * featureCount, f, k * featureCount, featureCount);
      l[k] = labels[i];
    }
    return new Dataset(newName, f, featureCount, l, classes, classNames, preprocessing);
  }

  /**
   * Returns the first {@code n} rows.
   *
   * <pre>{@code
   * Dataset small = mnist.train().take(1000);
   * }</pre>
   *
   * @param n how many rows, between 1 and {@code size()}
   * @return the first rows, as a new dataset
   */
  public Dataset take(int n) {
    if (n < 1 || n > size()) {
      throw new IllegalArgumentException("take(n) needs 1 <= n <= " + size() + ", was " + n);
    }
    int[] idx = new int[n];
    Arrays.setAll(idx, i -> i);
    return select(idx, name + "[:" + n + "]");
  }

  /**
   * Returns a copy standardized with this dataset's own statistics: one mean and one standard
   * deviation over all features, as {@link Split#standardized()} uses.
   *
   * <p>Use it on data that is already the training part, or on data you will not test on. To
   * split and standardize, standardize the {@link Split} instead ({@code
   * data.split(0.2, 42).standardized()}), whose statistics come from the train part only, so no
   * test row leaks into them.
   *
   * <pre>{@code
   * Dataset train = Datasets.mnist().train().standardized();
   * }</pre>
   *
   * @return a new dataset named {@code <name>:std}, with the same labels and class names
   * @throws IllegalArgumentException when every feature has the same value
   */
  public Dataset standardized() {
    Dataset std = Standardizer.fitGlobal(this).apply(this);
    return hasClassNames() ? std.withClassNames(classNames()) : std;
  }

  /**
   * Splits into train and test parts, stratified: each class keeps its share in both parts.
   *
   * <p>The same seed gives the same split. Rows of each class are shuffled with the seed, then the
   * first {@code round(testFraction * count)} go to test.
   *
   * <pre>{@code
   * Split parts = data.split(0.2, 42);   // 80 % train, 20 % test
   * }</pre>
   *
   * @param testFraction share of rows for the test part, strictly between 0 and 1
   * @param seed the shuffle seed
   * @return the two parts
   */
  public Split split(double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "testFraction must be strictly between 0 and 1, was " + testFraction);
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (List<Integer> classRows : byClass) {
      int[] rows = shuffled(classRows, random);
      int testCount = (int) Math.round(testFraction * rows.length);
      for (int k = 0; k < rows.length; k++) {
        (k < testCount ? test : train).add(rows[k]);
      }
    }
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException(
          "split(" + testFraction + ") of " + size() + " rows leaves an empty part; use more rows"
              + " or a fraction nearer 0.5");
    }
    // Interleave classes again so that a prefix (take(n)) stays balanced.
    int[] trainIdx = shuffled(train, random);
    int[] testIdx = shuffled(test, random);
    return new Split(select(trainIdx, name + ":train"), select(testIdx, name + ":test"));
  }

  private static int[] shuffled(List<Integer> rows, SplittableRandom random) {
    return Shuffle.inPlace(rows.stream().mapToInt(Integer::intValue).toArray(), random);
  }

  /** Two datasets are equal when name, shape, classes, every feature and every label agree. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Dataset d && name.equals(d.name) && featureCount == d.featureCount
        && classes == d.classes && Arrays.equals(labels, d.labels)
        && Arrays.equals(features, d.features);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, featureCount, classes, Arrays.hashCode(labels),
        Arrays.hashCode(features));
  }

  @Override
  public String toString() {
    return "Dataset[" + name + ": " + size() + " rows x " + featureCount + " features, "
        + classes + " classes]";
  }
}
