package dev.hone.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.model.Fixtures;
import dev.hone.model.MlpSpec;
import dev.hone.model.Model;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizesTest {

  private static final MlpSpec SPEC = Model.mlp(20, 16, 4);
  private static final Dataset DATA = Fixtures.blobs(1000, 20, 4, 1.0, 3);
  private static final TrainConfig BASE = Train.epochs(4).batchSize(16).adam(5e-3);

  @Test
  void a_search_measures_every_size_and_rule_and_recommends_the_soonest_to_target() {
    BatchSizeSweep r = BatchSizes.sweep(SPEC, DATA, BASE).sizes(16, 128)
        .withAndWithoutScaling().warmup(1).target(0.9).run();
    assertEquals(4, r.runs().size());
    for (BatchSizeSweep.Run run : r.runs()) {
      assertTrue(run.samplesPerSecond() > 0, run.toString());
      assertTrue(run.peakHeapBytes() > 0, run.toString());
      assertTrue(run.peakResidentBytes() > run.peakHeapBytes() / 4, "RSS read from /proc");
      assertEquals(-1, run.gpuBytes(), "no GPU here");
      double lr = run.scaled() ? 5e-3 * run.batchSize() / 16 : 5e-3;
      assertEquals(lr, run.learningRate(), 1e-12);
      assertEquals(run.model().provenance().toString().contains("warmup(1.0)"), run.scaled(),
          run.model().provenance().toString());
      if (run.reached()) {
        assertTrue(run.secondsToTarget() > 0 && run.secondsToTarget() <= run.seconds());
        assertTrue(run.model().history().epochs().get(run.epochToTarget() - 1)
            .validationAccuracy() >= 0.9);
      } else {
        assertTrue(Double.isNaN(run.secondsToTarget()));
        assertTrue(run.bestAccuracy() < 0.9);
      }
    }
    assertTrue(r.runs().stream().anyMatch(BatchSizeSweep.Run::reached), r.toString());
    BatchSizeSweep.Run best = r.best();
    assertEquals(best.batchSize(), r.recommended());
    for (BatchSizeSweep.Run run : r.runs()) {
      assertTrue(!run.reached() || run.secondsToTarget() >= best.secondsToTarget());
    }
    assertTrue(r.reason().startsWith("batch " + best.batchSize()), r.reason());
    assertEquals(4, r.toTable().rowCount());
    var bundle = r.toMimeBundle();
    assertTrue(bundle.get("text/html").contains(": use " + r.recommended() + "</b>"), bundle.get("text/html"));
    assertFalse(bundle.get("image/png").isEmpty());
    assertEquals(2, r.chart().getSeriesMap().size());
  }

  @Test
  void a_target_no_run_reaches_is_said_and_the_closest_is_recommended() {
    BatchSizeSweep r = BatchSizes.sweep(SPEC, Fixtures.noise(600, 20, 4, 5), BASE.epochs(2))
        .sizes(32, 128).target(0.99).run();
    assertTrue(r.runs().stream().noneMatch(BatchSizeSweep.Run::reached));
    assertTrue(r.reason().startsWith("no run reached 0.99 validation accuracy in 2 epochs"),
        r.reason());
    assertTrue(r.timeChart().getTitle().startsWith("No run reached"));
    assertTrue(r.toMimeBundle().get("text/html").contains("not reached"));
  }

  @Test
  void the_default_sizes_are_the_powers_of_two_that_fit_the_data() {
    assertEquals(List.of(32, 64, 128, 256, 512), BatchSizes.sweep(SPEC, DATA, BASE).sizes());
    assertEquals(16, BatchSizes.sweep(SPEC, DATA, BASE).baseBatch());
  }

  @Test
  void bad_sizes_and_settings_are_refused_naming_the_value() {
    BatchSizes s = BatchSizes.sweep(SPEC, DATA, BASE);
    var e = assertThrows(IllegalArgumentException.class, () -> s.sizes(32, 0));
    assertEquals("batch sizes must be > 0, was 0 in [32, 0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.sizes(32, 1000));
    assertTrue(e.getMessage().startsWith("batch size 1000 is larger than the 900 training rows"
        + " of 'blobs'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.sizes(new int[0]));
    assertTrue(e.getMessage().contains("at least one batch size"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.target(0));
    assertTrue(e.getMessage().contains("(0, 1], was 0.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.warmup(4));
    assertTrue(e.getMessage().contains("[0, 4) epochs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.baseBatch(0));
    assertTrue(e.getMessage().contains("baseBatch must be > 0, was 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BatchSizes.sweep(Model.mlp(21, 4), DATA, BASE));
    assertTrue(e.getMessage().contains("20 features per row"), e.getMessage());
  }

  @Test
  void the_scaled_config_carries_the_scaled_rate_and_the_warm_up() {
    TrainConfig c = BatchSizes.sweep(SPEC, DATA, BASE.stepDecay(0.1, 2)).warmup(1)
        .configFor(64, true);
    assertEquals(0.02, c.optimizer().learningRate(), 1e-12);
    assertEquals(0.1, c.validationFraction());
    assertEquals(0.02 * 0.5, c.learningRateAt(0.5), 1e-12, "half-way through the warm-up");
    assertEquals(0.02, c.learningRateAt(1.5), 1e-12);
    assertEquals(0.002, c.learningRateAt(2.5), 1e-12, "then the step decay");
    assertEquals(5e-3, BatchSizes.sweep(SPEC, DATA, BASE).configFor(64, false).optimizer()
        .learningRate());
  }
}
