package dev.hone.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.data.Dataset;
import dev.hone.layer.Dense;
import dev.hone.model.Fixtures;
import dev.hone.model.MlpSpec;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.runtime.internal.Engines;
import dev.hone.runtime.internal.NativeMlp;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineParallelTest {

  private static final MlpSpec SPEC = Model.mlp(20, 16, 12, 4);
  private static final Dataset DATA = Fixtures.blobs(300, 20, 4, 1.5, 7);
  private static final TrainConfig QUIET = Train.epochs(1).batchSize(32)
      .listener(TrainingListener.NONE);

  @Test
  void every_split_gives_the_loss_and_gradients_of_the_unsplit_model() {
    TrainedModel model = SPEC.train(DATA, QUIET);
    Dataset batch = DATA.take(37);
    Reference want = unsplit(model, batch);
    for (int[] split : new int[][] {{3}, {1, 2}, {2, 1}, {1, 1, 1}}) {
      for (int micro : new int[] {1, 2, 4, 5}) {
        PipelineGradients got = PipelineParallel.of(SPEC).split(split).microBatches(micro)
            .gradients(model, batch);
        String what = java.util.Arrays.toString(split) + " x " + micro;
        assertEquals(want.loss, got.loss(), 1e-5, what);
        assertEquals(want.gradients.size(), got.gradients().size(), what);
        for (int p = 0; p < want.gradients.size(); p++) {
          float[] a = want.gradients.get(p);
          float[] b = got.gradients().get(p);
          assertEquals(a.length, b.length, what);
          double scale = 0;
          for (float v : a) {
            scale = Math.max(scale, Math.abs(v));
          }
          assertTrue(scale > 0, "parameter " + p + " has a gradient");
          for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5 * Math.max(1, scale),
                what + ": parameter " + p + " element " + i);
          }
        }
      }
    }
  }

  @Test
  void pipeline_training_reaches_the_weights_of_the_one_thread_trainer() {
    TrainConfig config = Train.epochs(2).batchSize(32).adam(3e-3).stepDecay(0.5, 1)
        .listener(TrainingListener.NONE);
    TrainedModel plain = SPEC.train(DATA, config);
    TrainedModel piped = PipelineParallel.of(SPEC).split(1, 2).microBatches(3).train(DATA, config);
    for (int l = 0; l < 3; l++) {
      Dense a = plain.denseLayers().get(l);
      Dense b = piped.denseLayers().get(l);
      for (int i = 0; i < a.weights().length; i++) {
        assertEquals(a.weights()[i], b.weights()[i], 1e-4, "layer " + l + " weight " + i);
      }
      for (int i = 0; i < a.biases().length; i++) {
        assertEquals(a.biases()[i], b.biases()[i], 1e-4, "layer " + l + " bias " + i);
      }
    }
    assertEquals(plain.history().last().trainLoss(), piped.history().last().trainLoss(), 1e-4);
    assertEquals(2, piped.history().epochs().size());
    assertTrue(piped.provenance().toString().contains("pipeline=stages=[1, 2], micro=3"),
        piped.provenance().toString());
    assertEquals(plain.evaluate(DATA).accuracy(), piped.evaluate(DATA).accuracy(), 0.01);
  }

  @Test
  void sgd_through_the_pipeline_matches_too() {
    TrainConfig config = Train.epochs(1).batchSize(50).sgd(0.1).listener(TrainingListener.NONE);
    TrainedModel plain = SPEC.train(DATA, config);
    TrainedModel piped = PipelineParallel.of(SPEC).stages(3).microBatches(2).train(DATA, config);
    float[] a = plain.denseLayers().get(0).weights();
    float[] b = piped.denseLayers().get(0).weights();
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-5);
    }
  }

  @Test
  void a_split_that_does_not_cover_the_layers_is_refused_with_the_layer_count() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> PipelineParallel.of(SPEC).split(1, 1));
    assertEquals("the stage split [1, 1] covers 2 layers but mlp(20,16,12,4) has 3; give layers"
        + " per stage that add up to 3, e.g. split(1, 2)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PipelineParallel.of(SPEC).split(2, 2));
    assertTrue(e.getMessage().contains("covers 4 layers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PipelineParallel.of(SPEC).split(3, 0));
    assertTrue(e.getMessage().contains("stage 1 of the split [3, 0] has 0 layers"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PipelineParallel.of(SPEC).stages(4));
    assertTrue(e.getMessage().contains("between 1 and the 3 layers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PipelineParallel.of(SPEC).microBatches(0));
    assertTrue(e.getMessage().contains("microBatches must be >= 1, was 0"), e.getMessage());
  }

  @Test
  void bad_batch_sizes_and_unsupported_settings_are_refused() {
    var e = assertThrows(IllegalArgumentException.class, () -> PipelineParallel.of(SPEC)
        .train(DATA, QUIET.batchSize(301)));
    assertTrue(e.getMessage().contains("batch size 301 is larger than the 300 rows"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PipelineParallel.of(SPEC).microBatches(8)
        .train(DATA, QUIET.batchSize(4)));
    assertTrue(e.getMessage().contains("8 micro-batches need at least 8 rows per batch"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PipelineParallel.of(SPEC)
        .train(DATA, QUIET.validation(0.1).rmsProp(1e-3)));
    assertTrue(e.getMessage().contains("validation(0.1)"), e.getMessage());
    assertTrue(e.getMessage().contains("rmsprop"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PipelineParallel.of(Model.mlp(21, 4))
        .train(DATA, QUIET));
    assertTrue(e.getMessage().contains("20 features per row"), e.getMessage());
  }

  @Test
  void stages_are_balanced_by_weight_count() {
    assertEquals(List.of(1, 2), PipelineParallel.of(Model.mlp(784, 128, 64, 10)).split());
    assertEquals(List.of(1, 1, 1), PipelineParallel.balanced(Model.mlp(10, 10, 10, 10), 3));
    assertEquals(List.of(2, 2), PipelineParallel.balanced(Model.mlp(10, 10, 10, 10, 10), 2));
    assertEquals(List.of(1), PipelineParallel.of(Model.mlp(10, 3)).split());
  }

  /** The unsplit model's loss and gradients, computed directly on the engine. */
  private record Reference(double loss, List<float[]> gradients) {}

  private static Reference unsplit(TrainedModel model, Dataset batch) {
    try (NDManager m = Engines.engine().newBaseManager()) {
      Engines.gradMode(false);
      NativeMlp mlp = new NativeMlp(model.layers(), model.spec().activation(), m);
      for (NDArray p : mlp.parameters()) {
        p.setRequiresGradient(true);
      }
      int rows = batch.size();
      float[] x = new float[rows * batch.featureCount()];
      batch.featureBuffer().get(0, x);
      long[] y = new long[rows];
      for (int r = 0; r < rows; r++) {
        y[r] = batch.label(r);
      }
      Engines.gradMode(true);
      NDArray logits = mlp.forward(m.create(x, new Shape(rows, batch.featureCount())));
      PtNDArray picked = JniUtils.gather(JniUtils.logSoftmax((PtNDArray) logits, 1,
          DataType.FLOAT32), (PtNDArray) m.create(y, new Shape(rows, 1)), 1);
      NDArray loss = JniUtils.mean(picked).neg();
      JniUtils.backward((PtNDArray) loss, (PtNDArray) m.create(1f), false, false);
      Engines.gradMode(false);
      List<float[]> grads = new ArrayList<>();
      NDArray[] params = mlp.parameters();
      for (int i = 0; i < params.length; i++) {
        float[] g = JniUtils.getGradient((PtNDArray) params[i]).toFloatArray();
        if (i % 2 == 0) {
          Shape s = params[i].getShape();
          g = transpose(g, (int) s.get(0), (int) s.get(1));
        }
        grads.add(g);
      }
      return new Reference(loss.getFloat(), grads);
    }
  }

  private static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }
}
