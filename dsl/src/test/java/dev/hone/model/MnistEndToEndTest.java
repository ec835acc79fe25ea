package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.train.Train;
import org.junit.jupiter.api.Test;

/** The main job's promise, on the real bundled digits. */
class MnistEndToEndTest {

  @Test
  void mlp_reaches_093_test_accuracy_after_five_epochs_of_adam_on_bundled_mnist() {
    Split mnist = Datasets.mnist().standardized();
    assertEquals(8000, mnist.train().size());
    TrainedModel m = Model.mlp(784, 128, 64, 10)
        .train(mnist.train(), Train.epochs(5).batchSize(128).adam(1e-3));
    Evaluation e = m.evaluate(mnist.test());
    assertTrue(e.accuracy() >= 0.93, e.toString());
    assertEquals(2000, e.samples());
    for (double perClass : e.perClassAccuracy()) {
      assertTrue(perClass > 0.8, "every digit is learned: " + perClass);
    }
  }
}
