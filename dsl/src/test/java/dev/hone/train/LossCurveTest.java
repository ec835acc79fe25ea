package dev.hone.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.display.Charts;
import dev.hone.display.Images;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class LossCurveTest {

  @Test
  void every_batch_is_kept_while_they_fit() {
    LossCurve c = new LossCurve(100);
    for (int i = 0; i < 50; i++) {
      c.add(i / 10.0, 1.0 / (i + 1));
    }
    assertEquals(50, c.points().size());
    assertEquals(4.9, c.points().get(49).epoch(), 1e-12);
  }

  @Test
  void a_long_run_is_downsampled_not_cut_and_keeps_its_spikes() {
    LossCurve c = new LossCurve(2_000);
    int batches = 100_000;
    for (int i = 0; i < batches; i++) {
      c.add(i / 1000.0, i == 77_777 ? 9.0 : i == 12_345 ? -1.0 : 1.0);
    }
    List<LossCurve.Point> points = c.points();
    assertEquals(batches, c.batches());
    assertTrue(points.size() <= 2_000 && points.size() >= 500, "points " + points.size());
    assertEquals((batches - 1) / 1000.0, points.get(points.size() - 1).epoch(), 0.05,
        "the last batches are drawn");
    assertTrue(points.stream().anyMatch(p -> p.loss() == 9.0), "the high spike survives");
    assertTrue(points.stream().anyMatch(p -> p.loss() == -1.0), "the low spike survives");
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i).epoch() >= points.get(i - 1).epoch(), "in order at " + i);
    }
  }

  @Test
  void non_finite_losses_are_skipped() {
    LossCurve c = new LossCurve(10);
    c.add(0.1, Double.NaN);
    c.add(0.2, 1.0);
    assertEquals(1, c.points().size());
  }

  @Test
  void the_chart_shows_batches_epoch_means_and_validation_on_an_epoch_axis() {
    LossCurve c = new LossCurve(100);
    for (int i = 1; i <= 20; i++) {
      c.add(i / 20.0, 1.0 / i);
    }
    List<EpochStats> epochs = List.of(new EpochStats(1, 0.4, 0.8, 0.5, 0.7, 1e-3, 1, 100, 0));
    XYChart chart = LossCurve.chart(c.points(), epochs, 420, 220);
    assertEquals(List.of(" ", "batch", "train (epoch mean)", "validation"),
        List.copyOf(chart.getSeriesMap().keySet()), "a hidden frame series, then the curves");
    assertFalse(chart.getSeriesMap().get(" ").isShowInLegend());
    assertEquals(0.0, chart.getStyler().getXAxisMin());
    assertEquals(1.0, chart.getStyler().getXAxisMax());
    assertTrue(chart.getStyler().getXAxisTickMarkSpacingHint() >= Charts.MIN_LABEL_PIXELS,
        "labels at least 70 px apart on a short run");
    assertEquals("0.##", chart.getStyler().getXAxisDecimalPattern(),
        "labels are not rounded to whole epochs, which would misplace them");
    assertFalse(chart.getStyler().isPlotBorderVisible(), "Hone's one chart style");
    assertTrue(Images.pngBase64(chart).length() > 100);
  }

  @Test
  void history_draws_the_same_chart_without_batches() {
    List<EpochStats> epochs = List.of(new EpochStats(1, 0.4, 0.8, Double.NaN, Double.NaN, 1e-3,
        1, 100, 0), new EpochStats(2, 0.3, 0.9, Double.NaN, Double.NaN, 1e-3, 1, 100, 0));
    XYChart chart = new History(epochs, StopReason.COMPLETED, "").chart();
    assertEquals(List.of(" ", "train"), List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals("Loss", chart.getTitle());
  }

  @Test
  void the_history_table_writes_learning_rates_and_counts_for_people() {
    History h = new History(List.of(new EpochStats(1, 0.4, 0.8, Double.NaN, Double.NaN,
        0.0000000011450632203535705, 1.5, 64_000, 0)), StopReason.COMPLETED, "");
    String text = h.toTable().print();
    assertTrue(text.contains("1.15e-9"), text);
    assertFalse(text.contains("0.00000000114"), text);
    String html = h.toMimeBundle().get("text/html");
    assertTrue(html.contains(">1.15e-9<"), html);
    assertTrue(html.contains("text-align:right\">64,000<"), html);
  }
}
