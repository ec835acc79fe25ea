package dev.hone.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.augment.Augmentation;
import dev.hone.layer.Activation;
import dev.hone.layer.Dense;
import dev.hone.model.Model;
import dev.hone.runtime.Device;
import dev.hone.train.DataParallel;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataParallelTest {

  private static final Dataset ROWS = Datasets.mnist().standardized().train().take(600);

  private static TrainConfig quiet(int epochs, int batch) {
    return Train.epochs(epochs).batchSize(batch).device(Device.cpu()).seed(11)
        .listener(TrainingListener.NONE);
  }

  private static List<Dense> train(TrainConfig c, Dataset data, boolean copyReplicas) {
    return train(List.of(784, 32, 10), c, data, copyReplicas);
  }

  private static List<Dense> train(List<Integer> widths, TrainConfig c, Dataset data,
      boolean copyReplicas) {
    List<Dense> init = MlpTrainer.initialLayers(widths, Activation.RELU, 5);
    return MlpTrainer.train(Activation.RELU, init, data, c, Objective.CROSS_ENTROPY,
        StepHook.NONE, "test", copyReplicas).layers();
  }

  private static double maxDifference(List<Dense> a, List<Dense> b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      float[] wa = a.get(i).weights();
      float[] wb = b.get(i).weights();
      for (int k = 0; k < wa.length; k++) {
        max = Math.max(max, Math.abs(wa[k] - wb[k]));
      }
      float[] ba = a.get(i).biases();
      float[] bb = b.get(i).biases();
      for (int k = 0; k < ba.length; k++) {
        max = Math.max(max, Math.abs(ba[k] - bb[k]));
      }
    }
    return max;
  }

  @Test
  void shards_of_one_batch_give_the_whole_batch_update_within_float_tolerance() {
    // One SGD step with lr 1 over one batch of 60 rows: the weight change is the gradient, so
    // this compares the averaged shard gradients with the whole batch's. 7 replicas cut 60 rows
    // into uneven shards (9,9,9,9,8,8,8), which only a mean weighted by shard size gets right.
    Dataset batch = ROWS.take(60);
    List<Dense> before = MlpTrainer.initialLayers(List.of(784, 32, 10), Activation.RELU, 5);
    List<Dense> whole = train(quiet(1, 60).sgd(1.0), batch, false);
    double moved = maxDifference(before, whole);
    assertTrue(moved > 1e-3, "the step moved the weights by " + moved);
    for (int replicas : new int[] {2, 3, 7}) {
      List<Dense> split = train(quiet(1, 60).sgd(1.0).dataParallel(replicas), batch, false);
      double diff = maxDifference(whole, split);
      assertTrue(diff < 1e-5, replicas + " replicas: gradient differs by " + diff
          + " (the step moved weights by " + moved + ")");
    }
  }

  @Test
  void replicas_with_their_own_weight_copies_give_the_same_update() {
    // The path replicas on other GPUs take (own copies, refreshed after each step), on the CPU.
    TrainConfig c = quiet(2, 50).adam(1e-3).dataParallel(3);
    List<Dense> shared = train(c, ROWS, false);
    List<Dense> copied = train(c, ROWS, true);
    List<Dense> single = train(quiet(2, 50).adam(1e-3), ROWS, false);
    assertTrue(maxDifference(shared, copied) < 1e-6, "copies differ from shared memory by "
        + maxDifference(shared, copied));
    // 24 Adam steps amplify rounding where a gradient is near zero; still far below a step's size.
    assertTrue(maxDifference(single, shared) < 1e-4, "3 replicas differ from 1 by "
        + maxDifference(single, shared));
  }

  @Test
  void the_update_split_across_replica_threads_matches_one_thread_doing_it_bit_for_bit() {
    // Shared-memory replicas cut the backup, gradient sum and update by rows across their
    // threads; replicas with their own copies leave all of it to one thread. Every optimizer
    // path (in-place Adam, fused Adam with decay, array-op momentum) must agree exactly.
    // The 300x33 layer puts the split points of a row split off the engine's vector width,
    // where its kernels switch between vector and scalar code.
    TrainConfig[] configs = {quiet(2, 50).adam(1e-3), quiet(2, 50).adamW(1e-3, 0.01),
        quiet(2, 50).momentum(0.05, 0.9).weightDecay(1e-4)};
    for (TrainConfig base : configs) {
      for (int replicas : new int[] {2, 3}) {
        TrainConfig c = base.dataParallel(replicas);
        List<Integer> widths = List.of(784, 33, 300, 10);
        List<Dense> split = train(widths, c, ROWS, false);
        List<Dense> whole = train(widths, c, ROWS, true);
        for (int i = 0; i < split.size(); i++) {
          assertArrayEquals(whole.get(i).weights(), split.get(i).weights(),
              replicas + " replicas, layer " + i + ", " + c);
          assertArrayEquals(whole.get(i).biases(), split.get(i).biases());
        }
      }
    }
  }

  @Test
  void the_engines_thread_count_is_restored_after_a_data_parallel_run() {
    int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    train(quiet(1, 100).sgd(0.1).dataParallel(2), ROWS, false);
    assertEquals(before, ai.djl.pytorch.jni.JniUtils.getNumThreads());
  }

  @Test
  void two_replicas_give_bit_identical_weights_for_the_same_seed() {
    TrainConfig c = quiet(2, 64).adam(1e-3).dataParallel(2);
    List<Dense> a = train(c, ROWS, false);
    List<Dense> b = train(c, ROWS, false);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).weights(), b.get(i).weights());
      assertArrayEquals(a.get(i).biases(), b.get(i).biases());
    }
  }

  @Test
  void data_parallel_training_learns_and_records_itself_in_the_provenance() {
    var m = Model.mlp(784, 32, 10).train(ROWS, quiet(3, 64).adam(1e-3).dataParallel(2));
    var epochs = m.history().epochs();
    assertTrue(epochs.get(2).trainLoss() < epochs.get(0).trainLoss(), "loss did not fall");
    assertTrue(m.provenance().toString().contains("data_parallel=2"), m.provenance().toString());
  }

  @Test
  void a_last_batch_smaller_than_the_replica_count_uses_fewer_replicas() {
    // 601 rows in batches of 100: the last batch has 1 row for 4 replicas.
    Dataset rows = Datasets.mnist().standardized().train().take(601);
    List<Dense> four = train(quiet(1, 100).sgd(0.1).dataParallel(4), rows, false);
    List<Dense> one = train(quiet(1, 100).sgd(0.1), rows, false);
    assertTrue(maxDifference(one, four) < 1e-5, "differs by " + maxDifference(one, four));
  }

  @Test
  void augmented_batches_are_sharded_after_augmentation() {
    TrainConfig c = quiet(1, 100).sgd(0.1)
        .augment(Augmentation.images(28, 28).crop(2).rotate(10));
    List<Dense> one = train(c, ROWS, false);
    List<Dense> two = train(c.dataParallel(2), ROWS, false);
    assertTrue(maxDifference(one, two) < 1e-5, "differs by " + maxDifference(one, two));
  }

  @Test
  void more_replicas_than_rows_in_a_batch_is_refused_naming_both() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Train.epochs(1).batchSize(4).dataParallel(8));
    assertTrue(e.getMessage().contains("8 replicas") && e.getMessage().contains("4 rows"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Train.epochs(1).dataParallel(0));
  }

  @Test
  void a_batch_size_of_zero_or_larger_than_the_data_is_refused() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> Train.epochs(1).batchSize(0));
    assertEquals("batchSize must be > 0, was 0", zero.getMessage());
    IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
        () -> Model.mlp(784, 16, 10).train(ROWS.take(50), quiet(1, 64)));
    assertTrue(large.getMessage().contains("batchSize 64 is larger than the 50 training rows"),
        large.getMessage());
  }

  @Test
  void a_gpu_replica_where_the_engine_sees_none_says_what_it_found() {
    List<Device> found = DataParallel.availableDevices();
    assertEquals(Device.cpu(), found.get(0));
    int gpus = found.size() - 1;
    TrainConfig c = quiet(1, 64).dataParallel(Device.gpu(gpus), Device.gpu(gpus + 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Model.mlp(784, 16, 10).train(ROWS, c));
    assertTrue(e.getMessage().contains("dataParallel(gpu:" + gpus) && e.getMessage()
        .contains("engine sees " + gpus + " GPU(s)") && e.getMessage().contains(found.toString()),
        e.getMessage());
  }

  @Test
  void devices_must_match_the_replica_count_and_be_named() {
    assertThrows(IllegalArgumentException.class,
        () -> new DataParallel(3, List.of(Device.cpu(), Device.cpu())));
    assertThrows(IllegalArgumentException.class, () -> DataParallel.on(Device.auto()));
    assertThrows(IllegalArgumentException.class, () -> DataParallel.on());
  }
}
