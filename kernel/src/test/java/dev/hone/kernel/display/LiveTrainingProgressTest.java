package dev.hone.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.train.BatchProgress;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.LossCurve;
import dev.hone.train.StopReason;
import dev.hone.train.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveTrainingProgressTest {

  /** Keeps what the listener shows, as the kernel's IOPub publisher would send it. */
  private static final class Shown implements DisplaySink {
    final List<Map<String, String>> bundles = new ArrayList<>();

    @Override
    public synchronized void display(Map<String, String> data, String displayId) {
      bundles.add(data);
    }

    @Override
    public synchronized void update(Map<String, String> data, String displayId) {
      bundles.add(data);
    }
  }

  @Test
  void a_run_of_more_than_4000_batches_draws_its_last_batches() {
    Shown shown = new Shown();
    LiveTrainingProgress live = new LiveTrainingProgress(shown);
    int epochs = 10;
    int perEpoch = 600; // 6,000 batches, three times the chart's points
    live.onStart(new TrainingPlan("mlp(4,3)", epochs, perEpoch, perEpoch * 32, 0));
    List<EpochStats> done = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      for (int b = 1; b <= perEpoch; b++) {
        // The loss falls, with one spike late in the run that a thinned curve must keep.
        double loss = e == 9 && b == 301 ? 5.0 : 2.0 / (e + b / (double) perEpoch);
        live.onBatch(new BatchProgress(e, b, perEpoch, loss, loss, 1e-3));
      }
      EpochStats stats = new EpochStats(e, 2.0 / e, 0.5, Double.NaN, Double.NaN, 1e-3, 1.0,
          perEpoch * 32, 0);
      done.add(stats);
      live.onEpoch(stats);
    }
    live.onEnd(new History(done, StopReason.COMPLETED, ""));

    List<LossCurve.Point> points = live.chartPoints();
    assertTrue(points.size() <= LiveTrainingProgress.MAX_POINTS, "bounded: " + points.size());
    assertTrue(points.size() > LiveTrainingProgress.MAX_POINTS / 4, "not thinned away");
    LossCurve.Point last = points.get(points.size() - 1);
    assertTrue(last.epoch() > epochs - 0.01, "the curve reaches the last batch: " + last);
    assertTrue(points.stream().anyMatch(p -> p.loss() == 5.0), "the late spike is kept");
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i).epoch() >= points.get(i - 1).epoch(), "in training order");
    }
    String html = shown.bundles.get(shown.bundles.size() - 1).get("text/html");
    assertTrue(html.contains("data:image/png;base64,"), "the final output has the chart");
    assertEquals(true, html.contains("done"), html.substring(0, Math.min(400, html.length())));
    assertTrue(html.matches("(?s).*alt=\"loss curve: 6,000 batch losses drawn as 1,\\d{3} points,"
        + " up to epoch 10.00\".*"), html.substring(0, Math.min(900, html.length())));
  }
}
