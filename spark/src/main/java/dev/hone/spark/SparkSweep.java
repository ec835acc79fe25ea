package dev.hone.spark;

import dev.hone.data.Dataset;
import dev.hone.model.MlpSpec;
import dev.hone.spark.internal.Attempts;
import dev.hone.spark.internal.RecordCodec;
import dev.hone.spark.internal.Rows;
import dev.hone.spark.internal.VariantJob;
import dev.hone.spark.internal.VariantOutcome;
import dev.hone.spark.internal.VariantTask;
import dev.hone.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A sweep of compression variants run as Spark tasks: each task trains one variant of the spec
 * from the base config's seed, prunes and quantizes it, and measures it on held-out data
 * (accuracy, file bytes, batch-1 latency and throughput, as {@link dev.hone.bench.Compare}
 * does). The results gather on the driver into one {@link SparkSweepResult} with its Pareto fronts.
 *
 * <p>Failures: a task that throws is retried by Spark (a local session from
 * {@link HoneSpark#local(int)} retries as a cluster does); a variant that still fails on its
 * last attempt, or whose parameters are invalid, becomes a row with its error, and the other
 * variants are kept. Data and configs travel as arrays and records, not as user code, so a
 * sweep started from JShell or a notebook runs unchanged on a cluster. An immutable value.
 *
 * <pre>{@code
 * SparkSweepResult r = SparkSweep.of(Model.mlp(784, 64, 10), Train.epochs(3).adam(1e-3))
 *     .grid(Grid.of().prune(0, 0.5, 0.8).precision(FP32, INT8).learningRate(1e-3, 3e-3))
 *     .run(spark, mnist.train(), mnist.test());
 * r.pareto();   // the variants no other beats on both accuracy and bytes
 * }</pre>
 */
public final class SparkSweep {

  /** Untimed batch-1 calls per variant unless {@link #latency} says otherwise. */
  public static final int DEFAULT_LATENCY_WARMUP = 200;
  /** Timed batch-1 calls per variant unless {@link #latency} says otherwise. */
  public static final int DEFAULT_LATENCY_ITERATIONS = 2_000;

  private final MlpSpec spec;
  private final TrainConfig base;
  private final List<Variant> variants;
  private final int latencyWarmup;
  private final int latencyIterations;
  private final Set<Integer> failFirstAttempt;

  private SparkSweep(MlpSpec spec, TrainConfig base, List<Variant> variants, int latencyWarmup,
      int latencyIterations, Set<Integer> failFirstAttempt) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.base = Objects.requireNonNull(base, "base config");
    this.variants = List.copyOf(variants);
    this.latencyWarmup = latencyWarmup;
    this.latencyIterations = latencyIterations;
    this.failFirstAttempt = Set.copyOf(failFirstAttempt);
  }

  /**
   * Returns a sweep of the spec trained with the base config; its variants replace the config's
   * batch size and learning rate.
   *
   * <pre>{@code
   * SparkSweep s = SparkSweep.of(Model.mlp(784, 64, 10), Train.epochs(3));
   * }</pre>
   *
   * @param spec the model to train
   * @param base epochs, seed, optimizer and the rest; its listener is not used on executors
   * @return a sweep of no variants yet
   */
  public static SparkSweep of(MlpSpec spec, TrainConfig base) {
    return new SparkSweep(spec, base, List.of(), DEFAULT_LATENCY_WARMUP, DEFAULT_LATENCY_ITERATIONS,
        Set.of());
  }

  /**
   * Returns a copy that runs every variant of the grid.
   *
   * <pre>{@code
   * sweep.grid(Grid.of().prune(0, 0.5).precision(FP32, INT8));
   * }</pre>
   *
   * @param grid the grid
   * @return the copy
   */
  public SparkSweep grid(Grid grid) {
    return variants(grid.variants());
  }

  /**
   * Returns a copy that runs these variants, in this order.
   *
   * <pre>{@code
   * sweep.variants(List.of(new Variant(0.5, INT8, 64, 1e-3)));
   * }</pre>
   *
   * @param list the variants
   * @return the copy
   */
  public SparkSweep variants(List<Variant> list) {
    return new SparkSweep(spec, base, list, latencyWarmup, latencyIterations, failFirstAttempt);
  }

  /**
   * Returns a copy that times batch-1 latency with these counts.
   *
   * <pre>{@code
   * sweep.latency(100, 1000);
   * }</pre>
   *
   * @param warmup untimed calls, >= 0
   * @param iterations timed calls, > 0
   * @return the copy
   * @throws IllegalArgumentException when a count is out of range
   */
  public SparkSweep latency(int warmup, int iterations) {
    if (warmup < 0 || iterations <= 0) {
      throw new IllegalArgumentException("need warmup >= 0 and iterations > 0, were " + warmup
          + " and " + iterations);
    }
    return new SparkSweep(spec, base, variants, warmup, iterations, failFirstAttempt);
  }

  /** For the fault tests: these variants' tasks throw on their first attempt. */
  SparkSweep failingFirstAttempt(Integer... indices) {
    return new SparkSweep(spec, base, variants, latencyWarmup, latencyIterations, Set.of(indices));
  }

  /** Returns the variants, in order. */
  public List<Variant> variants() {
    return variants;
  }

  /**
   * Runs every variant as one Spark task and gathers the results.
   *
   * <pre>{@code
   * SparkSweepResult r = sweep.run(spark, mnist.train(), mnist.test());
   * }</pre>
   *
   * @param spark the session
   * @param train rows to train each variant on (broadcast once)
   * @param test held-out rows to measure on (broadcast once)
   * @return one entry per variant, failed ones with their error
   * @throws IllegalArgumentException when there are no variants, or the data does not fit the
   *     spec
   */
  public SparkSweepResult run(SparkSession spark, Dataset train, Dataset test) {
    Objects.requireNonNull(spark, "spark");
    VariantTask.Plan plan = check(train, test, Attempts.perTask(spark.sparkContext()));
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Rows> trainRows = jsc.broadcast(Rows.of(train));
    Broadcast<Rows> testRows = jsc.broadcast(Rows.of(test));
    try {
      // One partition per variant: each is one task, scheduled on the first free core.
      List<VariantOutcome> outcomes = jsc.parallelize(jobs(), variants.size())
          .map(new VariantTask(plan, trainRows, testRows)).collect();
      return new SparkSweepResult(variants, outcomes, (System.nanoTime() - start) / 1e9,
          spark.sparkContext().master());
    } finally {
      trainRows.destroy();
      testRows.destroy();
    }
  }

  /**
   * Runs every variant one after another in this JVM, with the same code each task runs: the
   * peer that a Spark sweep's speed-up is measured against.
   *
   * <pre>{@code
   * SparkSweepResult serial = sweep.runHere(mnist.train(), mnist.test());
   * }</pre>
   *
   * @param train training rows
   * @param test held-out rows
   * @return one entry per variant
   * @throws IllegalArgumentException when there are no variants, or the data does not fit
   */
  public SparkSweepResult runHere(Dataset train, Dataset test) {
    VariantTask.Plan plan = check(train, test, 1);
    long start = System.nanoTime();
    Rows trainRows = Rows.of(train);
    Rows testRows = Rows.of(test);
    List<VariantOutcome> outcomes = new ArrayList<>();
    for (VariantJob job : jobs()) {
      outcomes.add(VariantTask.run(plan, job, trainRows, testRows, 0, "driver"));
    }
    return new SparkSweepResult(variants, outcomes, (System.nanoTime() - start) / 1e9, "this JVM");
  }

  private VariantTask.Plan check(Dataset train, Dataset test, int attempts) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("the sweep has no variants; give it a grid with at"
          + " least one value on every axis, e.g. grid(Grid.of().prune(0, 0.5)), or"
          + " variants(List.of(...))");
    }
    spec.checkFits(train);
    spec.checkFits(test);
    return new VariantTask.Plan(RecordCodec.encode(spec), RecordCodec.encode(base),
        latencyWarmup, latencyIterations, attempts);
  }

  private List<VariantJob> jobs() {
    List<VariantJob> jobs = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      Variant v = variants.get(i);
      jobs.add(new VariantJob(i, v.prune(), v.precision(), v.batchSize(), v.learningRate(),
          failFirstAttempt.contains(i)));
    }
    return jobs;
  }
}
