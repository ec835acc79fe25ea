package dev.hone.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Split;
import dev.hone.model.Fixtures;
import dev.hone.model.Model;
import dev.hone.model.Network;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import org.junit.jupiter.api.Test;

class ThroughputTest {

  private static final Split BLOBS = Fixtures.blobs(300, 8, 3, 0.6, 7).split(0.25, 1);
  private static final TrainedModel MODEL = Model.mlp(8, 16, 3).train(BLOBS.train(),
      Train.epochs(2).batchSize(32).listener(TrainingListener.NONE));

  @Test
  void throughput_is_batch_size_over_the_median_batch_time() {
    Throughput t = Throughput.measure(MODEL, BLOBS.test(), 32, 2, 5);
    assertEquals(32, t.batch());
    assertEquals(5, t.timedBatches());
    assertTrue(t.samplesPerSecond() > 0, t.toString());
    assertEquals(32 * 1e6 / t.medianMicrosPerBatch(), t.samplesPerSecond(),
        1e-6 * t.samplesPerSecond());
  }

  @Test
  void a_batch_larger_than_the_data_wraps_around_the_rows() {
    Throughput t = Throughput.measure(MODEL, BLOBS.test().take(10), 64, 0, 3);
    assertTrue(t.samplesPerSecond() > 0, t.toString());
  }

  @Test
  void a_pruned_model_is_measured_like_a_dense_one() {
    Network pruned = MODEL.prune(0.5);
    assertTrue(Throughput.measure(pruned, BLOBS.test(), 16, 1, 3).samplesPerSecond() > 0);
    assertTrue(Latency.measure(pruned, BLOBS.test().row(0), 1, 5).p50Micros() > 0);
  }

  @Test
  void counts_out_of_range_are_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Throughput.measure(MODEL, BLOBS.test(), 0, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Throughput.measure(MODEL, BLOBS.test(), 8, -1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Throughput.measure(MODEL, BLOBS.test(), 8, 1, 0));
  }

  @Test
  void data_that_does_not_fit_the_model_is_rejected() {
    var other = Fixtures.blobs(40, 5, 3, 0.6, 7);
    assertThrows(IllegalArgumentException.class,
        () -> Throughput.measure(MODEL, other, 8, 0, 1));
  }
}
