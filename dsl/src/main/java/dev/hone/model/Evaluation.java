package dev.hone.model;

import dev.hone.display.Displayable;
import dev.hone.display.Figures;
import dev.hone.display.HtmlTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How a model did on held-out data: accuracy, mean loss, per-class accuracy and the confusion
 * matrix.
 *
 * <pre>{@code
 * Evaluation e = model.evaluate(mnist.test());
 * e.accuracy();            // 0.95...
 * e.confusion()[3][5];     // 3s taken for 5s
 * }</pre>
 */
public final class Evaluation implements Displayable {

  private final double loss;
  private final int[][] confusion;
  private final int samples;
  private final List<String> classNames;

  /**
   * Makes an evaluation from its confusion matrix.
   *
   * @param loss mean cross-entropy over the rows
   * @param confusion {@code confusion[actual][predicted]} row counts, square
   */
  public Evaluation(double loss, int[][] confusion) {
    this(loss, confusion, null);
  }

  /**
   * Makes an evaluation whose classes have names, which its table and display show.
   *
   * @param loss mean cross-entropy over the rows
   * @param confusion {@code confusion[actual][predicted]} row counts, square
   * @param classNames one name per class, or null for ids
   */
  public Evaluation(double loss, int[][] confusion, List<String> classNames) {
    if (classNames != null && classNames.size() != confusion.length) {
      throw new IllegalArgumentException(confusion.length + " classes but " + classNames.size()
          + " class names " + classNames);
    }
    this.classNames = classNames == null ? null : List.copyOf(classNames);
    int n = confusion.length;
    int total = 0;
    this.confusion = new int[n][];
    for (int i = 0; i < n; i++) {
      if (confusion[i].length != n) {
        throw new IllegalArgumentException("confusion matrix must be square, row " + i + " has "
            + confusion[i].length + " columns for " + n + " rows");
      }
      this.confusion[i] = confusion[i].clone();
      total += rowsOfClass(this.confusion, i);
    }
    if (total == 0) {
      throw new IllegalArgumentException("an evaluation needs at least one row");
    }
    this.loss = loss;
    this.samples = total;
  }

  /** Returns how many rows have actual class {@code c}: the sum of row {@code c}. */
  private static int rowsOfClass(int[][] confusion, int c) {
    int count = 0;
    for (int v : confusion[c]) {
      count += v;
    }
    return count;
  }

  /** Returns the share of rows classified correctly. */
  public double accuracy() {
    int right = 0;
    for (int i = 0; i < confusion.length; i++) {
      right += confusion[i][i];
    }
    return (double) right / samples;
  }

  /** Returns the mean softmax cross-entropy. */
  public double loss() {
    return loss;
  }

  /** Returns the number of rows evaluated. */
  public int samples() {
    return samples;
  }

  /** Returns a copy of the confusion matrix, {@code [actual][predicted]}. */
  public int[][] confusion() {
    int[][] copy = new int[confusion.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  /** Returns each class's accuracy (recall); NaN for a class with no rows. */
  public double[] perClassAccuracy() {
    double[] out = new double[confusion.length];
    for (int i = 0; i < out.length; i++) {
      int count = rowsOfClass(confusion, i);
      out[i] = count == 0 ? Double.NaN : (double) confusion[i][i] / count;
    }
    return out;
  }

  /** Returns the name of every class: the dataset's class names, or "0", "1", ... */
  public List<String> classNames() {
    if (classNames != null) {
      return classNames;
    }
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < confusion.length; i++) {
      ids.add(Integer.toString(i));
    }
    return List.copyOf(ids);
  }

  /** Returns per-class rows, accuracy and support, as a Tablesaw table. */
  public Table toTable() {
    IntColumn cls = IntColumn.create("class");
    StringColumn name = StringColumn.create("name");
    IntColumn support = IntColumn.create("rows");
    DoubleColumn acc = DoubleColumn.create("accuracy");
    double[] per = perClassAccuracy();
    for (int i = 0; i < per.length; i++) {
      cls.append(i);
      name.append(classNames().get(i));
      support.append(rowsOfClass(confusion, i));
      acc.append(per[i]);
    }
    return classNames == null ? Table.create("per-class accuracy", cls, support, acc)
        : Table.create("per-class accuracy", cls, name, support, acc);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    List<String> header = new ArrayList<>();
    header.add("actual \\ predicted");
    header.addAll(classNames());
    header.add("accuracy");
    HtmlTable html = HtmlTable.of(header).title("accuracy " + fmt(accuracy()) + " \u00b7 loss "
        + fmt(loss) + " \u00b7 " + Figures.count(samples) + " rows");
    double[] per = perClassAccuracy();
    for (int i = 0; i < confusion.length; i++) {
      List<Object> row = new ArrayList<>();
      row.add(classNames().get(i));
      for (int j = 0; j < confusion.length; j++) {
        row.add(i == j ? HtmlTable.strong(confusion[i][j]) : confusion[i][j]);
      }
      row.add(fmt(per[i]));
      html.headedRow(row.toArray());
    }
    bundle.put("text/html", html.toHtml());
    return bundle;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Evaluation[accuracy=%.4f, loss=%.4f, rows=%d]",
        accuracy(), loss, samples);
  }
}
