package dev.hone.train;

import dev.hone.display.Displayable;
import dev.hone.display.Figures;
import dev.hone.display.HtmlTable;
import dev.hone.display.Images;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.XYChart;
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
    lr.setPrintFormatter(new NumberColumnFormatter(Figures.significantFormat()));
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

  /**
   * Returns the training (and validation) loss per epoch as a line chart, drawn as the live
   * chart draws it ({@link LossCurve#chart}).
   *
   * <pre>{@code
   * XYChart c = model.history().chart();
   * }</pre>
   *
   * @return a new chart
   */
  public XYChart chart() {
    return LossCurve.chart(List.of(), epochs, 520, 300);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    List<String> header = new ArrayList<>(List.of("epoch", "train loss", "train acc",
        "val loss", "val acc", "lr", "s", "samples/s"));
    if (pruned()) {
      header.add("sparsity");
    }
    HtmlTable html = HtmlTable.of(header).note(stopNote);
    for (EpochStats e : epochs) {
      List<Object> row = new ArrayList<>(List.of(e.epoch(), fixed(4, e.trainLoss()),
          fixed(4, e.trainAccuracy()), fixed(4, e.validationLoss()),
          fixed(4, e.validationAccuracy()), Figures.significant(e.learningRate()),
          fixed(2, e.seconds()), Math.round(e.samplesPerSecond())));
      if (pruned()) {
        row.add(fixed(4, e.sparsity()));
      }
      html.row(row);
    }
    bundle.put("text/html", html.toHtml());
    if (!epochs.isEmpty()) {
      bundle.put("image/png", Images.pngBase64(chart()));
    }
    return bundle;
  }

  private static String fixed(int decimals, double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
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
