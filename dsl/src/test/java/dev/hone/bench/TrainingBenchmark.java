package dev.hone.bench;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.runtime.Device;
import dev.hone.train.EpochStats;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark, not a test: trains {@code mlp(784,128,64,10)} (ReLU, Adam 1e-3, batch 128,
 * shuffled each epoch, cross-entropy) on the same standardized bundled MNIST rows in Hone and in
 * PyTorch (Debian's python3-torch with OpenBLAS), in one run, and prints samples per second for
 * every thread setup of both and the ratio of the best Hone setup to the best PyTorch setup.
 *
 * <p>Each setup runs in its own process, because both engines fix their thread pools when they
 * load: a child JVM per Hone setup ({@code ai.djl.pytorch.num_threads}), a Python process per
 * PyTorch setup ({@code torch.set_num_threads} and {@code OPENBLAS_NUM_THREADS}, with OpenBLAS's
 * pthread {@code libblas.so.3} preloaded). Setups alternate within each repetition so machine
 * noise spreads over all of them. A run's figure is the median over its epochs after the first
 * (the first is warm-up and reported on its own); a setup's figure is the median over runs. For
 * each Hone setup it also prints how long the JVM's JIT compilers ran during the measured epochs
 * ({@code CompilationMXBean}), as a share of the machine's cores: the compilers compete with the
 * training for those cores in a fresh JVM's first seconds.
 *
 * <p>Run it with {@code dsl/bench/run-training-benchmark.sh}; options (each {@code --k=v}):
 * {@code runs} (5), {@code epochs} (5), {@code hone-threads} (1,2), {@code hone-replicas} (2: data
 * parallel setups, one engine thread per replica), {@code torch-threads} (1,2),
 * {@code blas-threads} (1,2), {@code second-half} (a run's figure is the median over the second
 * half of its epochs, after the JVM's JIT warm-up), {@code warm-runs} (0: trainings of the same
 * model that each process runs and discards before the measured one, as a notebook kernel that
 * has trained before; both sides), {@code aot-java} (a JDK 25 or newer {@code java}: every Hone
 * setup runs a second time on it, with an ahead-of-time cache recorded first from
 * {@link AotWorkload}, another training run, and is reported apart), {@code python}
 * (/usr/bin/python3), {@code peer}
 * (dsl/bench/torch_peer.py), {@code blas} (the OpenBLAS pthread libblas.so.3). With
 * {@code --worker} (and optionally {@code --data=FILE}, {@code --epochs=N},
 * {@code --replicas=N}, {@code --warm-runs=N}) it trains Hone once
 * in this JVM and prints one JSON line, which is handy under a profiler. With {@code --gemm}
 * it prints the GFLOP/s of the first layer's two products in the engine's BLAS (compare
 * {@code dsl/bench/gemm_peer.py}).
 */
public final class TrainingBenchmark {

  private static final int BATCH = 128;
  private static final double LR = 1e-3;
  private static final long SEED = 42;
  /** Whether a run's figure is the median over the second half of its epochs (after warm-up). */
  private static boolean secondHalf;
  /** Trainings each process runs and discards before the measured one. */
  private static int warmRuns;
  /** Where the ahead-of-time cache and its jars go, when {@code --aot-java} asks for one. */
  private static Path aotDir;

  private TrainingBenchmark() {}

  /**
   * Runs the benchmark, or with {@code --worker} one Hone training in this JVM.
   *
   * @param args options, see the class comment
   * @throws Exception when a child process fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    if (o.containsKey("gemm")) {
      gemm(Integer.parseInt(o.getOrDefault("reps", "2000")));
      return;
    }
    if (o.containsKey("worker")) {
      Dataset[] parts = o.containsKey("data") ? read(Path.of(o.get("data")))
          : new Dataset[] {Datasets.mnist().standardized().train(),
              Datasets.mnist().standardized().test()};
      worker(parts, Integer.parseInt(o.getOrDefault("epochs", "5")),
          Integer.parseInt(o.getOrDefault("replicas", "1")),
          Integer.parseInt(o.getOrDefault("warm-runs", "0")));
      return;
    }
    int runs = Integer.parseInt(o.getOrDefault("runs", "5"));
    int epochs = Integer.parseInt(o.getOrDefault("epochs", "5"));
    secondHalf = o.containsKey("second-half");
    warmRuns = Integer.parseInt(o.getOrDefault("warm-runs", "0"));
    if (warmRuns < 0) {
      throw new IllegalArgumentException("--warm-runs=" + warmRuns + ": 0 or more expected");
    }
    String python = o.getOrDefault("python", "/usr/bin/python3");
    String peer = o.getOrDefault("peer", "dsl/bench/torch_peer.py");
    String blas = o.getOrDefault("blas", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3");
    if (!Files.isRegularFile(Path.of(blas))) {
      throw new IllegalStateException("OpenBLAS not found at " + blas + "; install Debian's"
          + " libopenblas0-pthread or pass --blas=PATH");
    }
    Path data = Files.createTempFile("hone-bench-", ".bin");
    try {
      Split mnist = Datasets.mnist().standardized();
      write(mnist, data);
      System.err.printf(Locale.ROOT, "data: %d train / %d test rows (standardized bundled"
          + " MNIST) written to %s%n", mnist.train().size(), mnist.test().size(), data);
      List<Setup> setups = new ArrayList<>();
      for (String tt : o.getOrDefault("torch-threads", "1,2").split(",")) {
        for (String bt : o.getOrDefault("blas-threads", "1,2").split(",")) {
          setups.add(Setup.torch(Integer.parseInt(tt), Integer.parseInt(bt), python, peer, blas));
        }
      }
      // With --aot-java, each Hone setup also runs on that JDK with an ahead-of-time cache
      // recorded from another training workload (AotWorkload), reported apart.
      List<AotCache> jvms = new ArrayList<>();
      jvms.add(null);
      if (o.containsKey("aot-java")) {
        aotDir = Files.createTempDirectory("hone-aot-");
        AotCache cache = AotCache.record(Path.of(o.get("aot-java")), aotDir,
            Setup.honeProps(1));
        System.err.println("AOT cache recorded from " + AotWorkload.class.getSimpleName()
            + " with " + cache.java() + ": " + Files.size(cache.file()) + " bytes");
        jvms.add(cache);
      }
      for (AotCache jvm : jvms) {
        for (String ht : o.getOrDefault("hone-threads", "1,2").split(",")) {
          setups.add(Setup.hone(Integer.parseInt(ht), 1, jvm));
        }
        // Data parallel: replicas in threads, one engine thread each, same global batch.
        for (String hr : o.getOrDefault("hone-replicas", "2").split(",")) {
          if (!hr.isBlank() && Integer.parseInt(hr) > 1) {
            setups.add(Setup.hone(1, Integer.parseInt(hr), jvm));
          }
        }
      }
      for (int r = 1; r <= runs; r++) {
        for (Setup s : setups) {
          JsonObject result = s.run(data, epochs);
          s.results.add(result);
          System.err.printf(Locale.ROOT, "run %d/%d %-32s %,10.0f samples/s, test accuracy"
              + " %.4f%n", r, runs, s.name, steady(result), accuracy(result));
        }
      }
      report(setups, runs, epochs);
    } finally {
      Files.deleteIfExists(data);
      if (aotDir != null) {
        try (var files = Files.list(aotDir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(aotDir);
      }
    }
  }

  private static void report(List<Setup> setups, int runs, int epochs) {
    System.out.printf(Locale.ROOT, "%nmlp(784,128,64,10) ReLU, Adam 1e-3, batch %d, %d epochs,"
        + " %d runs per setup; samples/s = median over runs of each run's median over epochs"
        + " %d..%d%s%n%n", BATCH, epochs, runs, secondHalf ? epochs / 2 + 1 : 2, epochs,
        warmRuns == 0 ? "" : String.format(Locale.ROOT, "; each process first trains the same"
            + " model %d time(s) and discards it (a warm kernel)", warmRuns));
    System.out.printf(Locale.ROOT, "| %-38s | %14s | %19s | %14s | %13s |%n", "setup",
        "samples/s", "range over runs", "epoch 1 (warm)", "test accuracy");
    System.out.println("|" + "-".repeat(40) + "|" + "-".repeat(16) + ":|" + "-".repeat(20)
        + ":|" + "-".repeat(15) + ":|" + "-".repeat(14) + ":|");
    Setup bestTorch = null;
    Setup bestHone = null;
    Setup bestAot = null;
    for (Setup s : setups) {
      double[] steady = s.results.stream().mapToDouble(TrainingBenchmark::steady).toArray();
      double[] first = s.results.stream().mapToDouble(TrainingBenchmark::firstEpoch).toArray();
      double[] acc = s.results.stream().mapToDouble(TrainingBenchmark::accuracy).toArray();
      s.median = median(steady);
      System.out.printf(Locale.ROOT, "| %-38s | %,14.0f | %,8.0f - %,8.0f | %,14.0f | %13.4f |%n",
          s.name, s.median, Arrays.stream(steady).min().orElse(0),
          Arrays.stream(steady).max().orElse(0), median(first), median(acc));
      if (s.hone && s.aot) {
        bestAot = bestAot == null || s.median > bestAot.median ? s : bestAot;
      } else if (s.hone) {
        bestHone = bestHone == null || s.median > bestHone.median ? s : bestHone;
      } else {
        bestTorch = bestTorch == null || s.median > bestTorch.median ? s : bestTorch;
      }
    }
    if (bestHone != null && bestTorch != null) {
      double ratio = bestHone.median / bestTorch.median;
      System.out.printf(Locale.ROOT, "%nHone best (%s) / PyTorch best (%s) = %.2fx"
          + " (target 1.5x: %s; done at 1.2x: %s)%n", bestHone.name, bestTorch.name, ratio,
          ratio >= 1.5 ? "met" : "not met", ratio >= 1.2 ? "met" : "not met");
    }
    if (bestAot != null && bestTorch != null) {
      double ratio = bestAot.median / bestTorch.median;
      System.out.printf(Locale.ROOT, "With --aot-java (another JDK and an AOT cache recorded from"
          + " %s, not how Hone's kernel runs today): Hone best (%s) / PyTorch best (%s) = %.2fx"
          + " (target 1.5x: %s; done at 1.2x: %s)%n", AotWorkload.class.getSimpleName(),
          bestAot.name, bestTorch.name, ratio, ratio >= 1.5 ? "met" : "not met",
          ratio >= 1.2 ? "met" : "not met");
    }
    for (boolean aot : new boolean[] {false, true}) {
      dataParallelSpeedup(setups, aot);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    for (Setup s : setups) {
      if (s.hone && !s.results.isEmpty() && s.results.get(0).getAsJsonArray("epochs").size() > 1
          && s.results.get(0).getAsJsonArray("epochs").get(0).getAsJsonObject()
              .has("jit_total_ms")) {
        double[] jit = s.results.stream().mapToDouble(r -> window(r, "jit_total_ms")).toArray();
        double[] wall = s.results.stream().mapToDouble(r -> window(r, "jvm_uptime_ms"))
            .toArray();
        double[] share = new double[jit.length];
        for (int i = 0; i < jit.length; i++) {
          share[i] = jit[i] / (wall[i] * cores);
        }
        System.out.printf(Locale.ROOT, "JIT compilers in the measured epochs, %s: %.0f ms of"
            + " %.0f ms (%.0f%% of the %d cores; medians over runs)%n", s.name, median(jit),
            median(wall), 100 * median(share), cores);
      }
    }
    System.out.println("What limits these figures on this machine: BENCHMARKS.md, \"Training"
        + " throughput: Hone vs PyTorch\".");
    if (!setups.isEmpty() && !setups.get(0).results.isEmpty()) {
      for (Setup s : setups) {
        if (!s.hone) {
          System.out.println("PyTorch " + s.results.get(0).get("torch_version").getAsString()
              + ", BLAS mapped: " + s.results.get(0).get("blas"));
          break;
        }
      }
    }
  }

  /** Prints each data-parallel setup's speedup over one replica on the same JVM. */
  private static void dataParallelSpeedup(List<Setup> setups, boolean aot) {
    Setup one = null;
    for (Setup s : setups) {
      if (s.hone && s.aot == aot && s.replicas == 1 && s.threads == 1) {
        one = s;
      }
    }
    for (Setup s : setups) {
      if (s.hone && s.aot == aot && s.replicas > 1 && one != null) {
        double speedup = s.median / one.median;
        System.out.printf(Locale.ROOT, "Data-parallel speedup%s, %d replicas / 1 replica (1"
            + " engine thread each, same global batch %d) = %.2fx (target 1.8x on 2 cores: %s)%n",
            aot ? " with --aot-java" : "", s.replicas, BATCH, speedup,
            speedup >= 1.8 ? "met" : "not met");
      }
    }
  }

  /** One thread setup of one side, and its results. */
  private static final class Setup {
    final String name;
    final boolean hone;
    int threads = 1;
    int replicas = 1;
    /** Whether it runs on the --aot-java JDK with the recorded cache. */
    boolean aot;
    final List<String> command;
    final Map<String, String> env = new LinkedHashMap<>();
    final List<JsonObject> results = new ArrayList<>();
    double median;

    private Setup(String name, boolean hone, List<String> command) {
      this.name = name;
      this.hone = hone;
      this.command = command;
    }

    static Setup torch(int torchThreads, int blasThreads, String python, String peer,
        String blas) {
      Setup s = new Setup(String.format(Locale.ROOT, "PyTorch torch=%d openblas=%d",
          torchThreads, blasThreads), false, new ArrayList<>(List.of(python, peer,
          "--torch-threads", String.valueOf(torchThreads), "--batch", String.valueOf(BATCH),
          "--lr", String.valueOf(LR), "--seed", String.valueOf(SEED))));
      s.env.put("OPENBLAS_NUM_THREADS", String.valueOf(blasThreads));
      s.env.put("OMP_NUM_THREADS", String.valueOf(torchThreads));
      s.env.put("LD_PRELOAD", blas);
      return s;
    }

    /** The system properties of a Hone worker with {@code threads} engine threads. */
    static List<String> honeProps(int threads) {
      return List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + threads,
          "-Dai.djl.pytorch.num_interop_threads=1",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    }

    /** A Hone worker on this JVM, or with {@code aot} on that cache's JDK and cache. */
    static Setup hone(int threads, int replicas, AotCache aot) {
      String java = aot == null
          ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
          : aot.java().toString();
      String prefix = aot == null ? "Hone" : "Hone AOT";
      List<String> cmd = new ArrayList<>(List.of(java));
      if (aot != null) {
        cmd.add("-XX:AOTCache=" + aot.file());
      }
      cmd.addAll(honeProps(threads));
      cmd.addAll(List.of("-cp",
          aot == null ? System.getProperty("java.class.path") : aot.classPath(),
          TrainingBenchmark.class.getName(), "--worker", "--replicas=" + replicas));
      Setup s = new Setup(replicas == 1
          ? String.format(Locale.ROOT, "%s num_threads=%d interop=1", prefix, threads)
          : String.format(Locale.ROOT, "%s dataParallel=%d num_threads=%d", prefix, replicas,
              threads), true, cmd);
      s.env.put("OMP_NUM_THREADS", String.valueOf(threads));
      s.threads = threads;
      s.replicas = replicas;
      s.aot = aot != null;
      return s;
    }

    JsonObject run(Path data, int epochs) throws IOException, InterruptedException {
      List<String> cmd = new ArrayList<>(command);
      cmd.add(hone ? "--data=" + data : "--data");
      if (!hone) {
        cmd.add(data.toString());
      }
      cmd.add(hone ? "--epochs=" + epochs : "--epochs");
      if (!hone) {
        cmd.add(String.valueOf(epochs));
      }
      cmd.add(hone ? "--warm-runs=" + warmRuns : "--warm-runs");
      if (!hone) {
        cmd.add(String.valueOf(warmRuns));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().putAll(env);
      return lastJsonLine(pb, name);
    }
  }

  /**
   * Runs a child process and returns the last line of its output that is a JSON object.
   *
   * @param pb the process, its stderr already redirected
   * @param name names it in the error
   * @return the parsed line
   * @throws IllegalStateException when it exits with an error or prints no JSON line
   */
  static JsonObject lastJsonLine(ProcessBuilder pb, String name)
      throws IOException, InterruptedException {
    Process p = pb.start();
    String last = null;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("{")) {
          last = line;
        }
      }
    }
    int rc = p.waitFor();
    if (rc != 0 || last == null) {
      throw new IllegalStateException(name + " failed (exit " + rc + "): " + pb.command());
    }
    return new Gson().fromJson(last, JsonObject.class);
  }

  /**
   * Trains Hone on the dumped rows in this JVM and prints one JSON line; {@code warmRuns}
   * trainings of the same model run first and are discarded.
   */
  private static void worker(Dataset[] parts, int epochs, int replicas, int warmRuns) {
    for (int w = 0; w < warmRuns; w++) {
      Model.mlp(784, 128, 64, 10).train(parts[0], Train.epochs(epochs).batchSize(BATCH).adam(LR)
          .seed(SEED).device(Device.cpu()).dataParallel(replicas));
    }
    // The JVM's uptime at each epoch's end lines the epochs up with JIT and GC logs; the JIT
    // compilers' accumulated time says how much of the machine they took in between.
    List<Long> uptimes = new ArrayList<>();
    List<Long> compileMillis = new ArrayList<>();
    var runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
    var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
    TrainingListener clock = new TrainingListener() {
      @Override
      public void onEpoch(EpochStats stats) {
        uptimes.add(runtime.getUptime());
        compileMillis.add(compiler.getTotalCompilationTime());
      }
    };
    TrainedModel m = Model.mlp(784, 128, 64, 10).train(parts[0], Train.epochs(epochs)
        .batchSize(BATCH).adam(LR).seed(SEED).device(Device.cpu()).dataParallel(replicas)
        .listener(clock));
    JsonObject out = new JsonObject();
    out.addProperty("side", "hone");
    JsonArray list = new JsonArray();
    for (EpochStats e : m.history().epochs()) {
      JsonObject j = new JsonObject();
      j.addProperty("epoch", e.epoch());
      j.addProperty("samples_per_s", e.samplesPerSecond());
      j.addProperty("train_loss", e.trainLoss());
      j.addProperty("train_accuracy", e.trainAccuracy());
      j.addProperty("jvm_uptime_ms", uptimes.get(e.epoch() - 1));
      j.addProperty("jit_total_ms", compileMillis.get(e.epoch() - 1));
      list.add(j);
    }
    out.add("epochs", list);
    out.addProperty("test_accuracy", m.evaluate(parts[1]).accuracy());
    System.out.println(out);
  }

  /**
   * Prints the GFLOP/s of the step's two big products in the engine (libtorch and its BLAS), as
   * the best and the median of 20 blocks of {@code reps / 20} calls: the first layer's forward
   * {@code [128,784] x [784,128]} ({@code linear}) and its weight gradient
   * {@code [128,128]^T x [128,784]}. The best block is the machine's speed when no other
   * process holds the core.
   */
  private static void gemm(int reps) {
    try (ai.djl.ndarray.NDManager m = dev.hone.runtime.internal.Engines.engine()
        .newBaseManager(ai.djl.Device.cpu())) {
      dev.hone.runtime.internal.Engines.gradMode(false);
      var x = (ai.djl.pytorch.engine.PtNDArray) m.randomNormal(new ai.djl.ndarray.types.Shape(
          BATCH, 784));
      var w = (ai.djl.pytorch.engine.PtNDArray) m.randomNormal(new ai.djl.ndarray.types.Shape(
          128, 784));
      var g = (ai.djl.pytorch.engine.PtNDArray) m.randomNormal(new ai.djl.ndarray.types.Shape(
          BATCH, 128));
      var gt = g.transpose();
      double flops = 2.0 * BATCH * 784 * 128;
      String[] names = {"forward  x[128,784] W^T[784,128]", "gradient g^T[128,128] x[128,784]"};
      for (int kind = 0; kind < 2; kind++) {
        int block = Math.max(1, reps / 20);
        double[] gflops = new double[20];
        for (int b = -2; b < 20; b++) {
          long t0 = System.nanoTime();
          for (int i = 0; i < block; i++) {
            try (ai.djl.ndarray.NDArray r = kind == 0
                ? ai.djl.pytorch.jni.JniUtils.linear(x, w, null)
                : ai.djl.pytorch.jni.JniUtils.matmul(gt, x)) {
              r.getShape();
            }
          }
          if (b >= 0) {
            gflops[b] = flops * block / (System.nanoTime() - t0);
          }
        }
        System.out.printf(Locale.ROOT, "%s: best %.1f GFLOP/s, median %.1f (engine threads %d)%n",
            names[kind], Arrays.stream(gflops).max().orElse(0), median(gflops),
            ai.djl.pytorch.jni.JniUtils.getNumThreads());
      }
    }
  }

  /** Writes the layout torch_peer.py reads: four int32 counts, then train and test rows. */
  static void write(Split split, Path file) throws IOException {
    Dataset train = split.train();
    Dataset test = split.test();
    int f = train.featureCount();
    long bytes = 16 + 4L * (train.size() + test.size()) * (f + 1);
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(train.size()).putInt(test.size()).putInt(f).putInt(train.classes());
    for (Dataset d : new Dataset[] {train, test}) {
      float[] x = new float[d.size() * f];
      d.featureBuffer().get(x);
      b.asFloatBuffer().put(x);
      b.position(b.position() + 4 * x.length);
      b.asIntBuffer().put(d.labels());
      b.position(b.position() + 4 * d.size());
    }
    Files.write(file, b.array());
  }

  static Dataset[] read(Path file) throws IOException {
    ByteBuffer b;
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }
    int nTrain = b.getInt();
    int nTest = b.getInt();
    int f = b.getInt();
    int classes = b.getInt();
    Dataset[] out = new Dataset[2];
    int[] sizes = {nTrain, nTest};
    for (int i = 0; i < 2; i++) {
      float[] x = new float[sizes[i] * f];
      b.asFloatBuffer().get(x);
      b.position(b.position() + 4 * x.length);
      int[] y = new int[sizes[i]];
      b.asIntBuffer().get(y);
      b.position(b.position() + 4 * y.length);
      out[i] = Dataset.ofFlat(i == 0 ? "mnist-train" : "mnist-test", x, f, y, classes);
    }
    return out;
  }

  /** Returns the index of a run's first measured epoch: after warm-up, or the second half. */
  private static int firstMeasured(JsonArray epochs) {
    return epochs.size() < 2 ? 0 : secondHalf ? epochs.size() / 2 : 1;
  }

  static double steady(JsonObject run) {
    JsonArray e = run.getAsJsonArray("epochs");
    int from = firstMeasured(e);
    double[] v = new double[e.size() - from];
    for (int i = 0; i < v.length; i++) {
      JsonElement epoch = e.get(from + i);
      v[i] = epoch.getAsJsonObject().get("samples_per_s").getAsDouble();
    }
    return median(v);
  }

  /**
   * Returns how much a per-epoch running total ({@code key}: the JIT's compile time, or the JVM's
   * uptime) grew over the epochs {@link #steady} takes the median of.
   */
  static double window(JsonObject run, String key) {
    JsonArray e = run.getAsJsonArray("epochs");
    int from = firstMeasured(e);
    return e.get(e.size() - 1).getAsJsonObject().get(key).getAsDouble()
        - e.get(from - 1).getAsJsonObject().get(key).getAsDouble();
  }

  static double firstEpoch(JsonObject run) {
    return run.getAsJsonArray("epochs").get(0).getAsJsonObject().get("samples_per_s")
        .getAsDouble();
  }

  private static double accuracy(JsonObject run) {
    return run.get("test_accuracy").getAsDouble();
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (String a : args) {
      // Maven's exec passes hone.args as one word, so options may also come space-separated.
      for (String w : a.trim().split("\\s+")) {
        if (w.isEmpty()) {
          continue;
        }
        if (!w.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument '" + w + "'; options look like"
              + " --runs=5");
        }
        String[] kv = w.substring(2).split("=", 2);
        o.put(kv[0], kv.length > 1 ? kv[1] : "true");
      }
    }
    return o;
  }
}
