package dev.hone.spark.internal;

import dev.hone.bench.Compare;
import dev.hone.bench.Comparison;
import dev.hone.data.Dataset;
import dev.hone.model.MlpSpec;
import dev.hone.model.Network;
import dev.hone.model.Quantizable;
import dev.hone.model.TrainedModel;
import dev.hone.quant.Precision;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * Trains, compresses and measures one variant. Transient failures (anything but bad input) are
 * thrown so Spark retries the task; on the last attempt, or for bad input that no retry would
 * fix, the error becomes the variant's outcome, so one failing variant never aborts the sweep.
 */
public final class VariantTask implements Function<VariantJob, VariantOutcome> {

  private static final long serialVersionUID = 1L;

  /** How the variants are trained and measured, shared by every task. */
  public record Plan(Serializable spec, Serializable config, int latencyWarmup,
      int latencyIterations, int maxAttempts) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final Plan plan;
  private final Broadcast<Rows> train;
  private final Broadcast<Rows> test;

  /**
   * @param plan the spec, base config and measurement settings
   * @param train training rows
   * @param test held-out rows for the measurements
   */
  public VariantTask(Plan plan, Broadcast<Rows> train, Broadcast<Rows> test) {
    this.plan = plan;
    this.train = train;
    this.test = test;
  }

  @Override
  public VariantOutcome call(VariantJob job) {
    TaskContext task = TaskContext.get();
    int attempt = task == null ? 0 : task.attemptNumber();
    String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
    return run(plan, job, train.value(), test.value(), attempt, executor);
  }

  /**
   * Runs one variant here, in this thread: what each task does, and what a serial sweep does
   * for every variant in turn.
   *
   * @param plan the spec, base config and measurement settings
   * @param job the variant
   * @param train training rows
   * @param test held-out rows
   * @param attempt which attempt this is, from 0
   * @param executor where it runs
   * @return the outcome
   */
  public static VariantOutcome run(Plan plan, VariantJob job, Rows train, Rows test, int attempt,
      String executor) {
    long start = System.nanoTime();
    try {
      if (job.failFirstAttempt() && attempt == 0) {
        throw new IllegalStateException("variant " + job.index()
            + " fails its first attempt on purpose (a stand-in for a lost executor)");
      }
      return measure(plan, job, train, test, attempt, executor, start);
    } catch (IllegalArgumentException | IllegalStateException bad) {
      // Bad parameters fail the same way on every attempt: record them at once. An
      // IllegalStateException is retried like any other failure unless it is the last try.
      if (bad instanceof IllegalArgumentException || attempt + 1 >= plan.maxAttempts()) {
        return VariantOutcome.failed(job.index(), describe(bad), seconds(start), attempt,
            executor);
      }
      throw bad;
    } catch (RuntimeException | Error e) {
      if (attempt + 1 >= plan.maxAttempts()) {
        return VariantOutcome.failed(job.index(), describe(e), seconds(start), attempt,
            executor);
      }
      throw e;
    }
  }

  private static VariantOutcome measure(Plan plan, VariantJob job, Rows train, Rows test,
      int attempt, String executor, long start) {
    MlpSpec spec = RecordCodec.decode(plan.spec(), MlpSpec.class);
    TrainConfig base = RecordCodec.decode(plan.config(), TrainConfig.class);
    TrainConfig config = base.batchSize(job.batchSize())
        .optimizer(base.optimizer().withLearningRate(job.learningRate()))
        .listener(TrainingListener.NONE);
    Dataset trainData = train.toDataset();
    Dataset testData = test.toDataset();
    long t0 = System.nanoTime();
    TrainedModel trained = spec.train(trainData, config);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    Network model = job.prune() == 0 ? trained : trained.prune(job.prune());
    if (job.precision() != Precision.FP32) {
      model = ((Quantizable) model).quantize(job.precision());
    }
    // One thread per measurement: a task owns one core, as Spark schedules it.
    Comparison c = Compare.of(model).latency(plan.latencyWarmup(), plan.latencyIterations())
        .threads(1).on(testData);
    Comparison.Row r = c.row(0);
    return new VariantOutcome(job.index(), null, r.accuracy(), r.loss(), r.parameters(),
        r.nonZeroParameters(), r.sparsity(), r.fileBytes(), r.compressionRatio(),
        r.latencyP50Micros(), r.latencyP99Micros(), r.samplesPerSecond(), r.runtime(),
        r.provenance(), trainSeconds, seconds(start), attempt, executor, ModelBytes.of(model));
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
