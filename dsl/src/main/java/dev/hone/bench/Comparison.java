package dev.hone.bench;

import dev.hone.display.Charts;
import dev.hone.display.Displayable;
import dev.hone.display.HtmlTable;
import dev.hone.display.Images;
import dev.hone.model.Network;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Models measured side by side on the same data (made by {@link Compare}): one {@link Row} per
 * model, the Pareto fronts of accuracy against file size and against batch-1 latency, a table
 * and two charts. An immutable value.
 *
 * <pre>{@code
 * Comparison c = Compare.of(model, model.prune(0.9)).on(mnist.test());
 * c.row(1).compressionRatio();
 * c.pareto();          // best accuracy for its size
 * c.paretoLatency();   // best accuracy for its latency
 * }</pre>
 */
public final class Comparison implements Displayable {

  /** The columns of {@link #toTable()}, in order. */
  public static final List<String> COLUMNS = List.of("model", "form", "accuracy", "loss",
      "parameters", "non_zero", "sparsity", "file_bytes", "ratio", "p50_us", "p99_us",
      "samples_per_s", "runtime_b1");

  private static final Color FRONT = new Color(0x555555);

  /**
   * One model's measurements.
   *
   * @param index the row's position, from 0 (one row per model, or per model and runtime with
   *     {@link Compare#runtimes})
   * @param name short name: the steps after training, or {@code dense}; unique in its
   *     comparison
   * @param provenance every step that made the model
   * @param form {@code dense}, {@code pruned}, {@code clustered} or {@code quantized}
   * @param accuracy share of the data's rows predicted right
   * @param loss mean cross-entropy on the data
   * @param parameters parameters, counted as a dense model of the shape has them
   * @param nonZeroParameters parameters that are not zero
   * @param sparsity share of weights that are zero
   * @param fileBytes bytes of the model's {@code .hone} file
   * @param compressionRatio dense float32 bytes over file bytes
   * @param latencyP50Micros median batch-1 prediction time, microseconds
   * @param latencyP99Micros 99th percentile batch-1 prediction time, microseconds
   * @param samplesPerSecond batched throughput, rows per second
   * @param runtime what served the batch-1 calls: {@code onnxruntime}, {@code djl-pytorch} or
   *     {@code hone-sparse}
   * @param model the model itself, to save or use the one a comparison picks
   */
  public record Row(int index, String name, String provenance, String form, double accuracy,
      double loss, long parameters, long nonZeroParameters, double sparsity, long fileBytes,
      double compressionRatio, double latencyP50Micros, double latencyP99Micros,
      double samplesPerSecond, String runtime, Network model) {

    /** Checks the texts and the model are present. */
    public Row {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(provenance, "provenance");
      Objects.requireNonNull(form, "form");
      Objects.requireNonNull(model, "model");
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Row[%d %s: %s, accuracy %.4f, %,d bytes, %.1fx,"
          + " p50 %.1f us, %,.0f samples/s]", index, name, form, accuracy, fileBytes,
          compressionRatio, latencyP50Micros, samplesPerSecond);
    }
  }

  private final String data;
  private final int dataRows;
  private final int latencyIterations;
  private final int batch;
  private final List<Row> rows;

  Comparison(String data, int dataRows, int latencyIterations, int batch, List<Row> rows) {
    this.data = Objects.requireNonNull(data, "data");
    this.dataRows = dataRows;
    this.latencyIterations = latencyIterations;
    this.batch = batch;
    this.rows = List.copyOf(rows);
    if (this.rows.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one row");
    }
  }

  /** Returns the name of the data the models were measured on. */
  public String data() {
    return data;
  }

  /** Returns the number of rows the models were measured on. */
  public int dataRows() {
    return dataRows;
  }

  /** Returns the rows per call of the throughput measurement. */
  public int batch() {
    return batch;
  }

  /** Returns the timed batch-1 calls per model. */
  public int latencyIterations() {
    return latencyIterations;
  }

  /** Returns one row per model, in the order given to {@link Compare#of}. */
  public List<Row> rows() {
    return rows;
  }

  /**
   * Returns one model's row.
   *
   * @param index the row's position, from 0 (one row per model, or per model and runtime with
   *     {@link Compare#runtimes})
   * @return its row
   * @throws IndexOutOfBoundsException when there is no such model
   */
  public Row row(int index) {
    if (index < 0 || index >= rows.size()) {
      throw new IndexOutOfBoundsException("row " + index + " is not in this comparison of "
          + rows.size() + " rows (0 to " + (rows.size() - 1) + ")");
    }
    return rows.get(index);
  }

  /**
   * Returns the rows on the Pareto front of higher accuracy and fewer file bytes: those that no
   * other row matches on both with one strictly better. Ordered by file bytes, smallest first.
   *
   * @return the front, never empty
   */
  public List<Row> pareto() {
    return front(Row::fileBytes);
  }

  /**
   * Returns the rows on the Pareto front of higher accuracy and lower median batch-1 latency,
   * ordered by latency, fastest first.
   *
   * @return the front, never empty
   */
  public List<Row> paretoLatency() {
    return front(Row::latencyP50Micros);
  }

  private List<Row> front(ToDoubleFunction<Row> cost) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      boolean dominated = false;
      for (Row o : rows) {
        double ca = cost.applyAsDouble(o);
        double cr = cost.applyAsDouble(r);
        if (o != r && o.accuracy() >= r.accuracy() && ca <= cr
            && (o.accuracy() > r.accuracy() || ca < cr)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparingDouble(cost).thenComparing(Row::accuracy,
        Comparator.reverseOrder()).thenComparingInt(Row::index));
    return List.copyOf(out);
  }

  /** Returns one row per model with the columns of {@link #COLUMNS}, numbers formatted. */
  public Table toTable() {
    StringColumn name = StringColumn.create(COLUMNS.get(0));
    StringColumn form = StringColumn.create(COLUMNS.get(1));
    DoubleColumn accuracy = DoubleColumn.create(COLUMNS.get(2));
    DoubleColumn loss = DoubleColumn.create(COLUMNS.get(3));
    LongColumn parameters = LongColumn.create(COLUMNS.get(4));
    LongColumn nonZero = LongColumn.create(COLUMNS.get(5));
    DoubleColumn sparsity = DoubleColumn.create(COLUMNS.get(6));
    LongColumn bytes = LongColumn.create(COLUMNS.get(7));
    DoubleColumn ratio = DoubleColumn.create(COLUMNS.get(8));
    DoubleColumn p50 = DoubleColumn.create(COLUMNS.get(9));
    DoubleColumn p99 = DoubleColumn.create(COLUMNS.get(10));
    DoubleColumn rate = DoubleColumn.create(COLUMNS.get(11));
    StringColumn runtime = StringColumn.create(COLUMNS.get(12));
    for (Row r : rows) {
      runtime.append(r.runtime());
      name.append(r.name());
      form.append(r.form());
      accuracy.append(r.accuracy());
      loss.append(r.loss());
      parameters.append(r.parameters());
      nonZero.append(r.nonZeroParameters());
      sparsity.append(r.sparsity());
      bytes.append(r.fileBytes());
      ratio.append(r.compressionRatio());
      p50.append(r.latencyP50Micros());
      p99.append(r.latencyP99Micros());
      rate.append(r.samplesPerSecond());
    }
    accuracy.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    sparsity.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    for (LongColumn c : List.of(parameters, nonZero, bytes)) {
      c.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
    }
    ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    p50.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    p99.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    return Table.create("comparison on " + data, name, form, accuracy, loss, parameters, nonZero,
        sparsity, bytes, ratio, p50, p99, rate, runtime);
  }

  /**
   * Returns accuracy against file size (in B, kB or MB so that labels stay short), one point per
   * model named in the legend, and the size Pareto front as a step line: the best accuracy to be
   * had within each size. Legend names of front models start with a star. Sizes that span two
   * decades or more get a logarithmic axis labelled at the decades only, as matplotlib labels
   * one; narrower spans a linear axis (labels at 1..9 of a decade ran together: "80 90100").
   */
  public XYChart bytesChart() {
    long most = rows.stream().mapToLong(Row::fileBytes).max().orElseThrow();
    long least = rows.stream().mapToLong(Row::fileBytes).min().orElseThrow();
    double unit = most < 1_000 ? 1 : most < 1_000_000 ? 1e3 : most < 1_000_000_000 ? 1e6 : 1e9;
    String name = unit == 1 ? "B" : unit == 1e3 ? "kB" : unit == 1e6 ? "MB" : "GB";
    boolean log = logScale(least / LOG_PAD, most * LOG_PAD);
    XYChart chart = Charts.xy("Accuracy against file size", "file size (" + name
        + (log ? ", log scale)" : ")"), "accuracy", 640, 440);
    chart.getStyler().setXAxisDecimalPattern("#,##0.#");
    if (log) {
      chart.getStyler().setXAxisLogarithmic(true);
      chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
    }
    return plot(chart, r -> r.fileBytes() / unit, pareto(), log ? LOG_PAD : 0, log);
  }

  /** How far a log axis reaches past the smallest and largest value, as a factor. */
  private static final double LOG_PAD = 1.3;

  /**
   * Says whether an axis from {@code min} to {@code max} reads better on a log scale: when at
   * least two powers of ten lie within it, so that decade labels alone mark it.
   */
  static boolean logScale(double min, double max) {
    return min > 0 && Math.floor(Math.log10(max)) - Math.ceil(Math.log10(min)) >= 1;
  }

  /**
   * Returns accuracy against median batch-1 latency, one point per model named in the legend,
   * and the latency Pareto front as a step line.
   */
  public XYChart latencyChart() {
    XYChart chart = Charts.xy("Accuracy against latency (batch 1)", "p50 latency (us)",
        "accuracy", 640, 440);
    chart.getStyler().setXAxisDecimalPattern("#,##0.#");
    return plot(chart, Row::latencyP50Micros, paretoLatency(), 0, false);
  }

  /** Legend lines longer than this many characters run past a 640-pixel chart's edge. */
  static final int LEGEND_CHARS = 80;

  /**
   * Returns a legend label broken into lines of at most {@code width} characters before its
   * {@code " > "} steps (a step longer than the width keeps a line of its own), so a long
   * provenance is not cut at the chart's edge; the chart library draws each line.
   */
  static String wrapped(String label, int width) {
    String[] steps = label.split(" > ");
    StringBuilder out = new StringBuilder(steps[0]);
    int line = steps[0].length();
    for (int i = 1; i < steps.length; i++) {
      String next = " > " + steps[i];
      if (line + next.length() > width) {
        out.append('\n').append("  > ").append(steps[i]);
        line = 4 + steps[i].length();
      } else {
        out.append(next);
        line += next.length();
      }
    }
    return out.toString();
  }

  private XYChart plot(XYChart chart, ToDoubleFunction<Row> x, List<Row> front, double factor,
      boolean log) {
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    double lo = rows.stream().mapToDouble(x).min().orElseThrow();
    double hi = rows.stream().mapToDouble(x).max().orElseThrow();
    double xMin;
    double xMax;
    if (log) {
      xMin = lo / factor;
      xMax = hi * factor;
    } else {
      double pad = Math.max((hi - lo) * 0.1, Math.max(hi * 0.05, 1e-3));
      xMin = Math.max(0, lo - pad);
      xMax = hi + pad;
    }
    chart.getStyler().setXAxisMin(xMin);
    chart.getStyler().setXAxisMax(xMax);
    double aLo = rows.stream().mapToDouble(Row::accuracy).min().orElseThrow();
    double aHi = rows.stream().mapToDouble(Row::accuracy).max().orElseThrow();
    double aPad = Math.max(0.01, (aHi - aLo) * 0.1);
    chart.getStyler().setYAxisMin(Math.max(0, aLo - aPad));
    chart.getStyler().setYAxisMax(Math.min(1, aHi + aPad));
    chart.getStyler().setYAxisDecimalPattern("0.00");

    List<Double> fx = new ArrayList<>();
    List<Double> fy = new ArrayList<>();
    for (int i = 0; i < front.size(); i++) {
      Row r = front.get(i);
      if (i > 0) {
        fx.add(x.applyAsDouble(r));
        fy.add(front.get(i - 1).accuracy());
      }
      fx.add(x.applyAsDouble(r));
      fy.add(r.accuracy());
    }
    fx.add(xMax);
    fy.add(front.get(front.size() - 1).accuracy());
    XYSeries line = chart.addSeries("Pareto front", fx, fy);
    line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(FRONT);
    line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {5f, 4f}, 0f));

    for (Row r : rows) {
      String label = wrapped((front.contains(r) ? "\u2605 " : "") + r.name(), LEGEND_CHARS);
      XYSeries s = chart.addSeries(label, new double[] {x.applyAsDouble(r)},
          new double[] {r.accuracy()});
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Charts.color(r.index()));
    }
    return chart;
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    String png = Images.sideBySidePngBase64(bytesChart(), latencyChart());
    bundle.put("text/html", html(png));
    bundle.put("image/png", png);
    return bundle;
  }

  private String html(String png) {
    List<Row> size = pareto();
    List<Row> speed = paretoLatency();
    List<String> header = List.of("", "model", "form", "accuracy", "loss", "parameters",
        "non-zero", "sparsity", "file bytes", "ratio", "p50 \u00b5s", "p99 \u00b5s",
        "samples/s (batch " + batch + ")", "batch-1 runtime");
    HtmlTable table = HtmlTable.of(header).title(String.format(Locale.ROOT,
        "%s on '%s' (%,d rows); latency at batch 1 (%,d calls), throughput at batch %,d",
        counted(), data, dataRows, latencyIterations, batch))
        .note("\u2605 on the Pareto front of accuracy and file size (bold); \u26a1 on the front"
            + " of accuracy and batch-1 latency. Hover a name for its full provenance.");
    for (Row r : rows) {
      boolean onSize = size.contains(r);
      boolean onSpeed = speed.contains(r);
      Object name = HtmlTable.hinted(r.name(), r.provenance());
      table.row((onSize ? "\u2605" : "") + (onSpeed ? "\u26a1" : ""),
          onSize ? HtmlTable.strong(name) : name, r.form(), fixed("%.4f", r.accuracy()),
          fixed("%.4f", r.loss()), r.parameters(), r.nonZeroParameters(),
          fixed("%.4f", r.sparsity()), r.fileBytes(), fixed("%,.1f", r.compressionRatio()),
          fixed("%,.1f", r.latencyP50Micros()), fixed("%,.1f", r.latencyP99Micros()),
          fixed("%,.0f", r.samplesPerSecond()), r.runtime());
    }
    StringBuilder h = new StringBuilder(table.toHtml());
    h.append("<img alt=\"accuracy against file size and latency\""
        + " src=\"data:image/png;base64,").append(png).append("\"/>");
    return h.toString();
  }

  private static String fixed(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }

  /** Returns {@code 4 models}, or {@code 4 models in 5 rows} when some ran on two runtimes. */
  private String counted() {
    long models = rows.stream().map(Row::model).distinct().count();
    return models == rows.size() ? models + " models" : models + " models in " + rows.size()
        + " rows";
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Comparison of %s on '%s' (%,d rows; latency at"
        + " batch 1, %,d calls; throughput at batch %,d)\n", counted(), data, dataRows,
        latencyIterations, batch) + toTable().printAll()
        + "\nPareto front, accuracy vs file bytes: " + names(pareto())
        + "\nPareto front, accuracy vs p50 latency: " + names(paretoLatency());
  }

  private static String names(List<Row> rows) {
    return rows.stream().map(Row::name).collect(Collectors.joining(", "));
  }
}
