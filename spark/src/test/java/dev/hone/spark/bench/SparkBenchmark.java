package dev.hone.spark.bench;

import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.model.Model;
import dev.hone.model.Network;
import dev.hone.model.Predictor;
import dev.hone.quant.Precision;
import dev.hone.runtime.Serving;
import dev.hone.spark.BatchPredict;
import dev.hone.spark.Grid;
import dev.hone.spark.HoneSpark;
import dev.hone.spark.SparkData;
import dev.hone.spark.SparkTraining;
import dev.hone.spark.SparkSweep;
import dev.hone.spark.SparkSweepResult;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Prints the figures of the Spark integration next to their targets: a sweep of 8 variants on
 * local[2] against the same sweep run serially in this JVM (target 1.7x); batch inference of
 * Fashion-MNIST's 70,000 rows repeated 15 times (1,050,000 rows) on local[2] against a loop in
 * this JVM; and one parameter-averaging run's round times and bytes, the inputs of the scaling
 * estimate in BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -q -o -B -pl dsl,spark test-compile && mvn -q -o -B -pl spark exec:exec}
 * (the exec plugin adds Spark's JVM flags and {@code -Dai.djl.pytorch.num_threads=1}, so a
 * training uses one core in the serial sweep and in each Spark task alike).
 */
public final class SparkBenchmark {

  private SparkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    System.out.printf(Locale.ROOT, "Hone on Spark, %d cores, load average %.1f at start,"
        + " DJL num_threads=%s%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("ai.djl.pytorch.num_threads", "default"));
    long t0 = System.nanoTime();
    SparkSession spark = HoneSpark.local(2);
    System.out.printf(Locale.ROOT, "local[2] session start: %.1f s%n", since(t0));
    try {
      // A second argument picks one part: sweep, inference or averaging.
      String only = args.length > 1 ? args[1] : "all";
      if (only.equals("all") || only.equals("sweep")) {
        sweep(spark);
      }
      if (only.equals("all") || only.equals("inference")) {
        batchInference(spark, repeats);
      }
      if (only.equals("all") || only.equals("averaging")) {
        averaging(spark);
      }
    } finally {
      spark.stop();
    }
  }

  private static void sweep(SparkSession spark) {
    Split mnist = Datasets.mnist();
    SparkSweep sweep = SparkSweep.of(Model.mlp(784, 64, 10), Train.epochs(2).seed(42))
        .grid(Grid.of().prune(0, 0.7).precision(Precision.FP32, Precision.INT8)
            .learningRate(1e-3, 3e-3))
        .latency(200, 2000);
    // Warm both paths once (JIT, engine load) on a one-variant sweep.
    SparkSweep.of(Model.mlp(784, 64, 10), Train.epochs(1)).grid(Grid.of()).latency(10, 100)
        .run(spark, mnist.train().take(500), mnist.test().take(200));
    SparkSweepResult serial = sweep.runHere(mnist.train(), mnist.test());
    SparkSweepResult parallel = sweep.run(spark, mnist.train(), mnist.test());
    double speedup = serial.wallSeconds() / parallel.wallSeconds();
    System.out.printf(Locale.ROOT, "%nSweep of %d variants (784-64-10, 2 epochs on %,d MNIST"
        + " rows, measured on %,d):%n", sweep.variants().size(), mnist.train().size(),
        mnist.test().size());
    System.out.printf(Locale.ROOT, "  serial, this JVM: %6.1f s%n", serial.wallSeconds());
    System.out.printf(Locale.ROOT, "  Spark local[2]:   %6.1f s (tasks %.1f s in all, median task"
        + " %.1f s)%n", parallel.wallSeconds(), parallel.taskSeconds(),
        median(parallel.entries().stream().mapToDouble(SparkSweepResult.Entry::taskSeconds)
            .toArray()));
    System.out.printf(Locale.ROOT, "  speed-up %.2fx, target 1.70x: %s%n", speedup,
        speedup >= 1.7 ? "met" : "NOT met");
    System.out.println(parallel);
  }

  private static void batchInference(SparkSession spark, int repeats) throws Exception {
    Split fashion = Datasets.fashionMnist();
    Dataset all = concat(fashion.train(), fashion.test());
    var dense = Model.mlp(784, 128, 10).train(fashion.train(),
        Train.epochs(1).batchSize(128).listener(TrainingListener.NONE));
    long rows = (long) all.size() * repeats;
    System.out.printf(Locale.ROOT, "%nBatch inference: Fashion-MNIST's %,d rows x %d = %,d"
        + " rows, batch 512, 784-128-10%n", all.size(), repeats, rows);
    var base = SparkData.frame(spark, all, 8).cache();
    base.count();
    var frame = base.crossJoin(spark.range(repeats).withColumnRenamed("id", "rep"));
    Path out = Files.createTempDirectory("hone-spark-bench");
    for (Network model : List.<Network>of(dense, dense.quantize(Precision.INT8))) {
      double loop1 = loop(model, all, repeats, 1);
      double loop2 = loop(model, all, repeats, 2);
      BatchPredict p = BatchPredict.of(model);
      p.apply(frame).count(); // warm
      long t = System.nanoTime();
      long counted = p.apply(frame).count();
      double spark2 = since(t);
      t = System.nanoTime();
      p.writeParquet(frame.select(
          functions.col(SparkData.ID), functions.col("rep"), functions.col(SparkData.FEATURES)),
          out.toString());
      double parquet = since(t);
      if (counted != rows) {
        throw new IllegalStateException("counted " + counted + " rows, expected " + rows);
      }
      System.out.printf(Locale.ROOT, "  %s (%s):%n", model.form(), model.provenance());
      System.out.printf(Locale.ROOT, "    loop in this JVM, 1 thread:  %,10.0f rows/s%n",
          rows / loop1);
      System.out.printf(Locale.ROOT, "    loop in this JVM, 2 threads: %,10.0f rows/s%n",
          rows / loop2);
      System.out.printf(Locale.ROOT, "    Spark local[2], count:       %,10.0f rows/s (%.2fx the"
          + " 2-thread loop)%n", rows / spark2, loop2 / spark2);
      System.out.printf(Locale.ROOT, "    Spark local[2], to Parquet:  %,10.0f rows/s%n",
          rows / parquet);
      System.out.printf(Locale.ROOT, "    Spark's overhead per row: %.2f core-us (2 cores x %.2f"
          + " us on Spark minus 1 core x %.2f us in the 1-thread loop)%n",
          (2 * spark2 - loop1) / rows * 1e6, spark2 / rows * 1e6, loop1 / rows * 1e6);
    }
    base.unpersist();
  }

  /** Predicts the rows {@code repeats} times through one predictor, in batches of 512. */
  private static double loop(Network model, Dataset data, int repeats, int threads) {
    int width = data.featureCount();
    float[] flat = new float[data.size() * width];
    data.featureBuffer().get(0, flat);
    long checksum = 0;
    try (Predictor p = model.predictor(Serving.auto().threads(threads))) {
      for (int warm = 0; warm < 20; warm++) {
        p.logits(Arrays.copyOfRange(flat, 0, 512 * width), 512);
      }
      long t = System.nanoTime();
      for (int r = 0; r < repeats; r++) {
        for (int start = 0; start < data.size(); start += 512) {
          int n = Math.min(512, data.size() - start);
          float[] x = Arrays.copyOfRange(flat, start * width, (start + n) * width);
          checksum += p.logits(x, n).length;
        }
      }
      double s = since(t);
      if (checksum == 0) {
        throw new IllegalStateException("no logits");
      }
      return s;
    }
  }

  private static void averaging(SparkSession spark) {
    Split mnist = Datasets.mnist();
    var spec = Model.mlp(784, 64, 10);
    var config = Train.epochs(3).batchSize(32).seed(5).listener(TrainingListener.NONE);
    long t = System.nanoTime();
    double local = spec.train(mnist.train(), config).evaluate(mnist.test()).accuracy();
    double localSeconds = since(t);
    SparkTraining.Run run = SparkTraining.of(spec, config)
        .run(SparkData.frame(spark, mnist.train(), 2));
    double accuracy = run.model().evaluate(mnist.test()).accuracy();
    System.out.printf(Locale.ROOT, "%nParameter averaging, 784-64-10, 3 epochs, %,d MNIST rows:%n",
        mnist.train().size());
    System.out.printf(Locale.ROOT, "  local: %.1f s, accuracy %.4f%n", localSeconds, local);
    System.out.printf(Locale.ROOT, "  local[2], 2 partitions, averaged every epoch: %.1f s,"
        + " accuracy %.4f (%+.2f points)%n", run.roundSeconds().stream()
        .mapToDouble(Double::doubleValue).sum(), accuracy, 100 * (accuracy - local));
    System.out.printf(Locale.ROOT, "  per round: %s s wall, slowest task %s s, %,d bytes"
        + " shipped (weights out and back, 2 partitions)%n", fmt(run.roundSeconds()),
        fmt(run.slowestTaskSeconds()), run.bytesPerRound());
  }

  private static Dataset concat(Dataset a, Dataset b) {
    int w = a.featureCount();
    float[] flat = new float[(a.size() + b.size()) * w];
    a.featureBuffer().get(0, flat, 0, a.size() * w);
    b.featureBuffer().get(0, flat, a.size() * w, b.size() * w);
    int[] labels = new int[a.size() + b.size()];
    System.arraycopy(a.labels(), 0, labels, 0, a.size());
    System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
    return Dataset.ofFlat("fashion-mnist-70k", flat, w, labels, a.classes());
  }

  private static String fmt(List<Double> values) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(String.format(Locale.ROOT, "%.2f", v));
    }
    return String.join(", ", out);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
