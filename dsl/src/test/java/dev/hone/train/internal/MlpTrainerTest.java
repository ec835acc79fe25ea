package dev.hone.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.layer.Dense;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.model.TrainingDivergedException;
import dev.hone.runtime.internal.Engines;
import dev.hone.train.Optimizer;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTrainerTest {

  private static final Split MNIST = Datasets.mnist().standardized();

  private static TrainConfig quiet(int epochs) {
    return Train.epochs(epochs).batchSize(128).listener(TrainingListener.NONE);
  }

  @Test
  void adam_for_5_epochs_on_bundled_mnist_reaches_093_test_accuracy() {
    TrainedModel m = Model.mlp(784, 128, 64, 10).train(MNIST.train(), quiet(5).adam(1e-3).seed(42));
    double accuracy = m.evaluate(MNIST.test()).accuracy();
    assertTrue(accuracy >= 0.93, "test accuracy " + accuracy);
  }

  @Test
  void the_same_seed_gives_bit_identical_weights() {
    Dataset small = MNIST.train().take(1000);
    TrainConfig c = quiet(2).adam(1e-3).seed(7);
    List<Dense> a = Model.mlp(784, 32, 10).train(small, c).denseLayers();
    List<Dense> b = Model.mlp(784, 32, 10).train(small, c).denseLayers();
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).weights(), b.get(i).weights());
      assertArrayEquals(a.get(i).biases(), b.get(i).biases());
    }
  }

  @Test
  void every_optimizer_lowers_the_training_loss() {
    Dataset small = MNIST.train().take(1000);
    TrainConfig base = quiet(3).seed(3);
    for (TrainConfig c : List.of(base.sgd(0.05), base.sgd(0.05).weightDecay(1e-4),
        base.momentum(0.05, 0.9), base.nesterov(0.05, 0.9), base.adam(1e-3),
        base.adam(1e-3).weightDecay(1e-4), base.adamW(1e-3, 0.01),
        base.adamW(1e-3, 0.01).weightDecay(1e-4), base.rmsProp(1e-3), base.adagrad(0.01))) {
      var epochs = Model.mlp(784, 32, 10).train(small, c).history().epochs();
      double first = epochs.get(0).trainLoss();
      double last = epochs.get(epochs.size() - 1).trainLoss();
      assertTrue(last < first, c.describe() + ": loss went from " + first + " to " + last);
    }
  }

  @Test
  void a_diverging_run_keeps_the_last_weights_that_gave_a_finite_loss() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Model.mlp(784, 32, 10).train(MNIST.train().take(1000), quiet(5).sgd(1e6)));
    for (var d : e.lastGoodModel().layers()) {
      for (float w : d.weights()) {
        assertTrue(Float.isFinite(w), "a kept weight is " + w);
      }
    }
    double loss = e.lastGoodModel().evaluate(MNIST.test()).loss();
    assertTrue(Double.isFinite(loss), "kept model's loss " + loss);
  }

  @Test
  void fused_native_updates_follow_the_same_rules_as_the_array_op_updates() {
    List<Optimizer> rules = List.of(new Optimizer.Adam(1e-3), new Optimizer.Adam(3e-3, 0.8,
        0.99, 1e-6, 0.01), new Optimizer.Sgd(0.1));
    for (Optimizer rule : rules) {
      for (double l2 : new double[] {0, 1e-3}) {
        if (!Updater.fusable(rule, l2)) {
          continue;
        }
        try (NDManager m = Engines.engine().newBaseManager()) {
          Engines.gradMode(false);
          SplittableRandom r = new SplittableRandom(11);
          float[] w0 = randoms(r, 300);
          NDArray[] heap = {m.create(w0, new Shape(20, 15))};
          NDArray[] engine = {m.create(w0, new Shape(20, 15))};
          NDArray[] plain = {m.create(w0, new Shape(20, 15))};
          // The default (Adam on the Java heap for CPU parameters), and the engine's in-place
          // Adam on every parameter where it applies (by default it serves large GPU ones).
          Updater h = new Updater(rule, l2, heap, m, true, Updater.IN_PLACE_MIN_SIZE);
          Updater e = new Updater(rule, l2, engine, m, true, 0, false);
          Updater p = new Updater(rule, l2, plain, m, false);
          for (int step = 0; step < 30; step++) {
            NDArray g = m.create(randoms(r, 300), new Shape(20, 15));
            h.apply(heap, new NDArray[] {g}, rule.learningRate());
            e.apply(engine, new NDArray[] {g}, rule.learningRate());
            p.apply(plain, new NDArray[] {g}, rule.learningRate());
            g.close();
          }
          float[] b = plain[0].toFloatArray();
          for (NDArray[] fused : List.of(heap, engine)) {
            float[] a = fused[0].toFloatArray();
            for (int i = 0; i < a.length; i++) {
              assertEquals(b[i], a[i], 1e-5 + 1e-5 * Math.abs(b[i]),
                  rule.describe() + " wd=" + l2 + " element " + i);
            }
            assertTrue(!java.util.Arrays.equals(a, w0), "the update changed nothing");
          }
        }
      }
    }
  }

  private static float[] randoms(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
