package dev.hone.data.table;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.hone.data.Dataset;
import dev.hone.data.Preprocessing;
import dev.hone.data.table.internal.Change;
import dev.hone.data.table.internal.FittedStep;
import dev.hone.data.table.internal.Frame;
import dev.hone.data.table.internal.Mode;
import dev.hone.data.table.internal.StepSpec;
import dev.hone.data.table.internal.Steps;
import dev.hone.data.table.internal.TableHtml;
import dev.hone.display.Displayable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A pipeline whose statistics were learned from one training table: it applies them unchanged to
 * any table of the same columns ({@link #transform}, {@link #dataset}) and to single raw rows
 * ({@link #encode}). An immutable value; it displays as a table of what each step learned and
 * changed on the training table.
 *
 * <p>A dataset it makes carries it, and so does a model trained on that dataset: the model's
 * {@code .hone} file stores the fitted steps, and {@code model.predict(rawRow)} runs them.
 *
 * <pre>{@code
 * FittedPipeline fitted = Pipeline.label("Species").dropMissing().oneHot().standardize()
 *     .fit(train);
 * fitted.report();                 // step, columns, learned, rows removed, cells changed
 * Dataset test = fitted.dataset(testTable);
 * float[] x = fitted.encode(Map.of("Island", "Dream", ...));
 * }</pre>
 */
public final class FittedPipeline implements Preprocessing, Displayable {

  private static final String KIND = "table_pipeline";

  private final String tableName;
  private final String label;
  private final boolean labelNumeric;
  private final LinkedHashMap<String, Boolean> inputs;
  private final List<FittedStep> steps;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final Table report;
  private final int trainRows;

  private FittedPipeline(String tableName, String label, boolean labelNumeric,
      LinkedHashMap<String, Boolean> inputs, List<FittedStep> steps, List<String> featureNames,
      List<String> classNames, Table report, int trainRows) {
    this.tableName = tableName;
    this.label = label;
    this.labelNumeric = labelNumeric;
    this.inputs = inputs;
    this.steps = List.copyOf(steps);
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    this.report = report;
    this.trainRows = trainRows;
  }

  static FittedPipeline fit(Table train, String label, List<String> features,
      List<StepSpec> specs) {
    Frame f = Frame.of(train);
    if (f.rows() == 0) {
      throw new IllegalArgumentException("table '" + train.name() + "' has no rows to fit on");
    }
    select(f, label, features);
    LinkedHashMap<String, Boolean> inputs = new LinkedHashMap<>(f.kinds());
    boolean labelNumeric = false;
    List<Change> changes = new ArrayList<>();
    List<String> classes = List.of();
    if (label != null) {
      labelNumeric = f.isNumeric(label);
      inputs.remove(label);
      changes.add(dropMissingLabels(f, label, Mode.FIT));
      classes = classesOf(f, label, labelNumeric);
      if (classes.size() < 2) {
        throw new IllegalArgumentException("the label column '" + label + "' of '"
            + train.name() + "' has one class " + classes + " in " + f.rows()
            + " training rows; a classifier needs at least two (keep more classes, or pick"
            + " another label)");
      }
    }
    List<FittedStep> fitted = new ArrayList<>();
    for (StepSpec s : specs) {
      FittedStep step = s.fit(f);
      fitted.add(step);
      changes.add(step.apply(f, Mode.FIT));
    }
    List<String> names = f.names();
    if (label != null) {
      names.remove(label);
    }
    FittedPipeline p = new FittedPipeline(train.name(), label, labelNumeric, inputs, fitted,
        names, classes, null, f.rows());
    return p.withReport(p.reportOf(changes, train.rowCount()));
  }

  private FittedPipeline withReport(Table r) {
    return new FittedPipeline(tableName, label, labelNumeric, inputs, steps, featureNames,
        classNames, r, trainRows);
  }

  private static void select(Frame f, String label, List<String> features) {
    if (label != null) {
      f.require(label);
    }
    if (!features.isEmpty()) {
      features.forEach(f::require);
      for (String c : f.names()) {
        if (!c.equals(label) && !features.contains(c)) {
          f.remove(c);
        }
      }
    }
  }

  private static Change dropMissingLabels(Frame f, String label, Mode mode) {
    boolean[] keep = new boolean[f.rows()];
    for (int r = 0; r < keep.length; r++) {
      keep[r] = !f.isMissing(label, r);
    }
    return new Change(f.keep(keep), 0);
  }

  private static String labelText(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : Double.toString(v);
  }

  private static List<String> classesOf(Frame f, String label, boolean numeric) {
    if (numeric) {
      TreeSet<Double> values = new TreeSet<>();
      for (double v : f.numbers(label)) {
        values.add(v);
      }
      return values.stream().map(FittedPipeline::labelText).toList();
    }
    return new ArrayList<>(new TreeSet<>(Arrays.asList(f.strings(label))));
  }

  /** Runs the fitted steps on a copy of the table; returns the frame and the changes. */
  private Frame run(Table table, List<Change> changes) {
    Frame f = Frame.of(table);
    for (String c : inputs.keySet()) {
      if (!f.has(c)) {
        throw Frame.unknown(c, f.names(), table.name());
      }
    }
    for (String c : f.names()) {
      if (!inputs.containsKey(c) && !c.equals(label)) {
        f.remove(c);
      }
    }
    for (var e : inputs.entrySet()) {
      if (e.getValue() && !f.isNumeric(e.getKey())) {
        throw new IllegalArgumentException("column '" + e.getKey() + "' of '" + table.name()
            + "' holds text but held numbers when the pipeline was fitted");
      }
    }
    if (label != null && f.has(label)) {
      changes.add(dropMissingLabels(f, label, Mode.TRANSFORM));
    } else {
      changes.add(Change.NONE);
    }
    for (FittedStep s : steps) {
      changes.add(s.apply(f, Mode.TRANSFORM));
    }
    return f;
  }

  /**
   * Applies the fitted steps to a table (training-only row filters skipped) and returns the
   * result: the feature columns, then the label if the table has it.
   *
   * <pre>{@code
   * Table ready = fitted.transform(testTable);
   * }</pre>
   *
   * @param table a table with the columns the pipeline was fitted on; never changed
   * @return the transformed table
   * @throws IllegalArgumentException naming a missing column or an unseen category
   */
  public Table transform(Table table) {
    Objects.requireNonNull(table, "table");
    return run(table, new ArrayList<>()).toTable(table.name() + ":prepared");
  }

  /**
   * Returns what applying the fitted steps to a table changes, step by step, without keeping the
   * result: the same columns as {@link #report()}.
   *
   * <pre>{@code
   * fitted.changes(testTable);   // e.g. impute(median) filled 1 cell of the test rows
   * }</pre>
   *
   * @param table a table with the fitted columns
   * @return one row per step
   */
  public Table changes(Table table) {
    List<Change> changes = new ArrayList<>();
    run(table, changes);
    return reportOf(changes, table.rowCount());
  }

  /**
   * Applies the fitted steps and makes a dataset of the features and the label's class ids; the
   * dataset carries the class names and this pipeline, so a model trained on it shows "Adelie"
   * and predicts from raw rows.
   *
   * <pre>{@code
   * Dataset train = fitted.dataset(trainTable);
   * train.classNames();   // [Adelie, Chinstrap, Gentoo]
   * }</pre>
   *
   * @param table a table with the fitted columns and the label
   * @return the dataset, named after the table
   * @throws IllegalArgumentException when a label value was not seen in training, or a feature
   *     is still missing or text after the steps (the message names the column)
   */
  public Dataset dataset(Table table) {
    if (label == null) {
      throw new IllegalArgumentException("this pipeline has no label column; start it with"
          + " Pipeline.label(\"...\") to make datasets");
    }
    Frame f = run(table, new ArrayList<>());
    if (!f.has(label)) {
      throw Frame.unknown(label, f.names(), table.name());
    }
    int rows = f.rows();
    if (rows == 0) {
      throw new IllegalArgumentException("no rows of '" + table.name() + "' are left after the"
          + " pipeline; see fitted.changes(table)");
    }
    int width = featureNames.size();
    float[] x = new float[rows * width];
    for (int j = 0; j < width; j++) {
      String c = featureNames.get(j);
      double[] v = featureColumn(f, c);
      for (int r = 0; r < rows; r++) {
        if (Double.isNaN(v[r])) {
          long missing = Arrays.stream(v).filter(Double::isNaN).count();
          throw new IllegalArgumentException("feature '" + c + "' has " + missing + " missing"
              + " values after the pipeline (first in row " + r + " of '" + table.name()
              + "'); add impute(...) or dropMissing(\"" + c + "\")");
        }
        x[r * width + j] = (float) v[r];
      }
    }
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < classNames.size(); i++) {
      ids.put(classNames.get(i), i);
    }
    int[] y = new int[rows];
    for (int r = 0; r < rows; r++) {
      String v = labelNumeric ? labelText(f.numbers(label)[r]) : f.strings(label)[r];
      Integer id = ids.get(v);
      if (id == null) {
        throw new IllegalArgumentException("label '" + label + "' is '" + v + "' in row " + r
            + " of '" + table.name() + "', a class training never saw; known: " + classNames);
      }
      y[r] = id;
    }
    return Dataset.ofFlat(table.name(), x, width, y, classNames.size())
        .withClassNames(classNames).withPreprocessing(this);
  }

  private static double[] featureColumn(Frame f, String c) {
    if (!f.isNumeric(c)) {
      throw new IllegalArgumentException("column '" + c + "' still holds text after the"
          + " pipeline; add oneHot(\"" + c + "\"), ordinal(\"" + c + "\"), toNumbers(\"" + c
          + "\") or dropColumns(\"" + c + "\")");
    }
    return f.numbers(c);
  }

  @Override
  public float[] encode(Map<String, ?> rawRow) {
    Objects.requireNonNull(rawRow, "rawRow");
    Frame f = Frame.ofRow(rawRow, inputs);
    for (FittedStep s : steps) {
      s.apply(f, Mode.PREDICT);
    }
    float[] x = new float[featureNames.size()];
    for (int j = 0; j < x.length; j++) {
      double v = featureColumn(f, featureNames.get(j))[0];
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("feature '" + featureNames.get(j) + "' of the row is"
            + " missing after the pipeline; give a value for it");
      }
      x[j] = (float) v;
    }
    return x;
  }

  /**
   * Encodes every row of a raw table (no rows dropped; a row that cannot be encoded is an error).
   *
   * <pre>{@code
   * float[][] x = fitted.encodeRows(newPenguins);
   * }</pre>
   *
   * @param table raw rows with the fitted columns
   * @return one feature row per table row
   */
  public float[][] encodeRows(Table table) {
    float[][] out = new float[table.rowCount()][];
    List<String> cols = table.columnNames();
    for (int r = 0; r < out.length; r++) {
      Map<String, Object> row = new HashMap<>();
      for (String c : cols) {
        var col = table.column(c);
        row.put(c, col.isMissing(r) ? null : col.get(r));
      }
      try {
        out[r] = encode(row);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + r + " of '" + table.name() + "': "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public List<String> inputColumns() {
    return List.copyOf(inputs.keySet());
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  /** Returns the label column, or null when the pipeline has none. */
  public String label() {
    return label;
  }

  /** Returns the number of training rows left after the pipeline's filters. */
  public int trainRows() {
    return trainRows;
  }

  /**
   * Returns what each step learned from the training table and what it changed there: columns
   * {@code step}, {@code columns}, {@code learned}, {@code rows removed}, {@code cells changed}.
   *
   * <pre>{@code
   * Table r = fitted.report();
   * }</pre>
   *
   * @return the report (a new table each call)
   */
  public Table report() {
    return report.copy();
  }

  private Table reportOf(List<Change> changes, int inputRows) {
    StringColumn step = StringColumn.create("step");
    StringColumn cols = StringColumn.create("columns");
    StringColumn learned = StringColumn.create("learned");
    IntColumn rows = IntColumn.create("rows removed");
    LongColumn cells = LongColumn.create("cells changed");
    int k = 0;
    if (label != null) {
      step.append("label");
      cols.append(label);
      learned.append(classNames.size() + " classes: " + String.join(", ", classNames));
      rows.append(changes.get(0).rowsRemoved());
      cells.append(0L);
      k = 1;
    }
    for (FittedStep s : steps) {
      Change c = changes.get(k++);
      step.append(s.name());
      String names = s.columns().isEmpty() ? "(all)" : String.join(", ", s.columns());
      cols.append(names.length() > 80 ? names.substring(0, 77) + "..." : names);
      learned.append(s.learned());
      rows.append(c.rowsRemoved());
      cells.append(c.cellsChanged());
    }
    return Table.create("pipeline on " + inputRows + " rows", step, cols, learned, rows, cells);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    return TableHtml.bundle("Pipeline fitted on '" + tableName + "'", report,
        trainRows + " training rows left, " + featureNames.size() + " features"
            + (label == null ? "" : ", label '" + label + "' with " + classNames.size()
                + " classes"));
  }

  @Override
  public String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("kind", KIND);
    o.addProperty("version", 1);
    o.addProperty("table", tableName);
    if (label != null) {
      o.addProperty("label", label);
      o.addProperty("label_numeric", labelNumeric);
    }
    JsonArray in = new JsonArray();
    inputs.forEach((name, numeric) -> {
      JsonObject c = new JsonObject();
      c.addProperty("name", name);
      c.addProperty("numeric", numeric);
      in.add(c);
    });
    o.add("inputs", in);
    o.add("features", strings(featureNames));
    o.add("classes", strings(classNames));
    o.addProperty("train_rows", trainRows);
    JsonArray st = new JsonArray();
    steps.forEach(s -> st.add(s.toJson()));
    o.add("steps", st);
    JsonArray rep = new JsonArray();
    for (int r = 0; r < report.rowCount(); r++) {
      JsonObject line = new JsonObject();
      line.addProperty("step", report.stringColumn("step").get(r));
      line.addProperty("columns", report.stringColumn("columns").get(r));
      line.addProperty("learned", report.stringColumn("learned").get(r));
      line.addProperty("rows_removed", report.intColumn("rows removed").get(r));
      line.addProperty("cells_changed", report.longColumn("cells changed").get(r));
      rep.add(line);
    }
    o.add("report", rep);
    o.addProperty("report_title", report.name());
    return o.toString();
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  /**
   * Reads a fitted pipeline back from {@link #toJson()}.
   *
   * <pre>{@code
   * FittedPipeline back = FittedPipeline.fromJson(fitted.toJson());
   * }</pre>
   *
   * @param json the JSON text
   * @return the pipeline
   * @throws IllegalArgumentException when the text is not a saved table pipeline
   */
  public static FittedPipeline fromJson(String json) {
    JsonObject o;
    try {
      o = JsonParser.parseString(json).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException("not a saved table pipeline: " + e.getMessage(), e);
    }
    if (!o.has("kind") || !KIND.equals(o.get("kind").getAsString())) {
      throw new IllegalArgumentException("not a saved table pipeline (kind is "
          + o.get("kind") + ", expected \"" + KIND + "\")");
    }
    LinkedHashMap<String, Boolean> inputs = new LinkedHashMap<>();
    for (JsonElement e : o.getAsJsonArray("inputs")) {
      JsonObject c = e.getAsJsonObject();
      inputs.put(c.get("name").getAsString(), c.get("numeric").getAsBoolean());
    }
    List<FittedStep> steps = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("steps")) {
      steps.add(Steps.fromJson(e.getAsJsonObject()));
    }
    StringColumn step = StringColumn.create("step");
    StringColumn cols = StringColumn.create("columns");
    StringColumn learned = StringColumn.create("learned");
    IntColumn rows = IntColumn.create("rows removed");
    LongColumn cells = LongColumn.create("cells changed");
    for (JsonElement e : o.getAsJsonArray("report")) {
      JsonObject l = e.getAsJsonObject();
      step.append(l.get("step").getAsString());
      cols.append(l.get("columns").getAsString());
      learned.append(l.get("learned").getAsString());
      rows.append(l.get("rows_removed").getAsInt());
      cells.append(l.get("cells_changed").getAsLong());
    }
    String label = o.has("label") ? o.get("label").getAsString() : null;
    return new FittedPipeline(o.get("table").getAsString(), label,
        label != null && o.get("label_numeric").getAsBoolean(), inputs, steps,
        list(o.getAsJsonArray("features")), list(o.getAsJsonArray("classes")),
        Table.create(o.has("report_title") ? o.get("report_title").getAsString() : "pipeline",
            step, cols, learned, rows, cells),
        o.get("train_rows").getAsInt());
  }

  private static List<String> list(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  /** Two fitted pipelines are equal when their saved forms are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof FittedPipeline p && toJson().equals(p.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "FittedPipeline[" + steps.stream().map(FittedStep::name).toList() + " on '"
        + tableName + "', " + featureNames.size() + " features"
        + (label == null ? "" : ", " + classNames.size() + " classes of '" + label + "'") + "]";
  }
}
