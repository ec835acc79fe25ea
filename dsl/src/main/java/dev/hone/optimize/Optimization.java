package dev.hone.optimize;

import dev.hone.display.Charts;
import dev.hone.display.Displayable;
import dev.hone.display.Html;
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
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What an {@link Optimize} search found: every trial, the chosen model, why the search stopped,
 * and (when test rows were given) the accuracy on rows the search never saw. In a notebook it
 * shows accuracy against file bytes and against latency, every trial a point and the chosen one
 * marked, and the table of trials.
 *
 * <pre>{@code
 * Optimization o = Optimize.model(model).on(validation).minimize(Goal.FILE_BYTES);
 * o.bestModel().fileBytes();
 * o.toTable();
 * }</pre>
 *
 * @param goal what was improved
 * @param maxDrop the accuracy budget, as a fraction
 * @param trials every model built, in order; trial 0 is the model as given
 * @param bestIndex the index of the chosen trial
 * @param stopReason {@code completed}, or which budget ran out, or {@code interrupted}
 * @param seconds the search's wall time
 * @param failures techniques that failed with an error (each ended its branch), as
 *     {@code Type: message}
 * @param testData the name of the held-out rows, or empty
 * @param testAccuracyBefore the model as given on them (NaN without test rows)
 * @param testAccuracyAfter the chosen model on them (NaN without test rows)
 */
public record Optimization(Goal goal, double maxDrop, List<Trial> trials, int bestIndex,
    String stopReason, double seconds, List<String> failures, String testData, double testAccuracyBefore,
    double testAccuracyAfter) implements Displayable {

  private static final Color WITHIN = Charts.color(0);
  private static final Color BROKEN = new Color(0xBAB0AC);
  private static final Color CHOSEN = Charts.color(2);
  private static final Color BASE = new Color(0x333333);

  /** Copies the trials. */
  public Optimization {
    trials = List.copyOf(trials);
    failures = List.copyOf(failures);
  }

  /** Returns the model as given (trial 0). */
  public Trial baseline() {
    return trials.get(0);
  }

  /** Returns the chosen trial. */
  public Trial best() {
    return trials.get(bestIndex);
  }

  /** Returns the chosen model, a normal Hone model value. */
  public Network bestModel() {
    return best().model();
  }

  /** Returns how many times smaller the chosen model's file is than the model as given. */
  public double sizeRatio() {
    return (double) baseline().fileBytes() / best().fileBytes();
  }

  /** Returns the chosen model's batch-256 throughput over the model as given. */
  public double speedup() {
    return best().samplesPerSecond() / baseline().samplesPerSecond();
  }

  /** Returns the trials as a table, one row each, in the order tried. */
  public Table toTable() {
    IntColumn index = IntColumn.create("trial");
    StringColumn name = StringColumn.create("model");
    StringColumn form = StringColumn.create("form");
    DoubleColumn accuracy = DoubleColumn.create("val_accuracy");
    LongColumn bytes = LongColumn.create("file_bytes");
    DoubleColumn p50 = DoubleColumn.create("p50_us");
    DoubleColumn rate = DoubleColumn.create("samples_per_s");
    BooleanColumn within = BooleanColumn.create("within_budget");
    StringColumn chosen = StringColumn.create("chosen");
    StringColumn provenance = StringColumn.create("provenance");
    for (Trial t : trials) {
      index.append(t.index());
      name.append(t.name());
      form.append(t.form());
      accuracy.append(t.accuracy());
      bytes.append(t.fileBytes());
      p50.append(t.latencyP50Micros());
      rate.append(t.samplesPerSecond());
      within.append(t.withinBudget());
      chosen.append(t.index() == bestIndex ? "*" : "");
      provenance.append(t.provenance());
    }
    accuracy.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    p50.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    bytes.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
    return Table.create("trials", index, name, form, accuracy, bytes, p50, rate, within,
        chosen, provenance);
  }

  /** Returns validation accuracy against file bytes (log scale), the chosen trial marked. */
  public XYChart bytesChart() {
    XYChart c = Charts.xy("Accuracy against file size", "file bytes (log scale)",
        "validation accuracy", 640, 440);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setXAxisDecimalPattern("#,##0");
    return plot(c, Trial::fileBytes);
  }

  /** Returns validation accuracy against batch-1 latency, the chosen trial marked. */
  public XYChart latencyChart() {
    XYChart c = Charts.xy("Accuracy against latency (batch 1)", "p50 latency (us)",
        "validation accuracy", 640, 440);
    c.getStyler().setXAxisDecimalPattern("#,##0.#");
    return plot(c, Trial::latencyP50Micros);
  }

  private XYChart plot(XYChart c, ToDoubleFunction<Trial> x) {
    c.getStyler().setLegendPosition(LegendPosition.OutsideS);
    c.getStyler().setYAxisDecimalPattern("0.000");
    double lo = trials.stream().mapToDouble(x).min().orElseThrow();
    double hi = trials.stream().mapToDouble(x).max().orElseThrow();
    double floor = baseline().accuracy() - maxDrop;
    double aLo = trials.stream().mapToDouble(Trial::accuracy).min().orElseThrow();
    double aHi = trials.stream().mapToDouble(Trial::accuracy).max().orElseThrow();
    double pad = Math.max(0.005, (aHi - aLo) * 0.08);
    c.getStyler().setYAxisMin(Math.max(0, Math.min(aLo, floor) - pad));
    c.getStyler().setYAxisMax(Math.min(1, aHi + pad));
    XYSeries budget = c.addSeries(String.format(Locale.ROOT, "budget (-%.2f points)",
        100 * maxDrop), new double[] {lo / 1.2, hi * 1.2}, new double[] {floor, floor});
    budget.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    budget.setMarker(SeriesMarkers.NONE);
    budget.setLineColor(BROKEN);
    budget.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {5f, 4f}, 0f));
    front(c, x);
    scatter(c, "within budget", x, t -> t.withinBudget() && t.index() != 0
        && t.index() != bestIndex, WITHIN, SeriesMarkers.CIRCLE);
    scatter(c, "budget broken", x, t -> !t.withinBudget(), BROKEN, SeriesMarkers.CIRCLE);
    scatter(c, "as given", x, t -> t.index() == 0, BASE, SeriesMarkers.SQUARE);
    scatter(c, "chosen: " + best().name(), x, t -> t.index() == bestIndex && bestIndex != 0,
        CHOSEN, SeriesMarkers.DIAMOND);
    c.getStyler().setXAxisMin(c.getStyler().isXAxisLogarithmic() ? lo / 1.3 : Math.max(0,
        lo - (hi - lo) * 0.08));
    c.getStyler().setXAxisMax(c.getStyler().isXAxisLogarithmic() ? hi * 1.3
        : hi + (hi - lo) * 0.08 + 1e-9);
    return c;
  }

  /**
   * Draws the Pareto front as a step line: for each x, the best accuracy any trial reached at
   * that x or better (smaller bytes or latency).
   */
  private void front(XYChart c, ToDoubleFunction<Trial> x) {
    List<Trial> sorted = trials.stream().sorted(Comparator.comparingDouble(x)).toList();
    List<Double> fx = new ArrayList<>();
    List<Double> fy = new ArrayList<>();
    double bestSoFar = -1;
    for (Trial t : sorted) {
      if (t.accuracy() > bestSoFar) {
        if (!fx.isEmpty()) {
          fx.add(x.applyAsDouble(t));
          fy.add(bestSoFar);
        }
        fx.add(x.applyAsDouble(t));
        fy.add(t.accuracy());
        bestSoFar = t.accuracy();
      }
    }
    if (fx.size() < 2) {
      return;
    }
    XYSeries s = c.addSeries("Pareto front", fx, fy);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(WITHIN);
    s.setLineStyle(new BasicStroke(1.2f));
  }

  private void scatter(XYChart c, String name, ToDoubleFunction<Trial> x,
      java.util.function.Predicate<Trial> which, Color color,
      org.knowm.xchart.style.markers.Marker marker) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    trials.stream().filter(which).forEach(t -> {
      xs.add(x.applyAsDouble(t));
      ys.add(t.accuracy());
    });
    if (xs.isEmpty()) {
      return;
    }
    XYSeries s = c.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(color);
  }

  /** Returns a one-paragraph summary of the outcome. */
  public String headline() {
    Trial b = best();
    Trial base = baseline();
    String test = Double.isNaN(testAccuracyAfter) ? "" : String.format(Locale.ROOT,
        "; on the held-out '%s' %.4f against %.4f (%+.2f points)", testData, testAccuracyAfter,
        testAccuracyBefore, 100 * (testAccuracyAfter - testAccuracyBefore));
    return String.format(Locale.ROOT, "best for %s within -%.2f points: %s (%s); %,d bytes"
        + " (%.1fx smaller), %.1f us at batch 1, %,.0f rows/s at batch 256 (%.2fx); validation"
        + " accuracy %.4f against %.4f%s. %d trials in %.0f s, %s.", goal.label(),
        100 * maxDrop, b.name(), b.form(), b.fileBytes(), sizeRatio(), b.latencyP50Micros(),
        b.samplesPerSecond(), speedup(), b.accuracy(), base.accuracy(), test, trials.size(),
        seconds, stopReason) + (failures.isEmpty() ? "" : " Failed: " + String.join("; ",
            failures) + ".");
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    String png = Images.sideBySidePngBase64(bytesChart(), latencyChart());
    HtmlTable table = HtmlTable.of("trial", "model", "form", "val accuracy", "file bytes",
        "p50 us", "rows/s b256", "within");
    for (Trial t : trials.stream().sorted(Comparator.comparingInt(Trial::index)).toList()) {
      List<Object> row = List.of(t.index(), t.name(), t.form(),
          String.format(Locale.ROOT, "%.4f", t.accuracy()), t.fileBytes(),
          String.format(Locale.ROOT, "%.1f", t.latencyP50Micros()),
          String.format(Locale.ROOT, "%,.0f", t.samplesPerSecond()),
          t.withinBudget() ? "yes" : "no");
      table.row(t.index() == bestIndex ? row.stream().map(HtmlTable::strong).toList() : row);
    }
    String html = "<p>" + Html.escape(headline()) + "</p><img src=\"data:image/png;base64,"
        + png + "\"/>" + table.toHtml();
    bundle.put("text/html", html);
    bundle.put("image/png", png);
    return bundle;
  }

  @Override
  public String toString() {
    return headline() + "\n" + toTable().printAll();
  }
}
