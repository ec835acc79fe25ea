package dev.hone.parallel;

import dev.hone.data.Dataset;
import dev.hone.display.Charts;
import dev.hone.display.Displayable;
import dev.hone.display.HtmlTable;
import dev.hone.display.Images;
import dev.hone.model.TrainedModel;
import dev.hone.train.EpochStats;
import dev.hone.train.TrainConfig;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Every run of a {@link Sweep}: its label, config, trained model and figures, with one table and
 * one chart of them all.
 *
 * <pre>{@code
 * SweepResult r = Sweep.of(spec, train, Train.epochs(5)).learningRates(1e-3, 1e-2)
 *     .evaluateOn(test).run();
 * r.toTable();      // label, batch, lr, epochs, final loss, accuracy, seconds, samples/s
 * r.best().label();
 * }</pre>
 *
 * @param title the model the sweep trained
 * @param runs one entry per run, in the order the sweep defined them
 * @param evaluation the rows every model was scored on, or null
 * @param workers runs that ran at once
 * @param wallSeconds wall time of the whole sweep
 */
public record SweepResult(String title, List<Run> runs, Dataset evaluation, int workers,
    double wallSeconds) implements Displayable {

  /**
   * One run.
   *
   * @param label its name, such as {@code lr=0.001}
   * @param config its settings
   * @param model the trained model
   * @param accuracy accuracy on the sweep's evaluation rows, NaN without them
   * @param seconds wall time of training this run
   */
  public record Run(String label, TrainConfig config, TrainedModel model, double accuracy,
      double seconds) {

    /** Returns the last epoch's training loss. */
    public double finalLoss() {
      return model.history().last().trainLoss();
    }

    /** Returns the median training throughput over the run's epochs, samples per second. */
    public double samplesPerSecond() {
      return model.history().medianSamplesPerSecond();
    }
  }

  /** Copies the runs. */
  public SweepResult {
    runs = List.copyOf(runs);
  }

  /**
   * Returns the run with the highest accuracy on the evaluation rows, or the lowest final
   * training loss when there were none.
   *
   * @return the best run
   */
  public Run best() {
    Comparator<Run> order = evaluation != null
        ? Comparator.comparingDouble(Run::accuracy)
        : Comparator.comparingDouble((Run r) -> -r.finalLoss());
    return runs.stream().max(order).orElseThrow();
  }

  /** Returns the trained models, in run order. */
  public List<TrainedModel> models() {
    return runs.stream().map(Run::model).toList();
  }

  /** Returns the sum of the runs' own wall times: what the sweep takes one run at a time. */
  public double runSeconds() {
    return runs.stream().mapToDouble(Run::seconds).sum();
  }

  /**
   * Returns the accuracy of the runs' models as one ensemble on the evaluation rows: the class
   * with the highest mean softmax probability over the members wins.
   *
   * <pre>{@code
   * Sweep.of(spec, train, Train.epochs(5)).seeds(1, 2, 3).evaluateOn(test).run()
   *     .ensembleAccuracy();
   * }</pre>
   *
   * @return the ensemble's accuracy
   * @throws IllegalStateException when the sweep had no evaluation rows
   */
  public double ensembleAccuracy() {
    if (evaluation == null) {
      throw new IllegalStateException("the sweep had no evaluation rows; add"
          + " .evaluateOn(test) before run()");
    }
    int rows = evaluation.size();
    int classes = evaluation.classes();
    double[] mean = new double[rows * classes];
    for (Run r : runs) {
      float[] z = r.model().logits(evaluation);
      for (int i = 0; i < rows; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          max = Math.max(max, z[i * classes + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          sum += Math.exp(z[i * classes + c] - max);
        }
        for (int c = 0; c < classes; c++) {
          mean[i * classes + c] += Math.exp(z[i * classes + c] - max) / sum;
        }
      }
    }
    int correct = 0;
    for (int i = 0; i < rows; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (mean[i * classes + c] > mean[i * classes + best]) {
          best = c;
        }
      }
      if (best == evaluation.label(i)) {
        correct++;
      }
    }
    return (double) correct / rows;
  }

  /** Returns one row per run: label, batch, lr, epochs, final loss, accuracy, seconds, rate. */
  public Table toTable() {
    StringColumn label = StringColumn.create("run");
    IntColumn batch = IntColumn.create("batch");
    DoubleColumn lr = DoubleColumn.create("lr");
    IntColumn epochs = IntColumn.create("epochs");
    DoubleColumn loss = DoubleColumn.create("final_loss");
    DoubleColumn accuracy = DoubleColumn.create("accuracy");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    DoubleColumn rate = DoubleColumn.create("samples_per_s");
    for (Run r : runs) {
      label.append(r.label().isEmpty() ? "base" : r.label());
      batch.append(r.config().batchSize());
      lr.append(r.config().optimizer().learningRate());
      epochs.append(r.model().history().epochs().size());
      loss.append(r.finalLoss());
      accuracy.append(r.accuracy());
      seconds.append(r.seconds());
      rate.append(r.samplesPerSecond());
    }
    loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    accuracy.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    seconds.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    return Table.create("sweep", label, batch, lr, epochs, loss, accuracy, seconds, rate);
  }

  /** Returns every run's training loss per epoch, one line per run. */
  public XYChart chart() {
    XYChart chart = Charts.xy("Sweep: training loss", "epoch", "loss", 560, 340);
    chart.getStyler().setXAxisDecimalPattern("0");
    for (Run r : runs) {
      List<EpochStats> e = r.model().history().epochs();
      chart.addSeries(r.label().isEmpty() ? "base" : r.label(),
          e.stream().mapToDouble(EpochStats::epoch).toArray(),
          e.stream().mapToDouble(EpochStats::trainLoss).toArray());
    }
    return chart;
  }

  /** Returns a line on the sweep's wall time against its runs' own times. */
  public String timing() {
    return String.format(Locale.ROOT, "%d runs on %d worker(s): %.1f s wall, %.1f s of runs"
        + " (%.2fx)", runs.size(), workers, wallSeconds, runSeconds(),
        runSeconds() / wallSeconds);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    HtmlTable table = HtmlTable.of("run", "batch", "lr", "epochs", "final loss", "accuracy", "s",
            "samples/s")
        .title("Sweep of " + title + ": " + timing());
    Run best = best();
    for (Run r : runs) {
      List<Object> cells = List.of(
          r.label().isEmpty() ? "base" : r.label(),
          (long) r.config().batchSize(),
          String.format(Locale.ROOT, "%.3g", r.config().optimizer().learningRate()),
          (long) r.model().history().epochs().size(),
          String.format(Locale.ROOT, "%.4f", r.finalLoss()),
          String.format(Locale.ROOT, "%.4f", r.accuracy()),
          String.format(Locale.ROOT, "%.2f", r.seconds()),
          Math.round(r.samplesPerSecond()));
      table.row(r == best ? cells.stream().map(HtmlTable::strong).toList() : cells);
    }
    bundle.put("text/html", table.toHtml());
    bundle.put("image/png", Images.pngBase64(chart()));
    return bundle;
  }

  @Override
  public String toString() {
    return "Sweep of " + title + ", " + timing() + "\n" + toTable().printAll();
  }
}
