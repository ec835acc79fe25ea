package dev.hone.kernel.display;

import dev.hone.display.Html;
import dev.hone.display.Images;
import dev.hone.train.BatchProgress;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.LossCurve;
import dev.hone.train.TrainingListener;
import dev.hone.train.TrainingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shows a training run in one notebook output that updates in place: a progress bar with epoch,
 * batch and loss, and a loss curve.
 *
 * <p>The first call shows the output with a display id; later ones send {@code
 * update_display_data} for that id, so a long run leaves one output, not thousands of lines. The
 * training thread only records numbers (a listener must be quick); a timer thread renders and
 * sends at most {@value #UPDATES_PER_SECOND} updates a second. The curve costs tens of
 * milliseconds to draw, so the timer redraws it at most every {@value #CHART_EVERY_MS} ms and at
 * each epoch's end, and every update carries the latest drawing: the curve never disappears
 * between redraws. The run's end is drawn on the training thread, so the final output is
 * complete when the cell finishes. The kernel installs one per run with {@code
 * Progress.setDefault}.
 */
public final class LiveTrainingProgress implements TrainingListener {

  static final int UPDATES_PER_SECOND = 4;
  static final long CHART_EVERY_MS = 2_000;
  static final int CHART_WIDTH = 480;
  static final int CHART_HEIGHT = 260;
  /** Points of the batch-loss line; longer runs are downsampled (min and max per bucket). */
  static final int MAX_POINTS = 2_000;

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hone-progress");
            t.setDaemon(true);
            return t;
          });

  private final DisplaySink sink;
  private final String displayId = UUID.randomUUID().toString();
  private final long startedNanos = System.nanoTime();
  private final LossCurve batchLosses = new LossCurve(MAX_POINTS);
  private final List<EpochStats> epochs = new ArrayList<>();
  private TrainingPlan plan;
  private BatchProgress last;
  private boolean dirty;
  private boolean chartDue;
  private boolean finished;
  private String endNote = "";
  private ScheduledFuture<?> ticker;
  /** Held while an update is drawn and sent: ticks and the final update never interleave. */
  private final Object sending = new Object();
  /** The latest drawing as an img tag; its alt text says what the curve holds. */
  private volatile String chartImage;
  private long chartDrawnNanos;

  /** Returns a listener that shows progress through {@code sink}. */
  public LiveTrainingProgress(DisplaySink sink) {
    this.sink = sink;
  }

  /** Returns the display id of the output this listener updates. */
  public String displayId() {
    return displayId;
  }

  @Override
  public void onStart(TrainingPlan plan) {
    synchronized (this) {
      this.plan = plan;
      chartDrawnNanos = System.nanoTime();
    }
    sink.display(bundle(), displayId);
    long period = 1000L / UPDATES_PER_SECOND;
    ticker = TIMER.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void onBatch(BatchProgress progress) {
    last = progress;
    if (plan != null) {
      double x = progress.epoch() - 1 + (double) progress.batch() / progress.batchesPerEpoch();
      batchLosses.add(x, progress.loss());
    }
    dirty = true;
  }

  @Override
  public synchronized void onEpoch(EpochStats stats) {
    epochs.add(stats);
    chartDue = true;
    dirty = true;
  }

  @Override
  public void onEnd(History history) {
    if (ticker != null) {
      ticker.cancel(false);
    }
    synchronized (this) {
      finished = true;
      dirty = false;
      endNote = history.stopNote() == null ? "" : history.stopNote();
    }
    // After a tick that is sending now, so the final drawing is the last update the cell shows.
    synchronized (sending) {
      drawChart();
      sink.update(bundle(), displayId);
    }
  }

  private void tick() {
    boolean send;
    boolean draw;
    synchronized (this) {
      send = dirty && !finished;
      draw = send && (chartDue
          || System.nanoTime() - chartDrawnNanos > CHART_EVERY_MS * 1_000_000L);
      dirty = false;
    }
    if (!send) {
      return;
    }
    synchronized (sending) {
      synchronized (this) {
        if (finished) {
          return; // onEnd has sent (or is about to send) the final state
        }
      }
      try {
        if (draw) {
          drawChart();
        }
        sink.update(bundle(), displayId);
      } catch (RuntimeException e) {
        // A failed update must not stop the timer; the next tick tries again.
      }
    }
  }

  /** Redraws the curve from a snapshot, outside the lock so training never waits for it. */
  private void drawChart() {
    List<LossCurve.Point> points;
    List<EpochStats> epochSnapshot;
    long batches;
    synchronized (this) {
      chartDue = false;
      chartDrawnNanos = System.nanoTime();
      if (batchLosses.batches() < 2) {
        return;
      }
      points = batchLosses.points();
      epochSnapshot = new ArrayList<>(epochs);
      batches = batchLosses.batches();
    }
    String png = Images.pngBase64(LossCurve.chart(points, epochSnapshot, CHART_WIDTH, CHART_HEIGHT));
    String caption = String.format(Locale.ROOT,
        "loss curve: %,d batch losses drawn as %,d points, up to epoch %.2f",
        batches, points.size(), points.get(points.size() - 1).epoch());
    chartImage = "<img alt=\"" + Html.escape(caption) + "\" width=\"" + CHART_WIDTH + "\" height=\""
        + CHART_HEIGHT + "\" src=\"data:image/png;base64," + png + "\"/>";
  }

  /** Renders the current state, with the latest drawing of the curve. */
  synchronized Map<String, String> bundle() {
    int epochsPlanned = plan == null ? 0 : plan.epochs();
    int batches = plan == null ? 0 : plan.batchesPerEpoch();
    long total = (long) epochsPlanned * Math.max(batches, 1);
    long done =
        last == null ? 0 : (long) (last.epoch() - 1) * Math.max(batches, 1) + last.batch();
    if (finished) {
      done = Math.min(done, total);
    }
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    String status =
        last == null
            ? "starting"
            : String.format(
                Locale.ROOT,
                "epoch %d/%d · batch %d/%d · loss %.4f · %.1f s",
                last.epoch(),
                epochsPlanned,
                last.batch(),
                last.batchesPerEpoch(),
                last.epochLoss(),
                seconds);
    if (finished) {
      status = (endNote.isEmpty() ? "done" : endNote)
          + " · " + String.format(Locale.ROOT, "%.1f s", seconds);
    }
    StringBuilder html = new StringBuilder(512);
    html.append("<div class=\"hone-progress\"><div><b>")
        .append(Html.escape(plan == null ? "training" : plan.model()))
        .append("</b></div><progress style=\"width:60%\" max=\"")
        .append(Math.max(total, 1))
        .append("\" value=\"")
        .append(done)
        .append("\"></progress> <span>")
        .append(Html.escape(status))
        .append("</span>");
    if (!epochs.isEmpty()) {
      EpochStats e = epochs.get(epochs.size() - 1);
      html.append(
          String.format(
              Locale.ROOT,
              "<div>epoch %d: train loss %.4f, train accuracy %.4f%s</div>",
              e.epoch(),
              e.trainLoss(),
              e.trainAccuracy(),
              e.hasValidation()
                  ? String.format(
                      Locale.ROOT,
                      ", validation loss %.4f, validation accuracy %.4f",
                      e.validationLoss(),
                      e.validationAccuracy())
                  : ""));
    }
    String image = chartImage;
    if (image != null) {
      html.append("<div>").append(image).append("</div>");
    }
    html.append("</div>");
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/html", html.toString());
    bundle.put("text/plain", (plan == null ? "training" : plan.model()) + ": " + status);
    return bundle;
  }

  /** Returns the batch-loss points the chart draws now, for tests. */
  synchronized List<LossCurve.Point> chartPoints() {
    return batchLosses.points();
  }
}
