package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hone.data.Split;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import org.junit.jupiter.api.Test;

class SparseServingTest {

  private static final Split BLOBS = Fixtures.blobs(400, 8, 3, 0.8, 7).split(0.25, 1);
  private static final TrainedModel MODEL = Model.mlp(8, 64, 32, 3).train(BLOBS.train(),
      Train.epochs(3).batchSize(32).adam(1e-2).listener(TrainingListener.NONE));

  @Test
  void a_highly_pruned_model_serves_single_rows_on_the_heap_kernel_with_the_same_logits() {
    PrunedModel p = MODEL.prune(0.9);
    float[] engine = p.logits(BLOBS.test());
    try (Predictor predictor = p.predictor()) {
      assertEquals("hone-sparse", predictor.runtimeFor(1));
      assertEquals("onnxruntime", predictor.runtimeFor(256));
      for (int r = 0; r < BLOBS.test().size(); r++) {
        float[] one = predictor.logits(BLOBS.test().row(r), 1);
        for (int c = 0; c < 3; c++) {
          assertEquals(engine[r * 3 + c], one[c], 1e-4f, "row " + r + ", class " + c);
        }
      }
    }
  }

  @Test
  void one_predictor_answers_calls_of_changing_size_as_fresh_ones_do() {
    float[] all = MODEL.logits(BLOBS.test());
    try (Predictor p = MODEL.predictor()) {
      for (int rows : new int[] {7, 2, 30, 1, 7}) {
        float[] x = new float[rows * 8];
        BLOBS.test().featureBuffer().get(0, x);
        float[] out = p.logits(x, rows);
        for (int i = 0; i < out.length; i++) {
          assertEquals(all[i], out[i], 1e-5f, rows + " rows, logit " + i);
        }
      }
    }
  }

  @Test
  void every_activation_gives_the_same_logits_on_the_heap_kernel_as_on_the_engine() {
    for (var act : dev.hone.layer.Activation.values()) {
      PrunedModel p = Model.mlp(8, 64, 32, 3).activation(act).train(BLOBS.train(),
          Train.epochs(2).batchSize(32).adam(1e-2).listener(TrainingListener.NONE)).prune(0.9);
      float[] engine = p.logits(BLOBS.test());
      try (Predictor predictor = p.predictor()) {
        for (int r = 0; r < 20; r++) {
          float[] one = predictor.logits(BLOBS.test().row(r), 1);
          for (int c = 0; c < 3; c++) {
            assertEquals(engine[r * 3 + c], one[c], 1e-4f, act + ", row " + r + ", class " + c);
          }
        }
      }
    }
  }

  @Test
  void a_non_finite_feature_is_named_on_both_runtimes() {
    float[] row = BLOBS.test().row(0);
    row[2] = Float.NaN;
    for (Network m : java.util.List.of(MODEL, MODEL.prune(0.9))) {
      try (Predictor p = m.predictor()) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> p.logits(row, 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("row 0, feature 2"),
            p.runtimeFor(1) + ": " + e.getMessage());
      }
    }
  }

  @Test
  void dense_and_lightly_pruned_models_run_on_onnx_runtime_on_the_cpu() {
    try (Predictor dense = MODEL.predictor(); Predictor half = MODEL.prune(0.5).predictor()) {
      assertEquals("onnxruntime", dense.runtimeFor(1));
      assertEquals("onnxruntime", half.runtimeFor(1));
    }
  }
}
