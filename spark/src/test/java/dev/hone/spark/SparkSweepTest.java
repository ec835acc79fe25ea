package dev.hone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.model.MlpSpec;
import dev.hone.model.Model;
import dev.hone.quant.Precision;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkSweepTest {

  private static final MlpSpec SPEC = Model.mlp(784, 16, 10);
  private static final TrainConfig BASE = Train.epochs(1).seed(7);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = HoneSpark.local(2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SparkSweep sweep(Grid grid) {
    return SparkSweep.of(SPEC, BASE).grid(grid).latency(20, 200);
  }

  @Test
  void a_grid_runs_as_spark_tasks_and_gathers_into_one_table_with_its_fronts() {
    var grid = Grid.of().prune(0, 0.7).precision(Precision.FP32, Precision.INT8);
    SparkSweepResult r = sweep(grid).run(spark, Fixtures.smallTrain(), Fixtures.smallTest());
    assertEquals(4, r.entries().size());
    assertTrue(r.failed().isEmpty(), r.toString());
    for (SparkSweepResult.Entry e : r.entries()) {
      assertTrue(e.accuracy() > 0.5, e.toString());
      assertTrue(e.fileBytes() > 0 && e.latencyP50Micros() > 0, e.toString());
    }
    // prune 0.7 + INT8 is the smallest file, and nothing smaller beats it: it is on the front.
    SparkSweepResult.Entry smallest = r.entries().get(3);
    assertEquals(new Variant(0.7, Precision.INT8, 64, 1e-3), smallest.variant());
    assertTrue(r.entries().stream().allMatch(e -> e.fileBytes() >= smallest.fileBytes()));
    assertEquals(smallest, r.pareto().get(0));
    assertTrue(r.pareto().stream().allMatch(e -> e.succeeded()));
    assertFalse(r.paretoLatency().isEmpty());
    var model = smallest.model();
    assertEquals("quantized", model.form());
    assertTrue(model.provenance().toString().contains("prune"), model.provenance().toString());

    var table = r.toTable();
    assertEquals(4, table.rowCount());
    assertEquals(SparkSweepResult.COLUMNS, table.columnNames());
    assertTrue(table.booleanColumn("front_bytes").get(3));
    var frame = r.toDataFrame(spark);
    assertEquals(4, frame.count());
    assertEquals(SparkSweepResult.COLUMNS, List.of(frame.columns()));
    assertEquals(1, frame.filter("precision = 'INT8' AND prune = 0.7").count());
    assertTrue(r.toMimeBundle().get("text/html").contains("prune=0.7 INT8 b=64 lr=0.001"));
  }

  @Test
  void a_task_that_throws_once_is_retried_by_spark_and_the_sweep_completes() {
    var grid = Grid.of().learningRate(1e-3, 3e-3);
    SparkSweepResult r = sweep(grid).failingFirstAttempt(1)
        .run(spark, Fixtures.smallTrain(), Fixtures.smallTest());
    assertTrue(r.failed().isEmpty(), r.toString());
    assertEquals(0, r.entries().get(0).attempt());
    assertEquals(1, r.entries().get(1).attempt(), "variant 1 succeeded on its second attempt");
    assertTrue(r.entries().get(1).accuracy() > 0.5);
  }

  @Test
  void an_invalid_variant_fails_alone_with_its_error_in_the_table() {
    var variants = List.of(new Variant(0.5, Precision.FP32, 64, 1e-3),
        new Variant(1.5, Precision.FP32, 64, 1e-3));
    SparkSweepResult r = SparkSweep.of(SPEC, BASE).variants(variants).latency(20, 200)
        .run(spark, Fixtures.smallTrain(), Fixtures.smallTest());
    assertTrue(r.entries().get(0).succeeded());
    SparkSweepResult.Entry bad = r.entries().get(1);
    assertFalse(bad.succeeded());
    assertTrue(bad.error().get().contains("1.5"), bad.error().get());
    assertEquals(0, bad.attempt(), "bad parameters are not retried");
    assertEquals(List.of(r.entries().get(0)), r.pareto());
    assertTrue(r.toTable().stringColumn("error").get(1).contains("1.5"));
    var e = assertThrows(IllegalStateException.class, bad::model);
    assertTrue(e.getMessage().contains("failed"), e.getMessage());
  }

  @Test
  void an_empty_grid_is_an_error_that_says_what_to_give() {
    var e = assertThrows(IllegalArgumentException.class, () -> sweep(Grid.of().prune())
        .run(spark, Fixtures.smallTrain(), Fixtures.smallTest()));
    assertTrue(e.getMessage().startsWith("the sweep has no variants"), e.getMessage());
  }

  @Test
  void data_that_does_not_fit_the_spec_is_refused_before_any_task_runs() {
    var e = assertThrows(IllegalArgumentException.class, () -> SparkSweep.of(Model.mlp(100, 10),
        BASE).grid(Grid.of()).run(spark, Fixtures.smallTrain(), Fixtures.smallTest()));
    assertTrue(e.getMessage().contains("784"), e.getMessage());
  }

  @Test
  void a_spark_sweep_trains_the_same_models_as_a_serial_one() {
    var s = sweep(Grid.of().prune(0.5));
    var onSpark = s.run(spark, Fixtures.smallTrain(), Fixtures.smallTest());
    var here = s.runHere(Fixtures.smallTrain(), Fixtures.smallTest());
    assertEquals(here.entries().get(0).accuracy(), onSpark.entries().get(0).accuracy());
    // Same weights, so the same loss to the bit (file bytes differ: history holds timings).
    assertEquals(here.entries().get(0).loss(), onSpark.entries().get(0).loss());
  }
}
