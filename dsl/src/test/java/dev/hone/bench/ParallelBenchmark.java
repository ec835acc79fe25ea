package dev.hone.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.model.MlpSpec;
import dev.hone.model.Model;
import dev.hone.model.Sensitivity;
import dev.hone.model.TrainedModel;
import dev.hone.parallel.PipelineParallel;
import dev.hone.parallel.Sweep;
import dev.hone.parallel.SweepResult;
import dev.hone.train.Train;
import dev.hone.tune.BatchSizeSweep;
import dev.hone.tune.BatchSizes;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark, not a test: model and algorithm parallelism on this machine's cores (issue 9).
 *
 * <ul>
 *   <li>{@code batchsizes}: the batch-size search for 32 to 1024, 10 epochs, with and without
 *       the linear learning-rate scaling rule (warm-up 1 epoch): samples/s, memory and time to
 *       0.95 validation accuracy.
 *   <li>{@code sweep}: 4 training runs (784-128-64-10, bundled MNIST, 3 epochs, batch 128, four
 *       learning rates) one at a time, on 2 threads in this JVM, and in 2 child JVMs of 2 runs
 *       each; wall times and speedups against one at a time.
 *   <li>{@code sensitivity}: the pruning sensitivity scan on 1 and 2 workers.
 *   <li>{@code pipeline}: training samples/s of the unsplit trainer against
 *       {@link PipelineParallel} with 1 stage and with 2 stages at 1, 2 and 4 micro-batches, for
 *       the seed's MLP and a deeper one whose stages balance.
 * </ul>
 *
 * <p>Run with {@code dsl/bench/run-parallel-benchmark.sh}; options ({@code --k=v}): {@code only}
 * (comma list of {@code batchsizes,sweep,sensitivity,pipeline}), {@code rounds} (3; medians are printed).
 * {@code --worker --runs=a,b} is the child JVM of the process variant.
 */
public final class ParallelBenchmark {

  private static final double[] RATES = {1e-3, 2e-3, 3e-3, 5e-3};

  private ParallelBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args options, see the class comment
   * @throws Exception when a child JVM fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = TrainingBenchmark.options(args);
    Split mnist = Datasets.mnist().standardized();
    if (o.containsKey("worker")) {
      double[] rates = Arrays.stream(o.get("runs").split(",")).mapToDouble(Double::parseDouble)
          .toArray();
      long t0 = System.nanoTime();
      Sweep s = Sweep.of(Model.mlp(784, 128, 64, 10), mnist.train(), config()).workers(1)
          .learningRates(rates);
      SweepResult r = s.run();
      System.out.printf(Locale.ROOT, "worker %.3f s, losses %s%n", (System.nanoTime() - t0) / 1e9,
          r.runs().stream().map(x -> String.format(Locale.ROOT, "%.6f", x.finalLoss())).toList());
      return;
    }
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
    List<String> only = List.of(o.getOrDefault("only", "batchsizes,sweep,sensitivity,pipeline").split(","));
    System.out.printf(Locale.ROOT, "cores %d, load %s%n", Runtime.getRuntime()
        .availableProcessors(), load());
    if (only.contains("batchsizes")) {
      batchSizes(mnist);
    }
    if (only.contains("sweep")) {
      sweep(mnist, rounds);
    }
    if (only.contains("sensitivity")) {
      sensitivity(mnist, rounds);
    }
    if (only.contains("pipeline")) {
      pipeline(mnist.train(), rounds);
    }
  }

  private static void batchSizes(Split mnist) {
    BatchSizeSweep r = BatchSizes.sweep(Model.mlp(784, 128, 64, 10), mnist.train(),
        Train.epochs(10).adam(1e-3).batchSize(32)).sizes(32, 64, 128, 256, 512, 1024)
        .withAndWithoutScaling().warmup(1).target(0.95).run();
    System.out.println(r);
  }

  private static TrainConfig config() {
    return Train.epochs(3).batchSize(128).listener(TrainingListener.NONE);
  }

  private static void sweep(Split mnist, int rounds) throws Exception {
    Sweep s = Sweep.of(Model.mlp(784, 128, 64, 10), mnist.train(), config())
        .learningRates(RATES).evaluateOn(mnist.test());
    s.workers(1).run(); // warm-up: engine, JIT
    List<Double> one = new ArrayList<>();
    List<Double> oneThread = new ArrayList<>();
    List<Double> threads = new ArrayList<>();
    List<Double> processes = new ArrayList<>();
    SweepResult a = null;
    SweepResult b = null;
    int engineThreads = JniUtils.getNumThreads();
    for (int r = 0; r < rounds; r++) {
      one.add(s.workers(1).run().wallSeconds());
      // The fair baseline: one run at a time on one engine thread, as each worker has.
      JniUtils.setNumThreads(1);
      try {
        a = s.workers(1).run();
      } finally {
        JniUtils.setNumThreads(engineThreads);
      }
      oneThread.add(a.wallSeconds());
      b = s.workers(2).run();
      threads.add(b.wallSeconds());
      processes.add(twoProcesses());
    }
    boolean same = true;
    for (int i = 0; i < a.runs().size(); i++) {
      same &= a.runs().get(i).finalLoss() == b.runs().get(i).finalLoss();
    }
    double m1 = median(oneThread);
    System.out.printf(Locale.ROOT, "sweep of 4 runs (3 epochs, batch 128, 8,000 rows): one at a"
        + " time on 1 engine thread %.2f s (on the engine's default %d threads %.2f s), 2"
        + " threads %.2f s (%.2fx), 2 child JVMs %.2f s (%.2fx); medians of %d; same losses one"
        + " at a time and on 2 threads: %s%n", m1, engineThreads, median(one), median(threads),
        m1 / median(threads), median(processes), m1 / median(processes), rounds, same);
    System.out.println("  one at a time, 1 engine thread: " + fmt(oneThread) + "  default: "
        + fmt(one) + "  threads: " + fmt(threads) + "  processes: " + fmt(processes));
    System.out.println(b);
  }

  /** Two child JVMs of two runs each, started together; returns the wall time of both. */
  private static double twoProcesses() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator
        + "java";
    long t0 = System.nanoTime();
    List<Process> ps = new ArrayList<>();
    for (String runs : List.of(RATES[0] + "," + RATES[1], RATES[2] + "," + RATES[3])) {
      ps.add(new ProcessBuilder(java, "-Dai.djl.offline=true",
          "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
          ParallelBenchmark.class.getName(), "--worker", "--runs=" + runs)
          .redirectErrorStream(true).start());
    }
    for (Process p : ps) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("a child JVM failed:\n" + out);
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void sensitivity(Split mnist, int rounds) {
    TrainedModel m = Model.mlp(784, 128, 64, 10).train(mnist.train(), config());
    double[] at = {0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98};
    Sensitivity.scan(1, m, mnist.test(), at);
    List<Double> one = new ArrayList<>();
    List<Double> two = new ArrayList<>();
    Sensitivity a = null;
    Sensitivity b = null;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      a = Sensitivity.scan(1, m, mnist.test(), at);
      one.add((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      b = Sensitivity.scan(2, m, mnist.test(), at);
      two.add((System.nanoTime() - t0) / 1e9);
    }
    System.out.printf(Locale.ROOT, "sensitivity scan (32 points, 2,000 rows): 1 worker %.3f s,"
        + " 2 workers %.3f s (%.2fx); same points: %s; medians of %d%n", median(one),
        median(two), median(one) / median(two), a.points().equals(b.points()), rounds);
  }

  private static void pipeline(Dataset train, int rounds) {
    for (MlpSpec spec : List.of(Model.mlp(784, 128, 64, 10), Model.mlp(784, 256, 256, 256,
        256, 10))) {
      TrainConfig c = Train.epochs(4).batchSize(128).listener(TrainingListener.NONE);
      spec.train(train, c.epochs(1));
      List<String> names = new ArrayList<>();
      List<List<Double>> rates = new ArrayList<>();
      names.add("unsplit trainer");
      List<PipelineParallel> pipes = new ArrayList<>();
      PipelineParallel p = PipelineParallel.of(spec);
      pipes.add(p.split(spec.widths().size() - 1).microBatches(1));
      for (int m : new int[] {1, 2, 4}) {
        pipes.add(p.microBatches(m));
      }
      for (PipelineParallel q : pipes) {
        names.add("pipeline " + q.describe());
      }
      for (int i = 0; i < names.size(); i++) {
        rates.add(new ArrayList<>());
      }
      for (int r = 0; r < rounds; r++) {
        rates.get(0).add(rate(spec.train(train, c)));
        for (int i = 0; i < pipes.size(); i++) {
          rates.get(i + 1).add(rate(pipes.get(i).train(train, c)));
        }
      }
      double base = median(rates.get(0));
      System.out.printf(Locale.ROOT, "pipeline, %s, batch 128, samples/s (median of %d runs,"
          + " each the median of epochs 2-4):%n", spec, rounds);
      for (int i = 0; i < names.size(); i++) {
        System.out.printf(Locale.ROOT, "  %-40s %,9.0f  %.2fx unsplit%n", names.get(i),
            median(rates.get(i)), median(rates.get(i)) / base);
      }
    }
  }

  private static double rate(TrainedModel m) {
    List<Double> r = new ArrayList<>();
    var e = m.history().epochs();
    for (int i = 1; i < e.size(); i++) {
      r.add(e.get(i).samplesPerSecond());
    }
    return median(r);
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  private static String fmt(List<Double> v) {
    return v.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString();
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
