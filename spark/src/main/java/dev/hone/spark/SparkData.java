package dev.hone.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Hone datasets as Spark DataFrames: one row per example, an {@code id} (long), the
 * {@code features} (an array of floats) and the {@code label} (int). This is the shape
 * {@link BatchPredict} reads and {@link SparkTraining} trains on.
 *
 * <pre>{@code
 * SparkSession spark = HoneSpark.local(2);
 * var frame = SparkData.frame(spark, Datasets.mnist().test());
 * frame.printSchema();   // id: long, features: array<float>, label: int
 * }</pre>
 */
public final class SparkData {

  /** The id column: the row's index in the Hone dataset. */
  public static final String ID = "id";
  /** The feature column: an array of floats, one per model input. */
  public static final String FEATURES = "features";
  /** The label column: the class index. */
  public static final String LABEL = "label";

  /** The schema {@link #frame} makes. */
  public static final StructType SCHEMA = new StructType(new StructField[] {
      new StructField(ID, DataTypes.LongType, false, Metadata.empty()),
      new StructField(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false,
          Metadata.empty()),
      new StructField(LABEL, DataTypes.IntegerType, false, Metadata.empty())});

  private SparkData() {}

  /**
   * Returns the dataset's rows as a DataFrame spread over the session's default parallelism.
   *
   * <pre>{@code
   * var frame = SparkData.frame(spark, mnist.test());
   * }</pre>
   *
   * @param spark the session
   * @param data the rows; they are copied to the driver's heap once
   * @return a DataFrame of id, features and label
   */
  public static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark,
      dev.hone.data.Dataset data) {
    return frame(spark, data, spark.sparkContext().defaultParallelism());
  }

  /**
   * Returns the dataset's rows as a DataFrame of the given number of partitions, in order:
   * partition 0 holds the first rows.
   *
   * <pre>{@code
   * var shards = SparkData.frame(spark, mnist.train(), 4);
   * }</pre>
   *
   * @param spark the session
   * @param data the rows
   * @param partitions how many partitions, > 0 and at most the number of rows
   * @return a DataFrame of id, features and label
   * @throws IllegalArgumentException when partitions is out of range
   */
  public static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark,
      dev.hone.data.Dataset data, int partitions) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(data, "data");
    if (partitions <= 0 || partitions > data.size()) {
      throw new IllegalArgumentException("partitions must be in 1.." + data.size() + " (the"
          + " rows of '" + data.name() + "'), was " + partitions);
    }
    List<Row> rows = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      rows.add(RowFactory.create((long) i, data.row(i), data.label(i)));
    }
    // parallelize slices the list into contiguous, ordered partitions without a shuffle.
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows, partitions), SCHEMA);
  }
}
