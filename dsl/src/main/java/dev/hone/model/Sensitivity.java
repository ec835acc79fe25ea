package dev.hone.model;

import dev.hone.compress.MagnitudePruning;
import dev.hone.data.Dataset;
import dev.hone.display.Charts;
import dev.hone.display.Displayable;
import dev.hone.display.Figures;
import dev.hone.display.HtmlTable;
import dev.hone.display.Images;
import dev.hone.runtime.internal.Workers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Pruning sensitivity: accuracy on held-out data when each layer alone, and all layers together,
 * are pruned one-shot to rising sparsities (the scan of Han et al. 2015, figure 6). Layers whose
 * curve stays flat can be pruned hard; the others need a lighter hand.
 *
 * <pre>{@code
 * Sensitivity s = model.sensitivity(mnist.test());
 * s.toTable();   // scope, sparsity, accuracy
 * s.chart();     // one curve per scope
 * }</pre>
 *
 * @param title the model's provenance
 * @param points one measurement per scope and sparsity
 */
public record Sensitivity(String title, List<Point> points) implements Displayable {

  /**
   * One measurement.
   *
   * @param scope {@code layer 0 (784x128)} or {@code all layers}
   * @param sparsity the pruned share
   * @param accuracy accuracy on the data after one-shot pruning
   */
  public record Point(String scope, double sparsity, double accuracy) {}

  /** Copies the points. */
  public Sensitivity {
    points = List.copyOf(points);
  }

  static Sensitivity scan(TrainedModel model, Dataset data, double... sparsities) {
    return scan(Workers.cores(), model, data, sparsities);
  }

  /**
   * Scans with the given number of workers: the points are independent (each prunes a copy of
   * the model and evaluates it), so they run side by side on the cores; the result is the same
   * for any number of workers.
   *
   * <pre>{@code
   * Sensitivity one = Sensitivity.scan(1, model, mnist.test(), 0.5, 0.9);   // one at a time
   * }</pre>
   *
   * @param workers points measured at once, >= 1 (first, so that it never reads as a sparsity)
   * @param model the trained model
   * @param data held-out rows
   * @param sparsities each in [0, 1)
   * @return the scan
   */
  public static Sensitivity scan(int workers, TrainedModel model, Dataset data,
      double... sparsities) {
    if (sparsities.length == 0) {
      throw new IllegalArgumentException("give at least one sparsity, e.g. 0.5, 0.9");
    }
    for (double s : sparsities) {
      MagnitudePruning.checkSparsity(s);
    }
    double base = model.evaluate(data).accuracy();
    List<String> scopes = new ArrayList<>();
    List<Callable<Double>> tasks = new ArrayList<>();
    List<Double> at = new ArrayList<>();
    for (int i = 0; i < model.layers().size(); i++) {
      var l = model.layers().get(i);
      String scope = "layer " + i + " (" + l.inputs() + "x" + l.outputs() + ")";
      int layer = i;
      for (double s : sparsities) {
        scopes.add(scope);
        at.add(s);
        tasks.add(() -> s == 0 ? base : model.prune(Map.of(layer, s)).evaluate(data)
            .accuracy());
      }
    }
    for (double s : sparsities) {
      scopes.add("all layers");
      at.add(s);
      tasks.add(() -> s == 0 ? base : model.prune(s).evaluate(data).accuracy());
    }
    List<Double> accuracies = Workers.map(tasks, workers);
    List<Point> points = new ArrayList<>();
    for (int k = 0; k < tasks.size(); k++) {
      points.add(new Point(scopes.get(k), at.get(k), accuracies.get(k)));
    }
    return new Sensitivity(model.provenance().toString(), points);
  }

  /** Returns the scopes, in order. */
  public List<String> scopes() {
    return points.stream().map(Point::scope).distinct().toList();
  }

  /**
   * Returns the accuracy of one scope at one sparsity.
   *
   * @param scope such as {@code all layers}
   * @param sparsity a scanned sparsity
   * @return the accuracy
   * @throws IllegalArgumentException when that point was not scanned
   */
  public double accuracy(String scope, double sparsity) {
    return points.stream().filter(p -> p.scope().equals(scope) && p.sparsity() == sparsity)
        .mapToDouble(Point::accuracy).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "no point for scope '" + scope + "' at sparsity " + sparsity + "; scopes are "
                + scopes()));
  }

  /** Returns the scan as a table: scope, sparsity, accuracy. */
  public Table toTable() {
    StringColumn scope = StringColumn.create("scope");
    DoubleColumn sparsity = DoubleColumn.create("sparsity");
    DoubleColumn accuracy = DoubleColumn.create("accuracy");
    for (Point p : points) {
      scope.append(p.scope());
      sparsity.append(p.sparsity());
      accuracy.append(p.accuracy());
    }
    accuracy.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    return Table.create("sensitivity", scope, sparsity, accuracy);
  }

  /** Returns accuracy against sparsity, one line per scope. */
  public XYChart chart() {
    XYChart chart = Charts.xy("Pruning sensitivity", "sparsity", "accuracy", 560, 340);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
    for (String scope : scopes()) {
      double[] x = points.stream().filter(p -> p.scope().equals(scope))
          .mapToDouble(Point::sparsity).toArray();
      double[] y = points.stream().filter(p -> p.scope().equals(scope))
          .mapToDouble(Point::accuracy).toArray();
      XYSeries s = chart.addSeries(scope, x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    List<String> scopes = scopes();
    List<String> header = new ArrayList<>();
    header.add("sparsity");
    header.addAll(scopes);
    HtmlTable html = HtmlTable.of(header).title(title);
    for (double sp : points.stream().mapToDouble(Point::sparsity).distinct().toArray()) {
      List<Object> row = new ArrayList<>();
      row.add(Figures.significant(sp));
      for (String s : scopes) {
        row.add(String.format(Locale.ROOT, "%.4f", accuracy(s, sp)));
      }
      html.row(row);
    }
    bundle.put("text/html", html.toHtml());
    bundle.put("image/png", Images.pngBase64(chart()));
    return bundle;
  }

  @Override
  public String toString() {
    return "Sensitivity of " + title + "\n" + toTable().printAll();
  }
}
