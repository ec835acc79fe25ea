package dev.hone.train;

import dev.hone.display.Charts;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Batch losses of a training run, kept to a bounded number of points however long the run, and
 * the one drawing of a loss curve that Hone shows (live in a notebook, and {@link History#chart}).
 *
 * <p>A long run has more batches than a chart has pixels, so points are kept in buckets of
 * consecutive batches, each remembering its lowest and highest loss; when the buckets fill up,
 * neighbours merge and each covers twice as many batches. The curve keeps its shape, spikes
 * included, and always reaches the latest batch: nothing is cut off. Memory is bounded by
 * {@code maxPoints}. Not thread-safe: the caller holds a lock (the live chart records from the
 * training thread and draws from a timer).
 *
 * <pre>{@code
 * LossCurve curve = new LossCurve(2_000);
 * curve.add(0.5, 0.73);                      // epoch position, loss
 * XYChart chart = LossCurve.chart(curve.points(), history.epochs(), 520, 300);
 * }</pre>
 */
public final class LossCurve {

  /**
   * One drawn point.
   *
   * @param epoch where in training: epoch e's batch b of n is at {@code e - 1 + b / n}
   * @param loss the batch loss
   */
  public record Point(double epoch, double loss) {}

  /** Consecutive batches, by their lowest and highest loss. */
  private static final class Bucket {
    Point low;
    Point high;

    Bucket(Point p) {
      low = p;
      high = p;
    }

    void add(Point p) {
      if (p.loss() < low.loss()) {
        low = p;
      }
      if (p.loss() > high.loss()) {
        high = p;
      }
    }

    void merge(Bucket next) {
      add(next.low);
      add(next.high);
    }
  }

  private final int maxBuckets;
  private final List<Bucket> buckets = new ArrayList<>();
  private long batchesPerBucket = 1;
  private long inLastBucket;
  private long batches;

  /**
   * Returns an empty curve that keeps at most {@code maxPoints} points.
   *
   * @param maxPoints the most points {@link #points()} returns, at least 4
   * @throws IllegalArgumentException when {@code maxPoints < 4}
   */
  public LossCurve(int maxPoints) {
    if (maxPoints < 4) {
      throw new IllegalArgumentException("maxPoints must be at least 4, was " + maxPoints);
    }
    this.maxBuckets = maxPoints / 2;
  }

  /**
   * Records one batch's loss; losses that are not finite are skipped (the trainer reports them).
   *
   * @param epoch the position in training, in epochs
   * @param loss the batch loss
   */
  public void add(double epoch, double loss) {
    if (!Double.isFinite(loss) || !Double.isFinite(epoch)) {
      return;
    }
    batches++;
    Point p = new Point(epoch, loss);
    if (buckets.isEmpty() || inLastBucket >= batchesPerBucket) {
      if (buckets.size() == maxBuckets) {
        halve();
      }
      buckets.add(new Bucket(p));
      inLastBucket = 1;
    } else {
      buckets.get(buckets.size() - 1).add(p);
      inLastBucket++;
    }
  }

  /** Merges neighbouring buckets, so each covers twice as many batches. */
  private void halve() {
    List<Bucket> merged = new ArrayList<>(maxBuckets / 2 + 1);
    for (int i = 0; i < buckets.size(); i += 2) {
      Bucket b = buckets.get(i);
      if (i + 1 < buckets.size()) {
        b.merge(buckets.get(i + 1));
      }
      merged.add(b);
    }
    buckets.clear();
    buckets.addAll(merged);
    batchesPerBucket *= 2;
    // The last bucket is whole again after a merge of two whole ones.
    inLastBucket = batchesPerBucket;
  }

  /** Returns how many batches were recorded. */
  public long batches() {
    return batches;
  }

  /**
   * Returns the points to draw, in training order: every batch while they fit, then each
   * bucket's lowest and highest loss.
   *
   * @return a new list of at most {@code maxPoints} points
   */
  public List<Point> points() {
    List<Point> out = new ArrayList<>(buckets.size() * 2);
    for (Bucket b : buckets) {
      if (b.low == b.high) {
        out.add(b.low);
      } else if (b.low.epoch() <= b.high.epoch()) {
        out.add(b.low);
        out.add(b.high);
      } else {
        out.add(b.high);
        out.add(b.low);
      }
    }
    return out;
  }

  /**
   * Draws loss against epochs in Hone's chart style: the batch losses as a thin line (when
   * given), and each epoch's mean training loss, and validation loss when measured, as points.
   *
   * <pre>{@code
   * XYChart c = LossCurve.chart(List.of(), model.history().epochs(), 520, 300);
   * }</pre>
   *
   * @param batchLosses points from {@link #points()}, or none
   * @param epochs finished epochs, in order, or none
   * @param width pixels
   * @param height pixels
   * @return the chart
   */
  public static XYChart chart(List<Point> batchLosses, List<EpochStats> epochs, int width,
      int height) {
    XYChart chart = Charts.xy("Loss", "epoch", "loss", width, height);
    double lastEpoch = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
    double lastBatch = batchLosses.isEmpty() ? 0 : batchLosses.get(batchLosses.size() - 1).epoch();
    double span = Math.max(lastEpoch, lastBatch);
    Charts.epochAxis(chart, span, width);
    double y = !batchLosses.isEmpty() ? batchLosses.get(0).loss()
        : !epochs.isEmpty() ? epochs.get(0).trainLoss() : 0;
    // XChart places ticks on data values when the x values of all series, in the order they
    // were added, are equally spaced (every batch of a short run, or epochs 1..n), which writes
    // labels such as "0.210.41" at 0.207 steps. A hidden first series at 0 and the end breaks
    // that even spacing, so ticks fall on round values, spaced as Charts.epochAxis asks.
    XYSeries frame = chart.addSeries(" ", new double[] {0, Math.max(1, span)},
        new double[] {y, y});
    frame.setMarker(SeriesMarkers.NONE);
    frame.setLineStyle(SeriesLines.NONE);
    frame.setShowInLegend(false);
    if (batchLosses.size() >= 2) {
      XYSeries batch = chart.addSeries("batch",
          batchLosses.stream().mapToDouble(Point::epoch).toArray(),
          batchLosses.stream().mapToDouble(Point::loss).toArray());
      batch.setMarker(SeriesMarkers.NONE);
      batch.setLineWidth(1f);
      batch.setLineColor(Charts.light(0));
    }
    if (!epochs.isEmpty()) {
      double[] x = epochs.stream().mapToDouble(EpochStats::epoch).toArray();
      XYSeries train = chart.addSeries(batchLosses.isEmpty() ? "train" : "train (epoch mean)", x,
          epochs.stream().mapToDouble(EpochStats::trainLoss).toArray());
      style(train, 0, SeriesMarkers.CIRCLE);
      if (epochs.get(0).hasValidation()) {
        XYSeries val = chart.addSeries("validation", x,
            epochs.stream().mapToDouble(EpochStats::validationLoss).toArray());
        style(val, 1, SeriesMarkers.DIAMOND);
      }
    }
    return chart;
  }

  private static void style(XYSeries s, int colour, org.knowm.xchart.style.markers.Marker marker) {
    s.setMarker(marker);
    s.setLineColor(Charts.color(colour));
    s.setMarkerColor(Charts.color(colour));
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
  }

}
