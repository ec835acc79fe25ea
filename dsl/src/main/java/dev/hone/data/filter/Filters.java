package dev.hone.data.filter;

import dev.hone.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Filters for datasets, each returning a new value and leaving its input unchanged.
 *
 * <pre>{@code
 * Dataset two = Filters.keepClasses(train, "Adelie", "Gentoo");
 * FeatureSelection top = Filters.topK(train, 4, Correlation.MUTUAL_INFORMATION);
 * }</pre>
 */
public final class Filters {

  private Filters() {}

  // ------------------------------------------------------------------ by task

  /**
   * Keeps the rows of the named classes; they get new ids 0, 1, ... in the order given.
   *
   * <pre>{@code
   * Dataset two = Filters.keepClasses(train, "Adelie", "Gentoo");
   * }</pre>
   *
   * @param data the data
   * @param classNames at least two of {@code data.classNames()}
   * @return the rows of those classes
   * @throws IllegalArgumentException naming a class that does not exist, or when fewer than two
   *     are given
   */
  public static Dataset keepClasses(Dataset data, String... classNames) {
    if (classNames.length < 2) {
      throw new IllegalArgumentException("keep at least two classes, was "
          + Arrays.toString(classNames));
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    for (String c : classNames) {
      mapping.put(c, c);
    }
    return relabel(data, mapping);
  }

  /**
   * Relabels classes: each old class name maps to a new name (several may map to one); rows of
   * classes not in the map are dropped. New ids follow the order of first appearance in the map.
   *
   * <pre>{@code
   * Dataset regions = Filters.relabel(cars, Map.of("USA", "America", "Europe", "Other",
   *     "Japan", "Other"));
   * }</pre>
   *
   * @param data the data
   * @param mapping old class name to new class name
   * @return the relabelled rows
   * @throws IllegalArgumentException naming an unknown class, or when fewer than two new classes
   *     result
   */
  public static Dataset relabel(Dataset data, Map<String, String> mapping) {
    Objects.requireNonNull(mapping, "mapping");
    List<String> names = data.classNames();
    List<String> newNames = new ArrayList<>();
    int[] newId = new int[names.size()];
    Arrays.fill(newId, -1);
    for (var e : mapping.entrySet()) {
      int old = names.indexOf(e.getKey());
      if (old < 0) {
        throw new IllegalArgumentException("no class '" + e.getKey() + "' in '" + data.name()
            + "'; its classes are " + names);
      }
      int id = newNames.indexOf(e.getValue());
      if (id < 0) {
        newNames.add(e.getValue());
        id = newNames.size() - 1;
      }
      newId[old] = id;
    }
    if (newNames.size() < 2) {
      throw new IllegalArgumentException("relabelling leaves one class " + newNames
          + "; a classifier needs at least two");
    }
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < data.size(); r++) {
      if (newId[data.label(r)] >= 0) {
        rows.add(r);
      }
    }
    float[] x = new float[rows.size() * data.featureCount()];
    int[] y = new int[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      int r = rows.get(k);
      System.arraycopy(data.row(r), 0, x, k * data.featureCount(), data.featureCount());
      y[k] = newId[data.label(r)];
    }
    return Dataset.ofFlat(data.name() + ":relabel", x, data.featureCount(), y, newNames.size())
        .withClassNames(newNames);
  }

  /**
   * Balances classes: down to the smallest class's count, or up (with replacement) to the
   * largest's; rows are drawn with the seed and the result is shuffled.
   *
   * <pre>{@code
   * Dataset even = Filters.balance(train, Balance.DOWN, 42);
   * even.classCounts();   // all equal
   * }</pre>
   *
   * @param data the data
   * @param how down or up
   * @param seed the draws' seed
   * @return the balanced data
   */
  public static Dataset balance(Dataset data, Balance how, long seed) {
    Objects.requireNonNull(how, "how");
    int[] counts = data.classCounts();
    int target = how == Balance.DOWN ? Integer.MAX_VALUE : 0;
    for (int c : counts) {
      if (c > 0) {
        target = how == Balance.DOWN ? Math.min(target, c) : Math.max(target, c);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < data.classes(); c++) {
      byClass.add(new ArrayList<>());
    }
    for (int r = 0; r < data.size(); r++) {
      byClass.get(data.label(r)).add(r);
    }
    List<Integer> out = new ArrayList<>();
    for (List<Integer> rows : byClass) {
      if (rows.isEmpty()) {
        continue;
      }
      shuffle(rows, random);
      for (int k = 0; k < target; k++) {
        out.add(k < rows.size() ? rows.get(k) : rows.get(random.nextInt(rows.size())));
      }
    }
    shuffle(out, random);
    return data.select(out.stream().mapToInt(Integer::intValue).toArray(),
        data.name() + ":balanced(" + how.name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  private static void shuffle(List<Integer> rows, SplittableRandom random) {
    for (int i = rows.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = rows.get(i);
      rows.set(i, rows.get(j));
      rows.set(j, t);
    }
  }

  // ------------------------------------------------------------------ by correlation

  /**
   * Drops redundant features: walking features in order, a feature whose |correlation| with a
   * feature already kept exceeds the threshold is dropped (the report names its partner).
   *
   * <pre>{@code
   * FeatureSelection s = Filters.correlated(train, 0.9, Correlation.PEARSON);
   * }</pre>
   *
   * @param data the data
   * @param threshold in (0, 1)
   * @param method {@link Correlation#PEARSON} or {@link Correlation#SPEARMAN}
   * @return what was kept and dropped
   */
  public static FeatureSelection correlated(Dataset data, double threshold, Correlation method) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
    }
    if (method == Correlation.MUTUAL_INFORMATION) {
      throw new IllegalArgumentException("correlated(...) compares features with PEARSON or"
          + " SPEARMAN; mutual information ranks features against the label in rank(...)");
    }
    double[][] cols = columns(data, method == Correlation.SPEARMAN);
    List<String> names = names(data);
    List<Integer> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    StringColumn feature = StringColumn.create("feature");
    StringColumn decision = StringColumn.create("decision");
    StringColumn partner = StringColumn.create("most correlated kept feature");
    DoubleColumn corr = DoubleColumn.create("|r|");
    for (int j = 0; j < cols.length; j++) {
      int best = -1;
      double bestR = 0;
      for (int k : kept) {
        double r = Math.abs(pearson(cols[j], cols[k]));
        if (r > bestR) {
          bestR = r;
          best = k;
        }
      }
      feature.append(names.get(j));
      partner.append(best < 0 ? "" : names.get(best));
      corr.append(best < 0 ? Double.NaN : bestR);
      if (bestR > threshold) {
        dropped.add(names.get(j));
        decision.append("dropped");
      } else {
        kept.add(j);
        decision.append("kept");
      }
    }
    return new FeatureSelection(kept.stream().map(names::get).toList(), dropped,
        Table.create("correlation " + method.name().toLowerCase(java.util.Locale.ROOT), feature,
            decision, partner, corr), keepFeatures(data, kept));
  }

  /**
   * Ranks features by |correlation| or mutual information with the label (for correlation, the
   * label's class ids; meaningful for two classes or ordered ones), best first.
   *
   * <pre>{@code
   * Table ranking = Filters.rank(train, Correlation.MUTUAL_INFORMATION);
   * }</pre>
   *
   * @param data the data
   * @param method how to score
   * @return columns {@code feature} and {@code score}, best first
   */
  public static Table rank(Dataset data, Correlation method) {
    double[] s = scores(data, method);
    List<String> names = names(data);
    Integer[] order = new Integer[s.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
    StringColumn f = StringColumn.create("feature");
    DoubleColumn v = DoubleColumn.create("score");
    for (int i : order) {
      f.append(names.get(i));
      v.append(s[i]);
    }
    return Table.create("features by " + method.name().toLowerCase(java.util.Locale.ROOT), f, v);
  }

  /**
   * Keeps the {@code k} features that score best against the label (see {@link #rank}).
   *
   * <pre>{@code
   * FeatureSelection top = Filters.topK(train, 4, Correlation.MUTUAL_INFORMATION);
   * }</pre>
   *
   * @param data the data
   * @param k 1 to the number of features
   * @param method how to score
   * @return the selection, kept features in their original order
   */
  public static FeatureSelection topK(Dataset data, int k, Correlation method) {
    if (k < 1 || k > data.featureCount()) {
      throw new IllegalArgumentException("k must be in [1, " + data.featureCount() + "], was "
          + k);
    }
    Table ranking = rank(data, method);
    List<String> names = names(data);
    List<String> top = ranking.stringColumn("feature").asList().subList(0, k);
    List<Integer> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (top.contains(names.get(j))) {
        kept.add(j);
      } else {
        dropped.add(names.get(j));
      }
    }
    return new FeatureSelection(kept.stream().map(names::get).toList(), dropped, ranking,
        keepFeatures(data, kept));
  }

  private static double[] scores(Dataset data, Correlation method) {
    double[][] cols = columns(data, method == Correlation.SPEARMAN);
    double[] label = new double[data.size()];
    for (int r = 0; r < label.length; r++) {
      label[r] = data.label(r);
    }
    if (method == Correlation.SPEARMAN) {
      label = ranks(label);
    }
    double[] s = new double[cols.length];
    for (int j = 0; j < cols.length; j++) {
      s[j] = method == Correlation.MUTUAL_INFORMATION ? mutualInformation(cols[j], data)
          : Math.abs(pearson(cols[j], label));
    }
    return s;
  }

  /** Mutual information (nats) between a feature binned into 10 equal-count bins and the label. */
  static double mutualInformation(double[] x, Dataset data) {
    int n = x.length;
    int bins = Math.min(10, n);
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int classes = data.classes();
    double[][] joint = new double[bins][classes];
    for (int r = 0; r < n; r++) {
      int rank = Arrays.binarySearch(sorted, x[r]);
      while (rank > 0 && sorted[rank - 1] == x[r]) {
        rank--;
      }
      int b = Math.min(bins - 1, (int) ((long) rank * bins / n));
      joint[b][data.label(r)] += 1.0 / n;
    }
    double[] pb = new double[bins];
    double[] pc = new double[classes];
    for (int b = 0; b < bins; b++) {
      for (int c = 0; c < classes; c++) {
        pb[b] += joint[b][c];
        pc[c] += joint[b][c];
      }
    }
    double mi = 0;
    for (int b = 0; b < bins; b++) {
      for (int c = 0; c < classes; c++) {
        if (joint[b][c] > 0) {
          mi += joint[b][c] * Math.log(joint[b][c] / (pb[b] * pc[c]));
        }
      }
    }
    return mi;
  }

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i] / n;
      mb += b[i] / n;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }

  static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
    double[] r = new double[v.length];
    for (int i = 0; i < idx.length;) {
      int j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = mean;
      }
      i = j + 1;
    }
    return r;
  }

  private static double[][] columns(Dataset data, boolean ranked) {
    int n = data.size();
    int f = data.featureCount();
    double[][] cols = new double[f][n];
    var buf = data.featureBuffer();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < f; j++) {
        cols[j][r] = buf.get(r * f + j);
      }
    }
    if (ranked) {
      for (int j = 0; j < f; j++) {
        cols[j] = ranks(cols[j]);
      }
    }
    return cols;
  }

  private static List<String> names(Dataset data) {
    if (data.preprocessing().isPresent()) {
      return data.preprocessing().get().featureNames();
    }
    List<String> out = new ArrayList<>();
    for (int j = 0; j < data.featureCount(); j++) {
      out.add("f" + j);
    }
    return out;
  }

  private static Dataset keepFeatures(Dataset data, List<Integer> kept) {
    int n = data.size();
    int f = data.featureCount();
    float[] x = new float[n * kept.size()];
    var buf = data.featureBuffer();
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < kept.size(); k++) {
        x[r * kept.size() + k] = buf.get(r * f + kept.get(k));
      }
    }
    Dataset out = Dataset.ofFlat(data.name() + ":selected", x, kept.size(), data.labels(),
        data.classes());
    return data.hasClassNames() ? out.withClassNames(data.classNames()) : out;
  }

  /** Returns class counts by name, for reports. */
  static Map<String, Integer> countsByName(Dataset data) {
    Map<String, Integer> m = new HashMap<>();
    int[] c = data.classCounts();
    for (int i = 0; i < c.length; i++) {
      m.put(data.classNames().get(i), c[i]);
    }
    return m;
  }
}
