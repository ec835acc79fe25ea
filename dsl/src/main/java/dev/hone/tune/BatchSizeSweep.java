package dev.hone.tune;

import dev.hone.display.Charts;
import dev.hone.display.Displayable;
import dev.hone.display.HtmlTable;
import dev.hone.display.Images;
import dev.hone.model.TrainedModel;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The result of a {@link BatchSizes} search: one run per batch size and learning-rate rule, the
 * recommended size and the reason.
 *
 * <pre>{@code
 * BatchSizeSweep r = BatchSizes.sweep(spec, mnist.train(), Train.epochs(10)).run();
 * r.toTable();          // batch, scaled, lr, samples/s, seconds to target, memory, ...
 * r.recommended();      // e.g. 128
 * r.reason();
 * r.chart();            // samples/s and time to target against batch size
 * }</pre>
 *
 * @param title the model searched
 * @param target the validation accuracy the time is measured to
 * @param epochs epochs of every run
 * @param runs the runs, in the order they ran
 */
public record BatchSizeSweep(String title, double target, int epochs, List<Run> runs)
    implements Displayable {

  /**
   * One run.
   *
   * @param batchSize the batch size
   * @param scaled whether the linear scaling rule set its learning rate
   * @param learningRate the learning rate it trained with (before any schedule)
   * @param samplesPerSecond median training samples per second over its epochs
   * @param secondsToTarget wall seconds (validation passes included) until validation accuracy
   *     first reached the target, checked after each epoch; NaN when it never did
   * @param epochToTarget the epoch (from 1) that reached it; 0 when none did
   * @param bestAccuracy the best validation accuracy of any epoch
   * @param finalAccuracy the last epoch's validation accuracy
   * @param seconds wall time of the whole run
   * @param peakHeapBytes peak Java heap in use during the run
   * @param peakResidentBytes peak resident set of the process during the run (heap and native
   *     memory), -1 where {@code /proc} is missing
   * @param gpuBytes GPU memory in use after the run, -1 without a GPU
   * @param model the trained model
   */
  public record Run(int batchSize, boolean scaled, double learningRate, double samplesPerSecond,
      double secondsToTarget, int epochToTarget, double bestAccuracy, double finalAccuracy,
      double seconds, long peakHeapBytes, long peakResidentBytes, long gpuBytes,
      TrainedModel model) {

    /** Returns whether the run reached the target. */
    public boolean reached() {
      return epochToTarget > 0;
    }
  }

  /** Copies the runs. */
  public BatchSizeSweep {
    runs = List.copyOf(runs);
  }

  /**
   * Returns the run that reached the target in the least wall time; when none did, the one with
   * the best validation accuracy.
   *
   * @return the best run
   * @throws IllegalStateException when there are no runs (an interrupted search)
   */
  public Run best() {
    Optional<Run> fastest = runs.stream().filter(Run::reached)
        .min(Comparator.comparingDouble(Run::secondsToTarget));
    return fastest.orElseGet(() -> runs.stream()
        .max(Comparator.comparingDouble(Run::bestAccuracy))
        .orElseThrow(() -> new IllegalStateException("the search has no runs")));
  }

  /** Returns the recommended batch size: {@link #best()}'s. */
  public int recommended() {
    return best().batchSize();
  }

  /** Returns why {@link #recommended()} is the size to use, from the measured figures. */
  public String reason() {
    Run best = best();
    Run fastest = runs.stream().max(Comparator.comparingDouble(Run::samplesPerSecond))
        .orElseThrow();
    Run slowest = runs.stream().min(Comparator.comparingDouble(Run::samplesPerSecond))
        .orElseThrow();
    String rule = best.scaled() ? "scaled lr " : "lr ";
    StringBuilder s = new StringBuilder();
    if (best.reached()) {
      long reached = runs.stream().filter(Run::reached).count();
      s.append(String.format(Locale.ROOT, "batch %d (%s%.3g) reached %.2f validation accuracy"
          + " in %.2f s (epoch %d), the soonest of the %d run(s) that reached it",
          best.batchSize(), rule, best.learningRate(), target, best.secondsToTarget(),
          best.epochToTarget(), reached));
    } else {
      s.append(String.format(Locale.ROOT, "no run reached %.2f validation accuracy in %d"
          + " epochs; batch %d (%s%.3g) came closest at %.4f: train longer or lower the target",
          target, epochs, best.batchSize(), rule, best.learningRate(), best.bestAccuracy()));
    }
    if (fastest != best && fastest.samplesPerSecond() > best.samplesPerSecond()) {
      s.append(String.format(Locale.ROOT, "; batch %d%s ran the most samples/s (%.1fx batch %d)"
          + " but %s", fastest.batchSize(), fastest.scaled() ? " (scaled)" : "",
          fastest.samplesPerSecond() / slowest.samplesPerSecond(), slowest.batchSize(),
          fastest.reached() ? String.format(Locale.ROOT, "needed %.2f s (epoch %d) to reach it",
              fastest.secondsToTarget(), fastest.epochToTarget())
              : String.format(Locale.ROOT, "reached only %.4f", fastest.bestAccuracy())));
    }
    return s.toString();
  }

  /** Returns one row per run. */
  public Table toTable() {
    IntColumn batch = IntColumn.create("batch");
    BooleanColumn scaled = BooleanColumn.create("scaled_lr");
    DoubleColumn lr = DoubleColumn.create("lr");
    DoubleColumn rate = DoubleColumn.create("samples_per_s");
    DoubleColumn toTarget = DoubleColumn.create("seconds_to_target");
    IntColumn epoch = IntColumn.create("epoch_to_target");
    DoubleColumn best = DoubleColumn.create("best_val_accuracy");
    DoubleColumn heap = DoubleColumn.create("peak_heap_mib");
    DoubleColumn rss = DoubleColumn.create("peak_rss_mib");
    DoubleColumn gpu = DoubleColumn.create("gpu_mib");
    for (Run r : runs) {
      batch.append(r.batchSize());
      scaled.append(r.scaled());
      lr.append(r.learningRate());
      rate.append(r.samplesPerSecond());
      toTarget.append(r.secondsToTarget());
      epoch.append(r.epochToTarget());
      best.append(r.bestAccuracy());
      heap.append(mib(r.peakHeapBytes()));
      rss.append(mib(r.peakResidentBytes()));
      gpu.append(mib(r.gpuBytes()));
    }
    rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    toTarget.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    best.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    for (DoubleColumn c : List.of(heap, rss, gpu)) {
      c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    }
    return Table.create("batch sizes", batch, scaled, lr, rate, toTarget, epoch, best, heap, rss,
        gpu);
  }

  private static double mib(long bytes) {
    return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
  }

  /** Returns training samples per second against batch size (log scale), one line per rule. */
  public XYChart chart() {
    XYChart c = Charts.xy("Throughput by batch size", "batch size", "samples/s", 460, 320);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    for (boolean scaled : rules()) {
      List<Run> rs = runs.stream().filter(r -> r.scaled() == scaled).toList();
      c.addSeries(scaled ? "scaled lr" : "same lr",
          rs.stream().mapToDouble(Run::batchSize).toArray(),
          rs.stream().mapToDouble(Run::samplesPerSecond).toArray());
    }
    return c;
  }

  /**
   * Returns the seconds to the target against batch size (log scale), one line per rule; runs
   * that never reached it are left out of their line.
   */
  public XYChart timeChart() {
    XYChart c = Charts.xy(String.format(Locale.ROOT, "Seconds to %.2f validation accuracy",
        target), "batch size", "seconds", 460, 320);
    c.getStyler().setXAxisLogarithmic(true);
    boolean any = false;
    for (boolean scaled : rules()) {
      List<Run> rs = runs.stream().filter(r -> r.scaled() == scaled && r.reached()).toList();
      if (rs.isEmpty()) {
        continue;
      }
      any = true;
      XYSeries s = c.addSeries(scaled ? "scaled lr" : "same lr",
          rs.stream().mapToDouble(Run::batchSize).toArray(),
          rs.stream().mapToDouble(Run::secondsToTarget).toArray());
      s.setMarkerColor(Charts.color(scaled ? 1 : 0));
      s.setLineColor(Charts.color(scaled ? 1 : 0));
    }
    if (!any) {
      c.setTitle(String.format(Locale.ROOT, "No run reached %.2f in %d epochs", target, epochs));
    }
    return c;
  }

  private List<Boolean> rules() {
    return runs.stream().map(Run::scaled).distinct().toList();
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    HtmlTable table = HtmlTable.of("batch", "lr", "samples/s", "s to target", "epoch",
            "best val acc", "peak heap MiB", "peak RSS MiB", "GPU MiB")
        .title(String.format(Locale.ROOT, "Batch sizes for %s, %d epochs, target %.2f: use %d",
            title, epochs, target, recommended()))
        .note(reason() + ".");
    Run best = best();
    for (Run r : runs) {
      List<Object> cells = List.of(
          (long) r.batchSize(),
          String.format(Locale.ROOT, "%.3g%s", r.learningRate(), r.scaled() ? " (scaled)" : ""),
          Math.round(r.samplesPerSecond()),
          r.reached() ? String.format(Locale.ROOT, "%.2f", r.secondsToTarget()) : "not reached",
          r.reached() ? String.valueOf(r.epochToTarget()) : "-",
          String.format(Locale.ROOT, "%.4f", r.bestAccuracy()),
          Math.round(mib(r.peakHeapBytes())),
          r.peakResidentBytes() < 0 ? "n/a" : (Object) Math.round(mib(r.peakResidentBytes())),
          r.gpuBytes() < 0 ? "no GPU" : (Object) Math.round(mib(r.gpuBytes())));
      table.row(r == best ? cells.stream().map(HtmlTable::strong).toList() : cells);
    }
    bundle.put("text/html", table.toHtml());
    bundle.put("image/png", Images.sideBySidePngBase64(chart(), timeChart()));
    return bundle;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Batch sizes for %s, %d epochs, target %.2f: use %d (%s)%n",
        title, epochs, target, recommended(), reason()) + toTable().printAll();
  }
}
