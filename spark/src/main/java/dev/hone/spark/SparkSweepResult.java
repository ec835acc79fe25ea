package dev.hone.spark;

import dev.hone.bench.Compare;
import dev.hone.bench.Comparison;
import dev.hone.data.Dataset;
import dev.hone.display.Displayable;
import dev.hone.display.Html;
import dev.hone.model.Network;
import dev.hone.spark.internal.ModelBytes;
import dev.hone.spark.internal.VariantOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link SparkSweep} measured: one {@link Entry} per variant, in the sweep's order, failed
 * variants with their error; the Pareto fronts of accuracy against file bytes and against
 * batch-1 latency; the same as a Tablesaw table and a Spark DataFrame. An immutable value.
 *
 * <pre>{@code
 * SparkSweepResult r = sweep.run(spark, mnist.train(), mnist.test());
 * r.toTable();             // one row per variant, fronts marked
 * r.pareto();              // accuracy against bytes
 * r.best().model();        // the most accurate variant, to save or serve
 * }</pre>
 */
public final class SparkSweepResult implements Displayable {

  /** The columns of {@link #toTable()} and {@link #toDataFrame}, in order. */
  public static final List<String> COLUMNS = List.of("variant", "prune", "precision",
      "batch_size", "learning_rate", "accuracy", "loss", "file_bytes", "ratio", "sparsity",
      "p50_us", "p99_us", "samples_per_s", "runtime", "front_bytes", "front_latency",
      "train_s", "task_s", "attempt", "executor", "error");

  /**
   * One variant's measurements, or its error.
   *
   * @param index the variant's position in the sweep
   * @param variant the variant
   * @param error why it failed; empty when it succeeded
   * @param accuracy test accuracy (NaN when failed)
   * @param loss test cross-entropy (NaN when failed)
   * @param fileBytes bytes of its {@code .hone} file
   * @param ratio dense float32 bytes over file bytes
   * @param sparsity share of zero weights
   * @param latencyP50Micros median batch-1 latency, microseconds, one thread
   * @param latencyP99Micros 99th percentile batch-1 latency
   * @param samplesPerSecond batched throughput, one thread
   * @param runtime what served the batch-1 calls
   * @param provenance how the model was made
   * @param trainSeconds seconds its training took
   * @param taskSeconds seconds its whole task took (train, compress, measure)
   * @param attempt the attempt that produced it, from 0 (1 after one retry)
   * @param executor the executor it ran on
   * @param modelBytes the model's {@code .hone} file (empty array when failed)
   */
  public record Entry(int index, Variant variant, Optional<String> error, double accuracy,
      double loss, long fileBytes, double ratio, double sparsity, double latencyP50Micros,
      double latencyP99Micros, double samplesPerSecond, String runtime, String provenance,
      double trainSeconds, double taskSeconds, int attempt, String executor,
      byte[] modelBytes) {

    /** Returns whether the variant produced a model. */
    public boolean succeeded() {
      return error.isEmpty();
    }

    /**
     * Returns the variant's model, loaded from its bytes.
     *
     * @return the model
     * @throws IllegalStateException naming the error when the variant failed
     */
    public Network model() {
      if (!succeeded()) {
        throw new IllegalStateException("variant " + index + " (" + variant.name()
            + ") failed, so it has no model: " + error.get());
      }
      return ModelBytes.load(modelBytes);
    }

    @Override
    public String toString() {
      return succeeded() ? String.format(Locale.ROOT, "Entry[%d %s: accuracy %.4f, %,d bytes,"
          + " p50 %.1f us]", index, variant.name(), accuracy, fileBytes, latencyP50Micros)
          : "Entry[" + index + " " + variant.name() + ": failed, " + error.get() + "]";
    }
  }

  private final List<Entry> entries;
  private final double wallSeconds;
  private final String where;

  SparkSweepResult(List<Variant> variants, List<VariantOutcome> outcomes, double wallSeconds,
      String where) {
    List<VariantOutcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(Comparator.comparingInt(VariantOutcome::index));
    if (sorted.size() != variants.size()) {
      throw new IllegalStateException("the sweep had " + variants.size() + " variants but "
          + sorted.size() + " results came back");
    }
    List<Entry> list = new ArrayList<>();
    for (VariantOutcome o : sorted) {
      list.add(new Entry(o.index(), variants.get(o.index()), Optional.ofNullable(o.error()),
          o.accuracy(), o.loss(), o.fileBytes(), o.ratio(), o.sparsity(), o.p50Micros(),
          o.p99Micros(), o.samplesPerSecond(), o.runtime(), o.provenance(), o.trainSeconds(),
          o.taskSeconds(), o.attempt(), o.executor(),
          o.model() == null ? new byte[0] : o.model()));
    }
    this.entries = List.copyOf(list);
    this.wallSeconds = wallSeconds;
    this.where = where;
  }

  /** Returns one entry per variant, in the sweep's order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Returns the entries of the variants that produced a model. */
  public List<Entry> succeeded() {
    return entries.stream().filter(Entry::succeeded).toList();
  }

  /** Returns the entries of the variants that failed, with their errors. */
  public List<Entry> failed() {
    return entries.stream().filter(e -> !e.succeeded()).toList();
  }

  /** Returns the seconds from submitting the sweep to having every result. */
  public double wallSeconds() {
    return wallSeconds;
  }

  /** Returns the sum of every variant's task time: the sweep's serial work. */
  public double taskSeconds() {
    return entries.stream().mapToDouble(Entry::taskSeconds).sum();
  }

  /**
   * Returns the most accurate variant.
   *
   * @return its entry
   * @throws IllegalStateException when every variant failed
   */
  public Entry best() {
    return succeeded().stream().max(Comparator.comparingDouble(Entry::accuracy))
        .orElseThrow(() -> new IllegalStateException("every variant of the sweep failed; the"
            + " first error: " + entries.get(0).error().orElse("")));
  }

  /**
   * Returns the variants on the Pareto front of higher accuracy and fewer file bytes, smallest
   * first; failed variants are never on it.
   *
   * @return the front; empty only when every variant failed
   */
  public List<Entry> pareto() {
    return front(Entry::fileBytes);
  }

  /**
   * Returns the variants on the Pareto front of higher accuracy and lower median batch-1
   * latency, fastest first.
   *
   * @return the front; empty only when every variant failed
   */
  public List<Entry> paretoLatency() {
    return front(Entry::latencyP50Micros);
  }

  private List<Entry> front(ToDoubleFunction<Entry> cost) {
    List<Entry> ok = succeeded();
    List<Entry> out = new ArrayList<>();
    for (Entry r : ok) {
      boolean dominated = ok.stream().anyMatch(o -> o != r && o.accuracy() >= r.accuracy()
          && cost.applyAsDouble(o) <= cost.applyAsDouble(r)
          && (o.accuracy() > r.accuracy() || cost.applyAsDouble(o) < cost.applyAsDouble(r)));
      if (!dominated) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparingDouble(cost).thenComparingInt(Entry::index));
    return List.copyOf(out);
  }

  /**
   * Measures the succeeded variants' models again, side by side on one machine, as a Hone
   * {@link Comparison} (with its charts).
   *
   * <pre>{@code
   * result.compare(mnist.test());
   * }</pre>
   *
   * @param test held-out rows
   * @return the comparison
   * @throws IllegalStateException when every variant failed
   */
  public Comparison compare(Dataset test) {
    if (succeeded().isEmpty()) {
      best(); // throws with the first error
    }
    return Compare.of(succeeded().stream().map(Entry::model).toList()).on(test);
  }

  /** Returns one row per variant with the columns of {@link #COLUMNS}. */
  public Table toTable() {
    List<Entry> bytesFront = pareto();
    List<Entry> latencyFront = paretoLatency();
    StringColumn name = StringColumn.create("variant");
    DoubleColumn prune = DoubleColumn.create("prune");
    StringColumn precision = StringColumn.create("precision");
    IntColumn batch = IntColumn.create("batch_size");
    DoubleColumn lr = DoubleColumn.create("learning_rate");
    DoubleColumn accuracy = DoubleColumn.create("accuracy");
    DoubleColumn loss = DoubleColumn.create("loss");
    LongColumn bytes = LongColumn.create("file_bytes");
    DoubleColumn ratio = DoubleColumn.create("ratio");
    DoubleColumn sparsity = DoubleColumn.create("sparsity");
    DoubleColumn p50 = DoubleColumn.create("p50_us");
    DoubleColumn p99 = DoubleColumn.create("p99_us");
    DoubleColumn sps = DoubleColumn.create("samples_per_s");
    StringColumn runtime = StringColumn.create("runtime");
    BooleanColumn onBytes = BooleanColumn.create("front_bytes");
    BooleanColumn onLatency = BooleanColumn.create("front_latency");
    DoubleColumn train = DoubleColumn.create("train_s");
    DoubleColumn task = DoubleColumn.create("task_s");
    IntColumn attempt = IntColumn.create("attempt");
    StringColumn executor = StringColumn.create("executor");
    StringColumn error = StringColumn.create("error");
    for (Entry e : entries) {
      name.append(e.variant().name());
      prune.append(e.variant().prune());
      precision.append(e.variant().precision().name());
      batch.append(e.variant().batchSize());
      lr.append(e.variant().learningRate());
      accuracy.append(e.accuracy());
      loss.append(e.loss());
      bytes.append(e.fileBytes());
      ratio.append(e.ratio());
      sparsity.append(e.sparsity());
      p50.append(e.latencyP50Micros());
      p99.append(e.latencyP99Micros());
      sps.append(e.samplesPerSecond());
      runtime.append(e.runtime());
      onBytes.append(bytesFront.contains(e));
      onLatency.append(latencyFront.contains(e));
      train.append(e.trainSeconds());
      task.append(e.taskSeconds());
      attempt.append(e.attempt());
      executor.append(e.executor());
      error.append(e.error().orElse(""));
    }
    return Table.create("sweep of " + entries.size() + " variants on " + where, name, prune,
        precision, batch, lr, accuracy, loss, bytes, ratio, sparsity, p50, p99, sps, runtime,
        onBytes, onLatency, train, task, attempt, executor, error);
  }

  /**
   * Returns the table as a Spark DataFrame, to save or query with Spark SQL.
   *
   * <pre>{@code
   * result.toDataFrame(spark).write().parquet("/tmp/sweep");
   * }</pre>
   *
   * @param spark the session
   * @return one row per variant with the columns of {@link #COLUMNS}
   */
  public org.apache.spark.sql.Dataset<Row> toDataFrame(SparkSession spark) {
    Table t = toTable();
    StructType schema = new StructType();
    for (var c : t.columns()) {
      schema = schema.add(c.name(), switch (c.type().name()) {
        case "DOUBLE" -> DataTypes.DoubleType;
        case "INTEGER" -> DataTypes.IntegerType;
        case "LONG" -> DataTypes.LongType;
        case "BOOLEAN" -> DataTypes.BooleanType;
        default -> DataTypes.StringType;
      }, true);
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      Object[] values = new Object[t.columnCount()];
      for (int c = 0; c < values.length; c++) {
        values[c] = t.column(c).get(r);
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    List<Entry> bytesFront = pareto();
    List<Entry> latencyFront = paretoLatency();
    StringBuilder h = new StringBuilder("<p>").append(Html.escape(String.format(Locale.ROOT,
        "Sweep of %d variants on %s: %.1f s wall, %.1f s of tasks, %d failed",
        entries.size(), where, wallSeconds, taskSeconds(), failed().size()))).append("</p>");
    h.append("<table><tr>");
    for (String c : List.of("", "variant", "accuracy", "file bytes", "p50 \u00b5s",
        "samples/s", "runtime", "task s", "attempt", "error")) {
      h.append("<th>").append(Html.escape(c)).append("</th>");
    }
    h.append("</tr>");
    for (Entry e : entries) {
      String mark = (bytesFront.contains(e) ? "\u2605" : "")
          + (latencyFront.contains(e) ? "\u26a1" : "");
      h.append("<tr><td>").append(mark).append("</td><td title=\"")
          .append(Html.escape(e.provenance())).append("\">")
          .append(Html.escape(e.variant().name())).append("</td>")
          .append(num("%.4f", e.accuracy())).append(num("%,d", e.fileBytes()))
          .append(num("%,.1f", e.latencyP50Micros())).append(num("%,.0f", e.samplesPerSecond()))
          .append("<td>").append(Html.escape(e.runtime())).append("</td>")
          .append(num("%.1f", e.taskSeconds())).append(num("%d", e.attempt()))
          .append("<td>").append(Html.escape(e.error().orElse(""))).append("</td></tr>");
    }
    h.append("</table><p>\u2605 on the Pareto front of accuracy and file size;"
        + " \u26a1 on the front of accuracy and batch-1 latency.</p>");
    bundle.put("text/html", h.toString());
    return bundle;
  }

  private static String num(String format, Object value) {
    return "<td style=\"text-align:right\">" + String.format(Locale.ROOT, format, value)
        + "</td>";
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Sweep of %d variants on %s: %.1f s wall, %.1f s of"
        + " tasks, %d failed%n", entries.size(), where, wallSeconds, taskSeconds(),
        failed().size())
        + toTable().selectColumns("variant", "accuracy", "file_bytes", "p50_us", "front_bytes",
            "front_latency", "attempt", "error").printAll()
        + "\nPareto front, accuracy vs file bytes: " + names(pareto())
        + "\nPareto front, accuracy vs p50 latency: " + names(paretoLatency());
  }

  private static String names(List<Entry> list) {
    return list.stream().map(e -> e.variant().name()).collect(Collectors.joining(", "));
  }
}
