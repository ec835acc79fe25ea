package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.compress.Distillation;
import dev.hone.data.Split;
import dev.hone.layer.CodebookLayer;
import dev.hone.layer.SparseLayer;
import dev.hone.train.EpochStats;
import dev.hone.train.PruningSchedule;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FineTuningTest {

  private static final Split BLOBS = Fixtures.blobs(600, 8, 3, 0.8, 7).split(0.25, 1);
  private static final TrainConfig QUIET =
      Train.epochs(4).batchSize(32).adam(1e-2).listener(TrainingListener.NONE);
  private static final TrainedModel MODEL =
      Model.mlp(8, 32, 16, 3).train(BLOBS.train(), QUIET);

  static Stream<TrainConfig> everyOptimizer() {
    TrainConfig c = Train.epochs(2).batchSize(32).listener(TrainingListener.NONE);
    return Stream.of(c.sgd(0.05), c.sgd(0.05).weightDecay(1e-2), c.momentum(0.05, 0.9),
        c.nesterov(0.05, 0.9).weightDecay(1e-2), c.adam(1e-2), c.adam(1e-2).weightDecay(1e-2),
        c.adamW(1e-2, 0.1), c.rmsProp(1e-3).weightDecay(1e-2), c.adagrad(0.05));
  }

  @ParameterizedTest
  @MethodSource("everyOptimizer")
  void pruned_weights_stay_exactly_zero_through_fine_tuning(TrainConfig config) {
    PrunedModel p = MODEL.prune(0.7);
    PrunedModel tuned = p.fineTune(BLOBS.train(), config);
    for (int l = 0; l < p.layers().size(); l++) {
      SparseLayer before = (SparseLayer) p.layers().get(l);
      SparseLayer after = (SparseLayer) tuned.layers().get(l);
      float[] w = after.weights();
      for (int i = 0; i < w.length; i++) {
        if (!before.kept(i)) {
          assertEquals(0f, w[i], 0f, config.describe() + ": pruned weight " + i + " of layer "
              + l + " is " + w[i]);
        }
      }
      assertArrayEquals(before.maskWords(), after.maskWords());
    }
    assertNotEquals(Arrays.toString(p.layers().get(0).weights()),
        Arrays.toString(tuned.layers().get(0).weights()), "fine-tuning changed nothing");
  }

  @Test
  void fine_tuning_a_pruned_model_recovers_accuracy_and_is_recorded() {
    PrunedModel p = MODEL.prune(0.9);
    PrunedModel tuned = p.fineTune(BLOBS.train(), QUIET);
    assertTrue(tuned.evaluate(BLOBS.test()).accuracy() >= p.evaluate(BLOBS.test()).accuracy());
    assertEquals("fine_tune", tuned.provenance().last().name());
    assertEquals(0.9, tuned.sparsity(), 0.01);
  }

  @Test
  void gradual_pruning_reaches_its_final_sparsity_and_the_history_shows_it_rising() {
    TrainedModel m = Model.mlp(8, 32, 16, 3).train(BLOBS.train(), Train.epochs(6).batchSize(32)
        .adam(1e-2).listener(TrainingListener.NONE).pruneGradually(0.8));
    List<Double> s = m.history().epochs().stream().map(EpochStats::sparsity).toList();
    for (int i = 1; i < s.size(); i++) {
      assertTrue(s.get(i) >= s.get(i - 1) - 1e-9, "sparsity fell: " + s);
    }
    assertEquals(0.8, s.get(s.size() - 1), 0.01);
    assertEquals(0.8, m.sparsity(), 0.01);
    assertTrue(m.history().toTable().columnNames().contains("sparsity"));
    assertTrue(m.provenance().toString().contains("gradual(0.0->0.8"), m.provenance().toString());
    assertTrue(m.evaluate(BLOBS.test()).accuracy() > 0.8);
    // The sparse form keeps the zeros the schedule made.
    assertEquals(0.8, m.prune(0.8).sparsity(), 0.01);
  }

  @Test
  void a_global_schedule_reaches_the_total_sparsity_with_uneven_layers() {
    TrainedModel m = Model.mlp(8, 32, 16, 3).train(BLOBS.train(), Train.epochs(6).batchSize(32)
        .adam(1e-2).listener(TrainingListener.NONE)
        .pruneGradually(new PruningSchedule(0, 0.8, 0, 4, 5).global()));
    assertEquals(0.8, m.sparsity(), 0.01);
    double first = m.layers().get(0).sparsity();
    double second = m.layers().get(1).sparsity();
    assertNotEquals(first, second, 1e-3, "a global threshold leaves layers at their own sparsity");
    assertTrue(m.provenance().toString().contains(", global)"), m.provenance().toString());
    assertEquals(0.8, m.pruneGlobal(0.8).sparsity(), 0.01);
  }

  @Test
  void a_schedule_that_would_stop_short_of_its_target_is_rejected() {
    TrainConfig shortened = Train.epochs(12).pruneGradually(0.9).epochs(4)
        .listener(TrainingListener.NONE);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Model.mlp(8, 16, 3).train(BLOBS.train(), shortened));
    assertTrue(e.getMessage().contains("ends at epoch 9.0") && e.getMessage().contains("4 epochs"),
        e.getMessage());
    TrainConfig early = Train.epochs(6).validation(0.2).earlyStopping(2).pruneGradually(0.9)
        .listener(TrainingListener.NONE);
    e = assertThrows(IllegalArgumentException.class,
        () -> Model.mlp(8, 16, 3).train(BLOBS.train(), early));
    assertTrue(e.getMessage().contains("earlyStopping(2)"), e.getMessage());
  }

  @Test
  void a_dense_model_already_sparser_than_asked_is_not_pruned_silently() {
    TrainedModel sparse = Model.mlp(8, 32, 16, 3).train(BLOBS.train(), Train.epochs(6)
        .batchSize(32).adam(1e-2).listener(TrainingListener.NONE).pruneGradually(0.8));
    var e = assertThrows(IllegalArgumentException.class, () -> sparse.prune(0.5));
    assertTrue(e.getMessage().contains("already 0.8"), e.getMessage());
  }

  @Test
  void the_polynomial_schedule_follows_zhu_and_gupta() {
    PruningSchedule s = new PruningSchedule(0.1, 0.9, 1, 3, 5);
    assertEquals(0, s.sparsityAt(5, 10), 0);
    assertEquals(0.1, s.sparsityAt(10, 10), 1e-12);
    assertEquals(0.9 + (0.1 - 0.9) * Math.pow(0.5, 3), s.sparsityAt(20, 10), 1e-12);
    assertEquals(0.9, s.sparsityAt(30, 10), 1e-12);
    assertEquals(0.9, s.sparsityAt(99, 10), 1e-12);
    assertTrue(s.prunesAt(10, 10));
    assertTrue(s.prunesAt(15, 10));
    assertTrue(!s.prunesAt(16, 10));
    assertTrue(!s.prunesAt(35, 10));
    assertThrows(IllegalArgumentException.class, () -> new PruningSchedule(0.5, 0.4, 0, 1, 1));
  }

  @Test
  void clustering_shares_at_most_two_to_the_bits_values_per_layer_and_fine_tuning_keeps_them() {
    ClusteredModel c = MODEL.prune(0.5).cluster(3);
    ClusteredModel tuned = c.fineTune(BLOBS.train(), QUIET.adam(1e-3));
    for (int l = 0; l < c.layers().size(); l++) {
      CodebookLayer before = (CodebookLayer) c.layers().get(l);
      CodebookLayer after = (CodebookLayer) tuned.layers().get(l);
      long distinct = distinctNonZero(after.weights());
      assertTrue(distinct <= 8, "layer " + l + " has " + distinct + " distinct values");
      assertArrayEquals(before.codes(), after.codes());
      assertArrayEquals(before.maskWords(), after.maskWords());
      assertNotEquals(Arrays.toString(before.codebook()), Arrays.toString(after.codebook()));
    }
    assertEquals(c.sparsity(), tuned.sparsity(), 0.02);
  }

  @Test
  void clustering_with_bits_outside_two_to_eight_is_rejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> MODEL.cluster(9));
    assertTrue(e.getMessage().contains("was 9"), e.getMessage());
  }

  @Test
  void distillation_with_alpha_zero_is_exactly_plain_training() {
    TrainedModel plain = Model.mlp(8, 8, 3).train(BLOBS.train(), QUIET);
    TrainedModel student = Model.mlp(8, 8, 3).distill(MODEL, BLOBS.train(), QUIET,
        Distillation.of(4, 0));
    for (int i = 0; i < plain.layers().size(); i++) {
      assertArrayEquals(plain.layers().get(i).weights(), student.layers().get(i).weights(),
          1e-6f);
    }
  }

  @Test
  void distillation_learns_from_the_teacher_and_records_its_settings() {
    TrainedModel student = Model.mlp(8, 8, 3).distill(MODEL, BLOBS.train(), QUIET,
        Distillation.of(2, 1.0));
    assertTrue(student.evaluate(BLOBS.test()).accuracy() > 0.8,
        student.evaluate(BLOBS.test()).toString());
    String p = student.provenance().toString();
    assertTrue(p.contains("teacher(mlp(8,32,16,3)"), p);
    assertEquals("2.0", student.provenance().last().param("T").orElseThrow());
    assertEquals("1.0", student.provenance().last().param("alpha").orElseThrow());
  }

  @Test
  void a_teacher_with_other_classes_or_inputs_is_rejected() {
    TrainedModel other = Model.mlp(8, 4, 2).train(Fixtures.blobs(100, 8, 2, 0.5, 1), QUIET);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Model.mlp(8, 8, 3).distill(other, BLOBS.train(), QUIET));
    assertTrue(e.getMessage().contains("2 classes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Distillation.of(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Distillation.of(2, 1.5));
  }

  private static long distinctNonZero(float[] w) {
    return Arrays.stream(toDouble(w)).filter(v -> v != 0).distinct().count();
  }

  private static double[] toDouble(float[] w) {
    double[] d = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      d[i] = w[i];
    }
    return d;
  }
}
