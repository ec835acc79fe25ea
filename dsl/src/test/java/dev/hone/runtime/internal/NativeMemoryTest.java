package dev.hone.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.hone.data.Split;
import dev.hone.model.Fixtures;
import dev.hone.model.Model;
import dev.hone.model.Predictor;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import org.junit.jupiter.api.Test;

/** A notebook that makes many variants must not leave engine arrays behind. */
class NativeMemoryTest {

  private static int liveArrays() {
    try (NDManager probe = Engines.engine().newBaseManager()) {
      // every base manager hangs off the engine's system manager, which counts all live arrays
      return probe.getParentManager().getManagedArrays().size();
    }
  }

  @Test
  void training_evaluating_and_predicting_leave_no_engine_array_alive() {
    Split data = Fixtures.blobs(200, 6, 3, 0.5, 4).split(0.25, 1);
    Model.mlp(6, 8, 3).train(data.train(), Train.epochs(1)).evaluate(data.test());
    int before = liveArrays();
    for (int i = 0; i < 5; i++) {
      TrainedModel m = Model.mlp(6, 8, 3).train(data.train(),
          Train.epochs(2).batchSize(16).validation(0.2).seed(i));
      m.evaluate(data.test());
      m.predict(data.test().rows());
      try (Predictor p = m.predictor()) {
        p.predict(data.test().row(0));
      }
    }
    assertEquals(before, liveArrays());
  }
}
