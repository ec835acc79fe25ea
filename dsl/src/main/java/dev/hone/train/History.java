package dev.hone.train;

import dev.hone.display.Charts;
import dev.hone.display.Displayable;
import dev.hone.display.Html;
import dev.hone.display.Images;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What happened during training, epoch by epoch, and why it stopped.
 *
 * <pre>{@code
 * History h = model.history();
 * h.last().validationAccuracy();
 * h.toTable();   // a Tablesaw table, one row per epoch
 * h.chart();     // loss curves as an XChart chart
 * }</pre>
 *
 * @param epochs one entry per finished epoch, in order
 * @param stopReason why training ended
 * @param stopNote a human sentence on where it stopped (empty when it completed)
 */
public record History(List<EpochStats> epochs, StopReason stopReason, String stopNote)
    implements Displayable {

  /** Copies the list so that the history cannot change. */
  public History {
    epochs = List.copyOf(epochs);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(stopNote, "stopNote");
  }

  /** An empty history, for models that were never trained (loaded or derived ones keep theirs). */
  public static History empty() {
    return new History(List.of(), StopReason.COMPLETED, "");
  }

  /**
   * Returns the last epoch's figures.
   *
   * @return the last epoch
   * @throws IllegalStateException when no epoch finished
   */
  public EpochStats last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch finished; the history is empty");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** Returns the median training throughput over epochs, in samples per second. */
  public double medianSamplesPerSecond() {
    double[] rates = epochs.stream().mapToDouble(EpochStats::samplesPerSecond).sorted().toArray();
    if (rates.length == 0) {
      return Double.NaN;
    }
    int mid = rates.length / 2;
    return rates.length % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
  }

  /** Returns one row per epoch as a Tablesaw table. */
  public Table toTable() {
    IntColumn epoch = IntColumn.create("epoch");
    DoubleColumn trainLoss = DoubleColumn.create("train_loss");
    DoubleColumn trainAcc = DoubleColumn.create("train_accuracy");
    DoubleColumn valLoss = DoubleColumn.create("val_loss");
    DoubleColumn valAcc = DoubleColumn.create("val_accuracy");
    DoubleColumn lr = DoubleColumn.create("learning_rate");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    DoubleColumn rate = DoubleColumn.create("samples_per_s");
    DoubleColumn sparsity = DoubleColumn.create("sparsity");
    for (EpochStats e : epochs) {
      sparsity.append(e.sparsity());
      epoch.append(e.epoch());
      trainLoss.append(e.trainLoss());
      trainAcc.append(e.trainAccuracy());
      valLoss.append(e.validationLoss());
      valAcc.append(e.validationAccuracy());
      lr.append(e.learningRate());
      seconds.append(e.seconds());
      rate.append(e.samplesPerSecond());
    }
    for (DoubleColumn c : List.of(trainLoss, trainAcc, valLoss, valAcc)) {
      c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    }
    seconds.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    sparsity.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    Table t = Table.create("history", epoch, trainLoss, trainAcc, valLoss, valAcc, lr, seconds,
        rate);
    return pruned() ? t.addColumns(sparsity) : t;
  }

  /** Returns whether any epoch ended with weights pruned to zero. */
  public boolean pruned() {
    return epochs.stream().anyMatch(e -> e.sparsity() > 0);
  }

  /** Returns the training (and validation) loss per epoch as a line chart. */
  public XYChart chart() {
    XYChart chart = Charts.xy("Loss", "epoch", "loss", 520, 300);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setXAxisTickMarkSpacingHint(60);
    if (epochs.isEmpty()) {
      return chart;
    }
    double[] x = epochs.stream().mapToDouble(EpochStats::epoch).toArray();
    XYSeries train = chart.addSeries("train", x,
        epochs.stream().mapToDouble(EpochStats::trainLoss).toArray());
    train.setMarker(SeriesMarkers.CIRCLE);
    if (epochs.get(0).hasValidation()) {
      XYSeries val = chart.addSeries("validation", x,
          epochs.stream().mapToDouble(EpochStats::validationLoss).toArray());
      val.setMarker(SeriesMarkers.DIAMOND);
    }
    return chart;
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    StringBuilder html = new StringBuilder("<table><tr>");
    for (String h : List.of("epoch", "train loss", "train acc", "val loss", "val acc", "lr", "s",
        "samples/s")) {
      html.append("<th>").append(h).append("</th>");
    }
    if (pruned()) {
      html.append("<th>sparsity</th>");
    }
    html.append("</tr>");
    for (EpochStats e : epochs) {
      html.append("<tr><td>").append(e.epoch()).append("</td>")
          .append(cell("%.4f", e.trainLoss())).append(cell("%.4f", e.trainAccuracy()))
          .append(cell("%.4f", e.validationLoss())).append(cell("%.4f", e.validationAccuracy()))
          .append(cell("%.2e", e.learningRate())).append(cell("%.2f", e.seconds()))
          .append(cell("%.0f", e.samplesPerSecond()))
          .append(pruned() ? cell("%.4f", e.sparsity()) : "").append("</tr>");
    }
    html.append("</table>");
    if (!stopNote.isEmpty()) {
      html.append("<p>").append(Html.escape(stopNote)).append("</p>");
    }
    bundle.put("text/html", html.toString());
    if (!epochs.isEmpty()) {
      bundle.put("image/png", Images.pngBase64(chart()));
    }
    return bundle;
  }

  private static String cell(String format, double value) {
    return "<td>" + (Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value)) + "</td>";
  }

  @Override
  public String toString() {
    if (epochs.isEmpty()) {
      return "History[no epochs" + (stopNote.isEmpty() ? "" : "; " + stopNote) + "]";
    }
    EpochStats e = last();
    return String.format(Locale.ROOT, "History[%d epochs, %s, last train loss %.4f%s]",
        epochs.size(), stopReason, e.trainLoss(),
        e.hasValidation() ? String.format(Locale.ROOT, ", val acc %.4f", e.validationAccuracy()) : "");
  }
}
