package dev.hone.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.model.Fixtures;
import dev.hone.model.MlpSpec;
import dev.hone.model.Model;
import dev.hone.model.Sensitivity;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {

  private static final MlpSpec SPEC = Model.mlp(20, 16, 4);
  private static final Dataset TRAIN = Fixtures.blobs(600, 20, 4, 2.0, 3);
  private static final Dataset TEST = Fixtures.blobs(200, 20, 4, 2.0, 3);
  private static final TrainConfig BASE = Train.epochs(2).batchSize(32);

  @Test
  void a_sweep_trains_every_combination_side_by_side_as_each_would_train_alone() {
    SweepResult r = Sweep.of(SPEC, TRAIN, BASE).learningRates(1e-3, 1e-2).seeds(1, 2)
        .evaluateOn(TEST).workers(2).run();
    assertEquals(List.of("lr=0.00100 seed=1", "lr=0.00100 seed=2", "lr=0.0100 seed=1",
        "lr=0.0100 seed=2"), r.runs().stream().map(SweepResult.Run::label).toList());
    assertEquals(2, r.workers());
    for (SweepResult.Run run : r.runs()) {
      TrainedModel alone = SPEC.train(TRAIN, run.config().listener(TrainingListener.NONE));
      for (int l = 0; l < 2; l++) {
        assertArrayEquals(alone.denseLayers().get(l).weights(),
            run.model().denseLayers().get(l).weights(), 1e-6f, run.label());
      }
      assertEquals(alone.evaluate(TEST).accuracy(), run.accuracy(), 1e-9);
    }
    assertEquals(4, r.toTable().rowCount());
    assertTrue(r.best().accuracy() >= r.runs().get(0).accuracy());
    double ensemble = r.ensembleAccuracy();
    assertTrue(ensemble > 0.5 && ensemble <= 1, "ensemble " + ensemble);
    assertTrue(r.timing().startsWith("4 runs on 2 worker(s)"), r.timing());
    assertTrue(r.toMimeBundle().containsKey("image/png"));
    String html = r.toMimeBundle().get("text/html");
    assertTrue(html.contains("<b>Sweep of ") && html.contains(" runs on "), html);
    assertEquals(r.runs().size(), html.split("<tr>", -1).length - 2, "a header and one row a run");
    assertEquals(4, r.chart().getSeriesMap().size());
  }

  @Test
  void runs_can_be_added_by_name_and_batch_sizes_swept() {
    SweepResult r = Sweep.of(SPEC, TRAIN, BASE).batchSizes(16, 64)
        .with("seed schedule", BASE.adam(0.01).stepDecay(0.1, 1).batchSize(128)).workers(1)
        .run();
    assertEquals(List.of("batch=16", "batch=64", "seed schedule"),
        r.runs().stream().map(SweepResult.Run::label).toList());
    assertEquals(128, r.runs().get(2).config().batchSize());
    assertThrows(IllegalStateException.class, r::ensembleAccuracy);
  }

  @Test
  void bad_sweeps_are_refused_naming_the_value() {
    Sweep s = Sweep.of(SPEC, TRAIN, BASE);
    var e = assertThrows(IllegalArgumentException.class, () -> s.workers(0));
    assertEquals("workers must be >= 1, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.batchSizes(0));
    assertTrue(e.getMessage().contains("batch size 0 is outside 1 to the 600 rows"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.batchSizes(601));
    assertTrue(e.getMessage().contains("batch size 601"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.learningRates(-1));
    assertTrue(e.getMessage().contains("learning rates must be > 0, was -1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.learningRates());
    assertTrue(e.getMessage().contains("at least one value"), e.getMessage());
  }

  @Test
  void the_sensitivity_scan_gives_the_same_points_on_any_number_of_workers() {
    TrainedModel m = SPEC.train(TRAIN, BASE.listener(TrainingListener.NONE));
    Sensitivity one = Sensitivity.scan(1, m, TEST, 0, 0.5, 0.9);
    Sensitivity two = Sensitivity.scan(2, m, TEST, 0, 0.5, 0.9);
    assertEquals(one.points(), two.points());
    assertEquals(one.points(), m.sensitivity(TEST, 0, 0.5, 0.9).points());
    // The default scan's first sparsity is 0: it must not be read as a worker count.
    Sensitivity all = m.sensitivity(TEST);
    assertEquals(3 * 8, all.points().size());
    assertEquals(one.accuracy("all layers", 0), all.accuracy("all layers", 0));
    assertThrows(IllegalArgumentException.class, () -> Sensitivity.scan(2, m, TEST, 1.5));
  }
}
