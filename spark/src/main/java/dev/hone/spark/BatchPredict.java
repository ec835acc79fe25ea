package dev.hone.spark;

import dev.hone.model.Network;
import dev.hone.runtime.Serving;
import dev.hone.spark.internal.FeatureArrays;
import dev.hone.spark.internal.JobFailures;
import dev.hone.spark.internal.ModelBytes;
import dev.hone.spark.internal.PredictPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag$;

/**
 * Batch inference of a Hone model (dense, pruned, clustered or quantized) over a Spark
 * DataFrame. The model travels once per executor as the bytes of its {@code .hone} file (a
 * broadcast), and each partition opens one predictor and streams its rows through it in
 * batches: no model load or predictor per row. The runtime is the one Hone picks for the form
 * (ONNX Runtime for INT8, for example), as {@link Network#predictor()} does. An immutable value.
 *
 * <pre>{@code
 * var frame = SparkData.frame(spark, fashion.test());
 * BatchPredict.of(model.prune(0.5).quantize(INT8))
 *     .writeParquet(frame, "/tmp/predictions");   // id, label, prediction
 * }</pre>
 */
public final class BatchPredict {

  /** The column that holds each row's predicted class. */
  public static final String PREDICTION = "prediction";
  /** Rows per predictor call unless {@link #batch(int)} says otherwise. */
  public static final int DEFAULT_BATCH = 512;

  private final Network model;
  private final String features;
  private final int batch;
  private final int threads;

  private BatchPredict(Network model, String features, int batch, int threads) {
    this.model = Objects.requireNonNull(model, "model");
    this.features = Objects.requireNonNull(features, "features");
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be > 0, was " + batch);
    }
    Serving.auto().threads(threads); // checks the range
    this.batch = batch;
    this.threads = threads;
  }

  /**
   * Returns a batch prediction of the model over the {@code features} column in batches of
   * {@link #DEFAULT_BATCH} rows.
   *
   * <pre>{@code
   * BatchPredict p = BatchPredict.of(model);
   * }</pre>
   *
   * @param model any trained Hone model
   * @return the batch prediction
   */
  public static BatchPredict of(Network model) {
    return new BatchPredict(model, SparkData.FEATURES, DEFAULT_BATCH, 1);
  }

  /**
   * Returns a copy that reads another feature column.
   *
   * <pre>{@code
   * BatchPredict.of(model).features("pixels").apply(frame);
   * }</pre>
   *
   * @param column a column of {@code array<float>} or {@code array<double>}
   * @return the copy
   */
  public BatchPredict features(String column) {
    return new BatchPredict(model, column, batch, threads);
  }

  /**
   * Returns a copy that predicts this many rows per call.
   *
   * <pre>{@code
   * BatchPredict.of(model).batch(1024).apply(frame);
   * }</pre>
   *
   * @param rows rows per predictor call, > 0
   * @return the copy
   * @throws IllegalArgumentException when rows is not positive
   */
  public BatchPredict batch(int rows) {
    return new BatchPredict(model, features, rows, threads);
  }

  /**
   * Returns a copy whose predictors use this many runtime threads each. The default is 1: Spark
   * runs one task per core, so one thread per predictor keeps the cores busy without
   * oversubscribing them.
   *
   * <pre>{@code
   * BatchPredict.of(model).threads(4).apply(frame);   // executors with 4 cores per task
   * }</pre>
   *
   * @param count intra-op threads per predictor, 0 for the runtime's default
   * @return the copy
   * @throws IllegalArgumentException when count is out of range
   */
  public BatchPredict threads(int count) {
    return new BatchPredict(model, features, batch, count);
  }

  /** Returns the model this predicts with. */
  public Network model() {
    return model;
  }

  /**
   * Returns the frame's rows with their predictions: every column except the features, then
   * {@link #PREDICTION} (int). Lazy, as Spark transformations are: the work runs when an action
   * (a write, a count) asks for it. A row whose feature array has another width than the model's
   * inputs fails its task with an error naming both widths. A dynamically quantized INT8 model
   * scales activations per call, so its predictions depend on the batch (as they do locally with
   * the same batches).
   *
   * <pre>{@code
   * var predicted = BatchPredict.of(model).apply(frame);
   * predicted.filter("prediction != label").count();
   * }</pre>
   *
   * @param frame rows with the feature column
   * @return the predicted rows
   * @throws IllegalArgumentException naming the column when it is missing or not an array of
   *     numbers
   */
  public org.apache.spark.sql.Dataset<Row> apply(org.apache.spark.sql.Dataset<Row> frame) {
    Objects.requireNonNull(frame, "frame");
    StructType schema = frame.schema();
    int column = FeatureArrays.checkColumn(schema, features);
    List<StructField> out = new ArrayList<>();
    int[] keep = new int[schema.fields().length - 1];
    int k = 0;
    for (int i = 0; i < schema.fields().length; i++) {
      if (i != column) {
        keep[k++] = i;
        out.add(schema.fields()[i]);
      }
    }
    if (schema.getFieldIndex(PREDICTION).isDefined()) {
      throw new IllegalArgumentException("the DataFrame already has a '" + PREDICTION
          + "' column; drop or rename it first");
    }
    out.add(DataTypes.createStructField(PREDICTION, DataTypes.IntegerType, false));
    Broadcast<byte[]> bytes = frame.sparkSession().sparkContext().broadcast(
        ModelBytes.of(model), ClassTag$.MODULE$.apply(byte[].class));
    boolean doubles = ((ArrayType) schema.fields()[column].dataType()).elementType()
        .equals(DataTypes.DoubleType);
    DataType[] keepTypes = new DataType[keep.length];
    for (int i = 0; i < keep.length; i++) {
      keepTypes[i] = schema.fields()[keep[i]].dataType();
    }
    // Spark's internal rows, read and written without the public Row conversion (see
    // PredictPartition); the classic session is what runs DataFrames on executors.
    RDD<InternalRow> rows = ((org.apache.spark.sql.classic.Dataset<Row>) frame).queryExecution()
        .toRdd();
    JavaRDD<InternalRow> predicted = rows.toJavaRDD().mapPartitions(new PredictPartition(bytes,
        column, features, doubles, keep, keepTypes, batch, threads));
    return ((org.apache.spark.sql.classic.SparkSession) frame.sparkSession())
        .internalCreateDataFrame(predicted.rdd(), new StructType(out.toArray(
            StructField[]::new)), false);
  }

  /**
   * Predicts every row and writes the result (see {@link #apply}) to Parquet, replacing what is
   * at the path.
   *
   * <pre>{@code
   * long rows = BatchPredict.of(model).writeParquet(frame, "/tmp/predictions");
   * }</pre>
   *
   * @param frame rows with the feature column
   * @param path a directory path Spark can write (local, HDFS, S3...)
   * @return the number of rows written
   * @throws IllegalArgumentException naming the widths when a row does not fit the model, or the
   *     column when it is missing or not an array of numbers
   */
  public long writeParquet(org.apache.spark.sql.Dataset<Row> frame, String path) {
    Objects.requireNonNull(path, "path");
    var predicted = apply(frame);
    checkFirstRowWidth(frame);
    return JobFailures.run(() -> {
      predicted.write().mode(SaveMode.Overwrite).parquet(path);
      return frame.sparkSession().read().parquet(path).count();
    });
  }

  /**
   * A frame of the wrong width is usually wrong in every row: reading one row on the driver
   * says so at once, instead of after every task has failed and been retried.
   */
  private void checkFirstRowWidth(org.apache.spark.sql.Dataset<Row> frame) {
    List<Row> first = JobFailures.run(() -> frame.select(functions.size(functions.col(
        "`" + features + "`"))).limit(1).collectAsList());
    int inputs = model.spec().inputs();
    if (!first.isEmpty() && !first.get(0).isNullAt(0) && first.get(0).getInt(0) != inputs) {
      throw new IllegalArgumentException("feature column '" + features + "' has a row of "
          + first.get(0).getInt(0) + " values, but the model takes " + inputs
          + " features per row");
    }
  }
}
