package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.data.Split;
import dev.hone.train.BatchProgress;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.Optimizer;
import dev.hone.train.StopReason;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import dev.hone.train.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingTest {

  private static final Split BLOBS = Fixtures.blobs(600, 8, 3, 0.6, 7).split(0.25, 1);

  @Test
  void training_learns_separable_blobs() {
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(),
        Train.epochs(10).batchSize(32).adam(1e-2));
    assertTrue(m.evaluate(BLOBS.test()).accuracy() > 0.95, m.evaluate(BLOBS.test()).toString());
    assertEquals(10, m.history().epochs().size());
    assertEquals(StopReason.COMPLETED, m.history().stopReason());
    assertTrue(m.history().last().trainLoss() < m.history().epochs().get(0).trainLoss());
  }

  @Test
  void the_same_seed_gives_bit_identical_weights() {
    TrainConfig c = Train.epochs(3).batchSize(16).adam(1e-2).seed(11);
    TrainedModel a = Model.mlp(8, 16, 3).train(BLOBS.train(), c);
    TrainedModel b = Model.mlp(8, 16, 3).train(BLOBS.train(), c);
    for (int i = 0; i < a.layers().size(); i++) {
      assertArrayEquals(a.layers().get(i).weights(), b.layers().get(i).weights());
      assertArrayEquals(a.layers().get(i).biases(), b.layers().get(i).biases());
    }
  }

  @Test
  void a_different_seed_gives_different_weights() {
    TrainedModel a = Model.mlp(8, 16, 3).train(BLOBS.train(), Train.epochs(1).seed(1));
    TrainedModel b = Model.mlp(8, 16, 3).train(BLOBS.train(), Train.epochs(1).seed(2));
    assertFalse(java.util.Arrays.equals(a.layers().get(0).weights(),
        b.layers().get(0).weights()));
  }

  static Stream<Optimizer> optimizers() {
    return Stream.of(new Optimizer.Sgd(0.1), new Optimizer.Momentum(0.05, 0.9, false),
        new Optimizer.Momentum(0.05, 0.9, true), new Optimizer.Adam(1e-2),
        new Optimizer.Adam(1e-2, 0.9, 0.999, 1e-8, 0.01), new Optimizer.RmsProp(1e-2, 0.99, 1e-8),
        new Optimizer.Adagrad(0.1, 1e-10));
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void every_optimizer_lowers_the_loss_and_learns(Optimizer optimizer) {
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(),
        Train.epochs(6).batchSize(32).optimizer(optimizer).weightDecay(1e-4));
    List<EpochStats> e = m.history().epochs();
    assertTrue(e.get(e.size() - 1).trainLoss() < e.get(0).trainLoss(), e.toString());
    assertTrue(m.evaluate(BLOBS.test()).accuracy() > 0.9, optimizer.describe());
  }

  @Test
  void the_schedule_sets_the_learning_rate_each_epoch() {
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(),
        Train.epochs(4).batchSize(450).sgd(0.1).stepDecay(0.1, 2));
    List<EpochStats> e = m.history().epochs();
    assertEquals(0.1, e.get(0).learningRate(), 1e-12);
    assertEquals(0.1, e.get(1).learningRate(), 1e-12);
    assertEquals(0.01, e.get(2).learningRate(), 1e-12);
    assertEquals(0.01, e.get(3).learningRate(), 1e-12);
  }

  @Test
  void validation_split_reports_validation_figures_each_epoch() {
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(),
        Train.epochs(2).validation(0.2));
    for (EpochStats e : m.history().epochs()) {
      assertTrue(e.hasValidation());
      assertTrue(e.validationAccuracy() >= 0 && e.validationAccuracy() <= 1);
    }
  }

  @Test
  void early_stopping_ends_the_run_when_validation_loss_stops_improving() {
    Dataset noise = Fixtures.noise(400, 20, 2, 3);
    TrainedModel m = Model.mlp(20, 64, 2).train(noise,
        Train.epochs(60).batchSize(16).adam(1e-2).validation(0.25).earlyStopping(2));
    assertEquals(StopReason.EARLY_STOPPED, m.history().stopReason());
    assertTrue(m.history().epochs().size() < 60);
    assertTrue(m.history().stopNote().contains("early stop"), m.history().stopNote());
    assertTrue(m.provenance().toString().contains("> early_stop(epoch="),
        m.provenance().toString());
  }

  @Test
  void the_listener_hears_start_every_batch_every_epoch_and_end() {
    List<String> calls = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onStart(TrainingPlan plan) {
        calls.add("start " + plan.epochs() + "x" + plan.batchesPerEpoch());
      }

      @Override
      public void onBatch(BatchProgress p) {
        calls.add("batch");
      }

      @Override
      public void onEpoch(EpochStats s) {
        calls.add("epoch " + s.epoch());
      }

      @Override
      public void onEnd(History h) {
        calls.add("end " + h.stopReason());
      }
    };
    Model.mlp(8, 4, 3).train(BLOBS.train(), Train.epochs(2).batchSize(150).listener(recorder));
    assertEquals(List.of("start 2x3", "batch", "batch", "batch", "epoch 1", "batch", "batch",
        "batch", "epoch 2", "end COMPLETED"), calls);
  }

  @Test
  void batch_progress_carries_each_batchs_loss_and_the_running_epoch_mean() {
    List<BatchProgress> seen = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onBatch(BatchProgress p) {
        seen.add(p);
      }
    };
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(),
        Train.epochs(1).batchSize(50).adam(1e-2).listener(recorder));
    double sum = 0;
    for (int i = 0; i < seen.size(); i++) {
      sum += seen.get(i).loss() * 50;
      assertEquals(sum / (50.0 * (i + 1)), seen.get(i).epochLoss(), 1e-6);
    }
    assertEquals(m.history().last().trainLoss(), seen.get(seen.size() - 1).epochLoss(), 1e-9);
    assertNotEquals(seen.get(0).loss(), seen.get(seen.size() - 1).loss());
  }

  @Test
  void an_interrupt_stops_at_a_batch_boundary_and_keeps_the_weights_so_far() {
    TrainingListener interrupter = new TrainingListener() {
      @Override
      public void onBatch(BatchProgress p) {
        if (p.epoch() == 2 && p.batch() == 3) {
          Thread.currentThread().interrupt();
        }
      }
    };
    TrainedModel m;
    try {
      m = Model.mlp(8, 16, 3).train(BLOBS.train(),
          Train.epochs(50).batchSize(32).adam(3e-2).listener(interrupter));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
    } finally {
      Thread.interrupted();
    }
    assertEquals(StopReason.INTERRUPTED, m.history().stopReason());
    assertEquals(2, m.history().epochs().size());
    assertTrue(m.history().stopNote().contains("epoch 2, batch 4"), m.history().stopNote());
    assertTrue(m.provenance().toString().endsWith("> interrupted(epoch=2, batch=4)"),
        m.provenance().toString());
    assertTrue(m.evaluate(BLOBS.test()).accuracy() > 0.5, "the partial model is usable");
  }

  @Test
  void a_loss_that_turns_nan_stops_training_and_keeps_the_last_good_weights() {
    var e = assertThrows(TrainingDivergedException.class, () -> Model.mlp(8, 16, 3)
        .train(BLOBS.train(), Train.epochs(3).batchSize(32).sgd(1e30)));
    assertTrue(e.getMessage().contains("epoch 1, batch"), e.getMessage());
    assertTrue(e.batch() >= 2, "the first batch's loss is finite");
    Network lastGood = e.lastGoodModel();
    for (var d : lastGood.layers()) {
      for (float w : d.weights()) {
        assertTrue(Float.isFinite(w));
      }
    }
    assertTrue(Double.isFinite(lastGood.evaluate(BLOBS.test()).loss()));
  }

  @Test
  void training_does_not_change_the_data_it_was_given() {
    Dataset data = BLOBS.train();
    float[][] before = data.rows();
    Model.mlp(8, 16, 3).train(data, Train.epochs(1));
    assertArrayEquals(before, data.rows());
  }

  @Test
  void provenance_names_the_spec_the_config_and_the_data() {
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(),
        Train.epochs(1).batchSize(64).sgd(0.1).seed(9));
    assertEquals("mlp(8,16,3) > train(epochs=1, batch=64, sgd(lr=0.1), seed=9, data=blobs:train)",
        m.provenance().toString());
  }

  @Test
  void predict_returns_one_class_per_row_and_rejects_a_wrong_width() {
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(), Train.epochs(3).adam(1e-2));
    int[] predicted = m.predict(BLOBS.test().rows());
    assertEquals(BLOBS.test().size(), predicted.length);
    var e = assertThrows(IllegalArgumentException.class,
        () -> m.predict(new float[][] {new float[5]}));
    assertTrue(e.getMessage().contains("5 features") && e.getMessage().contains("8"),
        e.getMessage());
    var nan = new float[8];
    nan[2] = Float.NaN;
    var n = assertThrows(IllegalArgumentException.class, () -> m.predict(new float[][] {nan}));
    assertTrue(n.getMessage().contains("feature 2"), n.getMessage());
  }

  @Test
  void the_summary_lists_layers_parameters_and_bytes() {
    TrainedModel m = Model.mlp(8, 16, 3).train(BLOBS.train(), Train.epochs(1));
    ModelSummary s = m.summary();
    assertEquals(2, s.rows().size());
    assertEquals(8 * 16 + 16 + 16 * 3 + 3, s.totalParameters());
    assertEquals(s.totalParameters() * 4, s.totalBytes());
    assertEquals(2, s.toTable().rowCount());
    assertTrue(s.toMimeBundle().get("text/html").contains("<table>"));
    assertNotEquals("", s.toString());
  }
}
