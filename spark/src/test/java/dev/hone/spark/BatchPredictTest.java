package dev.hone.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.model.Network;
import dev.hone.quant.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPredictTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = HoneSpark.local(2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Predictions read back from Parquet, ordered by id. */
  private static int[] predictionsIn(Path dir) {
    List<Row> rows = spark.read().parquet(dir.toString()).orderBy(SparkData.ID)
        .select(BatchPredict.PREDICTION).collectAsList();
    return rows.stream().mapToInt(r -> r.getInt(0)).toArray();
  }

  private static void predicts_like_the_model_itself(Network model, int batch, Path dir) {
    Dataset test = Fixtures.smallTest();
    var frame = SparkData.frame(spark, test, 3);
    long written = BatchPredict.of(model).batch(batch).writeParquet(frame, dir.toString());
    assertEquals(test.size(), written);
    int[] local = model.predict(test.rows());
    if (batch == 1) {
      try (var p = model.predictor()) {
        for (int i = 0; i < test.size(); i++) {
          local[i] = p.predict(test.row(i));
        }
      }
    }
    assertArrayEquals(local, predictionsIn(dir), model.form());
  }

  @Test
  void a_dense_model_predicts_every_row_as_it_does_locally(@TempDir Path dir) {
    predicts_like_the_model_itself(Fixtures.model(), 64, dir);
  }

  @Test
  void a_pruned_model_predicts_every_row_as_it_does_locally(@TempDir Path dir) {
    predicts_like_the_model_itself(Fixtures.model().prune(0.8), 64, dir);
  }

  @Test
  void an_int8_model_predicts_every_row_as_it_does_locally(@TempDir Path dir) {
    // Dynamic INT8 scales activations per call: compare row by row, batch 1 on both sides.
    predicts_like_the_model_itself(Fixtures.model().prune(0.5).quantize(Precision.INT8), 1, dir);
  }

  @Test
  void the_output_keeps_every_column_but_the_features(@TempDir Path dir) {
    var frame = SparkData.frame(spark, Fixtures.smallTest().take(50), 2);
    BatchPredict.of(Fixtures.model()).writeParquet(frame, dir.toString());
    var back = spark.read().parquet(dir.toString());
    assertEquals(List.of("id", "label", "prediction"), List.of(back.columns()));
    long right = back.filter("prediction = label").count();
    assertTrue(right > 25, "a trained model gets most digits right, got " + right + " of 50");
  }

  @Test
  void double_features_are_read_as_well() {
    Dataset test = Fixtures.smallTest().take(20);
    var schema = new StructType().add("pixels",
        DataTypes.createArrayType(DataTypes.DoubleType, true));
    List<Row> rows = new java.util.ArrayList<>();
    for (float[] r : test.rows()) {
      double[] d = new double[r.length];
      for (int i = 0; i < r.length; i++) {
        d[i] = r[i];
      }
      rows.add(RowFactory.create((Object) d));
    }
    var predicted = BatchPredict.of(Fixtures.model()).features("pixels")
        .apply(spark.createDataFrame(rows, schema)).collectAsList();
    int[] got = predicted.stream().mapToInt(r -> r.getInt(0)).toArray();
    assertArrayEquals(Fixtures.model().predict(test.rows()), got);
  }

  @Test
  void a_feature_column_of_the_wrong_width_is_an_error_naming_both_widths(@TempDir Path dir) {
    var schema = new StructType().add("id", DataTypes.LongType)
        .add("features", DataTypes.createArrayType(DataTypes.FloatType, false));
    var frame = spark.createDataFrame(List.of(RowFactory.create(1L, new float[100])), schema);
    var e = assertThrows(IllegalArgumentException.class,
        () -> BatchPredict.of(Fixtures.model()).writeParquet(frame, dir.toString()));
    assertTrue(e.getMessage().contains("'features' has a row of 100 values, but the model takes"
        + " 784 features per row"), e.getMessage());
  }

  @Test
  void a_missing_or_non_numeric_feature_column_is_an_error_naming_it() {
    var frame = SparkData.frame(spark, Fixtures.smallTest().take(10), 1);
    var missing = assertThrows(IllegalArgumentException.class,
        () -> BatchPredict.of(Fixtures.model()).features("pixels").apply(frame));
    assertTrue(missing.getMessage().contains("no column 'pixels'"), missing.getMessage());
    var wrongType = assertThrows(IllegalArgumentException.class,
        () -> BatchPredict.of(Fixtures.model()).features("label").apply(frame));
    assertTrue(wrongType.getMessage().contains("'label' is int; expected array<float>"),
        wrongType.getMessage());
  }

  @Test
  void a_batch_that_is_not_positive_is_refused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> BatchPredict.of(Fixtures.model()).batch(0));
    assertEquals("batch must be > 0, was 0", e.getMessage());
  }

  @Test
  void the_model_travels_as_its_file_bytes(@TempDir Path dir) throws Exception {
    Network q = Fixtures.model().quantize(Precision.INT8);
    Path file = dir.resolve("m.hone");
    q.save(file);
    assertArrayEquals(Files.readAllBytes(file), dev.hone.spark.internal.ModelBytes.of(q));
  }
}
