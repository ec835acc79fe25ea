package dev.hone.data.table;

import dev.hone.data.Dataset;
import dev.hone.data.Split;
import dev.hone.data.table.internal.Frame;
import dev.hone.data.table.internal.TableHtml;
import dev.hone.display.Displayable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * A table split into train and test rows, with the pipeline fitted on the train rows only and
 * both parts turned into datasets: what {@link Pipeline#fitSplit} returns.
 *
 * <pre>{@code
 * TableSplit data = pipeline.fitSplit(Tables.penguins(), 0.2, 42);
 * data.train();  data.test();  data.pipeline().report();  data.testChanges();
 * }</pre>
 *
 * @param pipeline the pipeline, fitted on the train rows
 * @param train the train rows as a dataset
 * @param test the test rows as a dataset, through the same fitted steps
 * @param testChanges what each step changed in the test rows
 */
public record TableSplit(FittedPipeline pipeline, Dataset train, Dataset test, Table testChanges)
    implements Displayable {

  /** Checks for nulls. */
  public TableSplit {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(testChanges, "testChanges");
  }

  /**
   * Returns the two datasets as a {@link Split}.
   *
   * <pre>{@code
   * Split s = data.split();
   * }</pre>
   *
   * @return train and test
   */
  public Split split() {
    return new Split(train, test);
  }

  /** Returns the number of features per row, the first width of a model for it. */
  public int featureCount() {
    return train.featureCount();
  }

  /** Returns the number of classes, the last width of a model for it. */
  public int classes() {
    return train.classes();
  }

  /** Splits rows by label, stratified and seeded; rows without a label go to train. */
  static Table[] split(Table table, String label, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "testFraction must be strictly between 0 and 1, was " + testFraction);
    }
    Frame f = Frame.of(table);
    f.require(label);
    Map<String, List<Integer>> byClass = new LinkedHashMap<>();
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int r = 0; r < f.rows(); r++) {
      if (f.isMissing(label, r)) {
        train.add(r);
      } else {
        byClass.computeIfAbsent(f.text(label, r), k -> new ArrayList<>()).add(r);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (List<Integer> rows : byClass.values()) {
      for (int i = rows.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Integer t = rows.get(i);
        rows.set(i, rows.get(j));
        rows.set(j, t);
      }
      int testCount = (int) Math.round(testFraction * rows.size());
      for (int k = 0; k < rows.size(); k++) {
        (k < testCount ? test : train).add(rows.get(k));
      }
    }
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException("split(" + testFraction + ") of " + f.rows()
          + " rows leaves an empty part; use more rows or a fraction nearer 0.5");
    }
    train.sort(null);
    test.sort(null);
    Table a = table.rows(train.stream().mapToInt(Integer::intValue).toArray());
    Table b = table.rows(test.stream().mapToInt(Integer::intValue).toArray());
    a.setName(table.name() + ":train");
    b.setName(table.name() + ":test");
    return new Table[] {a, b};
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> fit = pipeline.toMimeBundle();
    Map<String, String> t = TableHtml.bundle("The same steps on the test rows", testChanges,
        train.size() + " train rows, " + test.size() + " test rows, " + featureCount()
            + " features, " + classes() + " classes " + train.classNames());
    Map<String, String> out = new LinkedHashMap<>();
    out.put("text/plain", fit.get("text/plain") + "\n\n" + t.get("text/plain"));
    out.put("text/html", fit.get("text/html") + t.get("text/html"));
    return out;
  }
}
