/**
 * Hone on Apache Spark: batch inference of any Hone model over a DataFrame
 * ({@link dev.hone.spark.BatchPredict}), sweeps of compression variants as Spark tasks
 * ({@link dev.hone.spark.SparkSweep}), data-parallel training with parameter averaging
 * ({@link dev.hone.spark.SparkTraining}), and sessions whose master is checked first
 * ({@link dev.hone.spark.HoneSpark}). Models and data travel to executors as bytes and arrays;
 * no user code is serialized, so the same calls work from JShell and notebooks.
 *
 * <pre>{@code
 * SparkSession spark = HoneSpark.local(2);
 * var frame = SparkData.frame(spark, mnist.test());
 * BatchPredict.of(model.quantize(INT8)).apply(frame).write().parquet("/tmp/predictions");
 * }</pre>
 */
package dev.hone.spark;
