package dev.hone.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.model.MlpSpec;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkTrainingTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = HoneSpark.local(2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void one_partition_and_one_round_gives_the_weights_of_local_training() {
    MlpSpec spec = Model.mlp(784, 16, 10);
    TrainConfig config = Train.epochs(2).batchSize(64).seed(3).listener(TrainingListener.NONE);
    var data = Fixtures.smallTrain();
    TrainedModel local = spec.train(data, config);
    TrainedModel distributed = SparkTraining.of(spec, config).averageEvery(2)
        .fit(SparkData.frame(spark, data, 1));
    for (int l = 0; l < 2; l++) {
      assertArrayEquals(local.denseLayers().get(l).weights(),
          distributed.denseLayers().get(l).weights(), "layer " + l);
      assertArrayEquals(local.denseLayers().get(l).biases(),
          distributed.denseLayers().get(l).biases(), "layer " + l);
    }
    assertEquals(2, distributed.history().epochs().size());
    assertEquals(local.history().last().trainLoss(), distributed.history().last().trainLoss(),
        1e-12);
  }

  @Test
  void several_partitions_averaged_every_epoch_stay_within_a_point_of_local_training() {
    MlpSpec spec = Model.mlp(784, 64, 10);
    TrainConfig config = Train.epochs(8).batchSize(32).seed(5)
        .listener(TrainingListener.NONE);
    var mnist = Fixtures.mnist();
    double local = spec.train(mnist.train(), config).evaluate(mnist.test()).accuracy();
    SparkTraining.Run run = SparkTraining.of(spec, config)
        .run(SparkData.frame(spark, mnist.train(), 2));
    double distributed = run.model().evaluate(mnist.test()).accuracy();
    System.out.printf("MNIST test accuracy: local %.4f, 2 partitions averaged every epoch %.4f%n",
        local, distributed);
    assertTrue(Math.abs(local - distributed) <= 0.01, "local " + local + ", 2 partitions "
        + distributed);
    assertEquals(2, run.partitions());
    assertEquals(8, run.rounds());
    assertEquals(2L * 2 * spec.parameterCount() * Float.BYTES, run.bytesPerRound());
    String provenance = run.model().provenance().toString();
    assertTrue(provenance.startsWith("mlp(784,64,10) > spark_train(epochs=8"), provenance);
    assertTrue(provenance.contains("partitions=2") && provenance.contains("average_every=1"),
        provenance);
    assertEquals(8, run.model().history().epochs().size());
  }

  @Test
  void a_frame_without_the_label_column_is_refused_naming_it() {
    var frame = SparkData.frame(spark, Fixtures.smallTest().take(10), 1).drop("label");
    var e = assertThrows(IllegalArgumentException.class,
        () -> SparkTraining.of(Model.mlp(784, 10), Train.epochs(1)).fit(frame));
    assertTrue(e.getMessage().contains("no label column 'label'"), e.getMessage());
  }

  @Test
  void rows_of_the_wrong_width_are_refused_naming_both_widths() {
    var frame = SparkData.frame(spark, Fixtures.smallTest().take(10), 1);
    var e = assertThrows(IllegalArgumentException.class,
        () -> SparkTraining.of(Model.mlp(100, 10), Train.epochs(1)).fit(frame));
    assertTrue(e.getMessage().contains("a row of 784 values, but the model takes 100"),
        e.getMessage());
  }

  @Test
  void a_validation_split_is_refused_with_what_to_do_instead() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SparkTraining.of(Model.mlp(784, 10), Train.epochs(1).validation(0.1)));
    assertTrue(e.getMessage().contains("validate and prune the returned model on the driver"),
        e.getMessage());
  }
}
