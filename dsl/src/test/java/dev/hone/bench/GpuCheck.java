package dev.hone.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.model.Model;
import dev.hone.model.Predictor;
import dev.hone.model.TrainedModel;
import dev.hone.runtime.Backend;
import dev.hone.runtime.Device;
import dev.hone.runtime.Serving;
import dev.hone.runtime.internal.Engines;
import dev.hone.train.EpochStats;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import java.io.IOException;
import java.nio.FloatBuffer;
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
 * A benchmark, not a test: the GPU check of issue 12. It trains {@code mlp(784,128,64,10)} on the
 * bundled MNIST and a larger MLP (784-4096-4096-10 by default) on Fashion-MNIST, Adam 1e-3, for
 * each batch size (128 and 1024), and times batch-256 and batch-1 inference, on every side
 * asked for: Hone on the GPU, Hone on the CPU, PyTorch on the GPU ({@code
 * dsl/bench/gpu/torch_gpu_peer.py}), PyTorch on the CPU. It prints samples/s and test accuracy
 * next to the targets (Hone GPU within 1.2x of PyTorch GPU; the larger model at least 10x
 * faster on the GPU than on the CPU; GPU and CPU accuracy within noise) and writes every figure
 * as JSON.
 *
 * <p>Each side runs in its own process (a child JVM of this Java runtime, or Python), so each
 * loads its engine with the device and threads it was given; all see the same standardized rows,
 * written once to files in {@code TrainingBenchmark}'s layout. A run's samples/s is the median
 * over epochs 2..N (epoch 1 holds the warm-up and is reported on its own). Test accuracy is
 * scored through a DJL predictor on the side's own device, so the check needs no ONNX Runtime
 * (the GPU bundle leaves its 75 MB jar out).
 *
 * <p>Options (each {@code --k=v}): {@code sides} (hone-gpu,hone-cpu,torch-gpu; also torch-cpu),
 * {@code epochs} (5), {@code batches} (128,1024), {@code large} (784,4096,4096,10), {@code
 * fashion} (a folder with Fashion-MNIST's four IDX files; default {@code
 * Datasets.fashionMnist()}), {@code large-train} and {@code large-test} (rows taken from the
 * front of each part; 0 = all), {@code python} (python3), {@code peer}
 * (dsl/bench/gpu/torch_gpu_peer.py), {@code out} (a JSON file for every figure), {@code
 * latency-calls} (2000). With {@code --worker --device=gpu|cpu|auto --small=FILE --large=FILE}
 * it runs Hone once in this JVM and prints one JSON line.
 *
 * <p>The bundle for a GPU machine is made by {@code dsl/bench/gpu/make-bundle.sh}, and {@code
 * dsl/bench/gpu/device-check.sh} runs this check there.
 */
public final class GpuCheck {

  private static final double LR = 1e-3;
  private static final long SEED = 42;
  private static final int[] SMALL = {784, 128, 64, 10};
  /** Hone GPU throughput over PyTorch GPU throughput must be at least this (within 1.2x). */
  static final double TORCH_RATIO_TARGET = 1 / 1.2;
  /** The larger model's GPU throughput over its CPU throughput must be at least this. */
  static final double GPU_OVER_CPU_TARGET = 10;
  /** Largest GPU-CPU test accuracy gap counted as noise (training order and init differ). */
  static final double ACCURACY_NOISE = 0.015;

  private GpuCheck() {}

  /**
   * Runs the check, or with {@code --worker} Hone's side in this JVM.
   *
   * @param args options, see the class comment
   * @throws Exception when a side fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = TrainingBenchmark.options(args);
    if (o.containsKey("worker")) {
      System.out.println(worker(o));
      return;
    }
    Split small = Datasets.mnist().standardized();
    Split fashion = (o.containsKey("fashion") ? Datasets.fashionMnist(Path.of(o.get("fashion")))
        : Datasets.fashionMnist());
    int largeTrain = Integer.parseInt(o.getOrDefault("large-train", "0"));
    int largeTest = Integer.parseInt(o.getOrDefault("large-test", "0"));
    Split large = new Split(
        largeTrain > 0 ? fashion.train().take(largeTrain) : fashion.train(),
        largeTest > 0 ? fashion.test().take(largeTest) : fashion.test()).standardized();
    Path dir = Files.createTempDirectory("hone-gpu-check-");
    Path smallFile = dir.resolve("mnist.bin");
    Path largeFile = dir.resolve("fashion.bin");
    try {
      TrainingBenchmark.write(small, smallFile);
      TrainingBenchmark.write(large, largeFile);
      System.err.printf(Locale.ROOT, "data: MNIST %d/%d rows, Fashion-MNIST %d/%d rows (train/test,"
          + " standardized) in %s%n", small.train().size(), small.test().size(),
          large.train().size(), large.test().size(), dir);
      JsonObject all = new JsonObject();
      all.add("options", new Gson().toJsonTree(o));
      JsonArray results = new JsonArray();
      for (String side : o.getOrDefault("sides", "hone-gpu,hone-cpu,torch-gpu").split(",")) {
        long started = System.nanoTime();
        JsonObject r = TrainingBenchmark.lastJsonLine(command(side, o, smallFile, largeFile), side);
        r.addProperty("wall_seconds", (System.nanoTime() - started) / 1e9);
        System.err.printf(Locale.ROOT, "%s done in %.1f s%n", side,
            r.get("wall_seconds").getAsDouble());
        results.add(r);
        all.add("sides", results);
        save(all, o); // after each side, so a run cut short keeps what it measured
      }
      all.add("checks", report(results, Integer.parseInt(o.getOrDefault("epochs", "5"))));
      save(all, o);
    } finally {
      Files.deleteIfExists(smallFile);
      Files.deleteIfExists(largeFile);
      Files.deleteIfExists(dir);
    }
  }

  private static void save(JsonObject all, Map<String, String> o) throws IOException {
    if (o.containsKey("out")) {
      Files.writeString(Path.of(o.get("out")),
          new GsonBuilder().setPrettyPrinting().create().toJson(all), StandardCharsets.UTF_8);
    }
  }

  /** The child process that runs one side. */
  private static ProcessBuilder command(String side, Map<String, String> o, Path small,
      Path large) {
    String epochs = o.getOrDefault("epochs", "5");
    String batches = o.getOrDefault("batches", "128,1024");
    String widths = o.getOrDefault("large", "784,4096,4096,10");
    String calls = o.getOrDefault("latency-calls", "2000");
    List<String> cmd = new ArrayList<>();
    switch (side) {
      case "hone-gpu", "hone-cpu" -> {
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // DJL reads its settings from the environment or from system properties; pass ours on.
        System.getProperties().stringPropertyNames().stream()
            .filter(k -> k.startsWith("ai.djl.") || k.startsWith("jna."))
            .sorted().forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-Dai.djl.offline=true", "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
            System.getProperty("java.class.path"), GpuCheck.class.getName(), "--worker",
            "--device=" + side.substring(5), "--small=" + small, "--large=" + large,
            "--large-widths=" + widths, "--epochs=" + epochs, "--batches=" + batches,
            "--latency-calls=" + calls));
      }
      case "torch-gpu", "torch-cpu" -> cmd.addAll(List.of(o.getOrDefault("python", "python3"),
          o.getOrDefault("peer", "dsl/bench/gpu/torch_gpu_peer.py"),
          "--device", side.equals("torch-gpu") ? "cuda" : "cpu", "--small", small.toString(),
          "--large", large.toString(), "--large-widths", widths, "--epochs", epochs,
          "--batches", batches, "--lr", String.valueOf(LR), "--seed", String.valueOf(SEED),
          "--latency-calls", calls));
      default -> throw new IllegalArgumentException("unknown side '" + side + "'; expected"
          + " hone-gpu, hone-cpu, torch-gpu or torch-cpu");
    }
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  /** Hone's side: trains and times both models on one device, returns one JSON object. */
  private static JsonObject worker(Map<String, String> o) throws IOException {
    Device device = Device.parse(o.getOrDefault("device", "auto"));
    ai.djl.Device resolved = Engines.resolve(device);
    Device used = resolved.isGpu() ? Device.gpu(resolved.getDeviceId()) : Device.cpu();
    int epochs = Integer.parseInt(o.getOrDefault("epochs", "5"));
    int[] batches = ints(o.getOrDefault("batches", "128,1024"));
    int calls = Integer.parseInt(o.getOrDefault("latency-calls", "2000"));
    JsonObject out = new JsonObject();
    out.addProperty("side", "hone-" + (resolved.isGpu() ? "gpu" : "cpu"));
    out.addProperty("device", used.toString());
    out.addProperty("engine", Engines.engine().getEngineName() + " "
        + Engines.engine().getVersion());
    out.addProperty("gpus_seen", Engines.engine().getGpuCount());
    // Where DJL took libtorch from: PYTORCH_LIBRARY_PATH's folder, or its cache of the jar.
    out.addProperty("libtorch_dir", ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
    out.addProperty("java_home", System.getProperty("java.home"));
    out.addProperty("java", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    out.addProperty("cpus", Runtime.getRuntime().availableProcessors());
    JsonArray models = new JsonArray();
    models.add(model("small", SMALL, TrainingBenchmark.read(Path.of(o.get("small"))), used,
        epochs, batches, calls));
    models.add(model("large", ints(o.getOrDefault("large-widths", "784,4096,4096,10")),
        TrainingBenchmark.read(Path.of(o.get("large"))), used, epochs, batches, calls));
    out.add("models", models);
    return out;
  }

  private static JsonObject model(String key, int[] widths, Dataset[] data, Device device,
      int epochs, int[] batches, int calls) {
    JsonObject m = new JsonObject();
    m.addProperty("key", key);
    m.add("widths", new Gson().toJsonTree(widths));
    m.addProperty("train_rows", data[0].size());
    m.addProperty("test_rows", data[1].size());
    JsonArray runs = new JsonArray();
    TrainedModel first = null;
    for (int batch : batches) {
      TrainedModel t = Model.mlp(widths).train(data[0], Train.epochs(epochs).batchSize(batch)
          .adam(LR).seed(SEED).device(device).listener(TrainingListener.NONE));
      first = first == null ? t : first;
      JsonObject run = new JsonObject();
      run.addProperty("batch", batch);
      JsonArray list = new JsonArray();
      for (EpochStats e : t.history().epochs()) {
        JsonObject j = new JsonObject();
        j.addProperty("epoch", e.epoch());
        j.addProperty("seconds", e.seconds());
        j.addProperty("samples_per_s", e.samplesPerSecond());
        j.addProperty("train_loss", e.trainLoss());
        list.add(j);
      }
      run.add("epochs", list);
      run.addProperty("test_accuracy", accuracy(t, data[1], device));
      runs.add(run);
      System.err.printf(Locale.ROOT, "hone %s %s batch %d: %,.0f samples/s, test accuracy %.4f%n",
          device, key, batch, TrainingBenchmark.steady(run),
          run.get("test_accuracy").getAsDouble());
    }
    m.add("runs", runs);
    // Inference through DJL on the same device (ONNX Runtime is the CPU build and not bundled).
    Serving serving = Serving.on(Backend.DJL_PYTORCH).device(device);
    Throughput tp = Throughput.measure(first, serving, data[1], 256, 20, 200);
    Latency lat = Latency.measure(first, serving, data[1].row(0), 200, calls);
    JsonObject inf = new JsonObject();
    inf.addProperty("batch256_samples_per_s", tp.samplesPerSecond());
    inf.addProperty("batch256_median_us", tp.medianMicrosPerBatch());
    inf.addProperty("batch1_p50_us", lat.p50Micros());
    inf.addProperty("batch1_p99_us", lat.p99Micros());
    m.add("inference", inf);
    return m;
  }

  /** Test accuracy scored through a DJL predictor on the training device. */
  private static double accuracy(TrainedModel model, Dataset test, Device device) {
    int f = test.featureCount();
    FloatBuffer all = test.featureBuffer();
    int correct = 0;
    try (Predictor p = model.predictor(Serving.on(Backend.DJL_PYTORCH).device(device))) {
      for (int start = 0; start < test.size(); start += 1024) {
        int rows = Math.min(1024, test.size() - start);
        float[] x = new float[rows * f];
        all.get(start * f, x);
        float[] logits = p.logits(x, rows);
        int classes = logits.length / rows;
        for (int r = 0; r < rows; r++) {
          int best = 0;
          for (int c = 1; c < classes; c++) {
            best = logits[r * classes + c] > logits[r * classes + best] ? c : best;
          }
          correct += best == test.label(start + r) ? 1 : 0;
        }
      }
    }
    return (double) correct / test.size();
  }

  /** Prints the figures next to the targets; returns the checks as JSON. */
  private static JsonObject report(JsonArray sides, int epochs) {
    Map<String, JsonObject> bySide = new LinkedHashMap<>();
    for (JsonElement s : sides) {
      bySide.put(s.getAsJsonObject().get("side").getAsString(), s.getAsJsonObject());
    }
    JsonObject checks = new JsonObject();
    System.out.printf(Locale.ROOT, "%nAdam 1e-3, %d epochs; samples/s = median over epochs 2..%d"
        + " (epoch 1 = warm-up); accuracy on held-out rows%n", epochs, epochs);
    for (String key : List.of("small", "large")) {
      System.out.printf(Locale.ROOT, "%n%s%n| %-10s | %5s | %12s | %12s | %8s |%n", title(sides,
          key), "side", "batch", "samples/s", "epoch 1", "accuracy");
      System.out.println("|------------|------:|-------------:|-------------:|---------:|");
      for (Map.Entry<String, JsonObject> s : bySide.entrySet()) {
        for (JsonElement r : runs(s.getValue(), key)) {
          JsonObject run = r.getAsJsonObject();
          System.out.printf(Locale.ROOT, "| %-10s | %5d | %,12.0f | %,12.0f | %8.4f |%n",
              s.getKey(), run.get("batch").getAsInt(), TrainingBenchmark.steady(run),
              TrainingBenchmark.firstEpoch(run),
              run.get("test_accuracy").getAsDouble());
        }
      }
      System.out.printf(Locale.ROOT, "%n| %-10s | %18s | %13s | %13s |%n", "side",
          "batch 256 samples/s", "batch 1 p50 us", "batch 1 p99 us");
      System.out.println("|------------|-------------------:|--------------:|--------------:|");
      for (Map.Entry<String, JsonObject> s : bySide.entrySet()) {
        JsonObject inf = model(s.getValue(), key).getAsJsonObject("inference");
        System.out.printf(Locale.ROOT, "| %-10s | %,18.0f | %13.1f | %13.1f |%n", s.getKey(),
            inf.get("batch256_samples_per_s").getAsDouble(),
            inf.get("batch1_p50_us").getAsDouble(), inf.get("batch1_p99_us").getAsDouble());
      }
      for (JsonElement r : runs(bySide.getOrDefault("hone-gpu", new JsonObject()), key)) {
        int batch = r.getAsJsonObject().get("batch").getAsInt();
        String at = key + " batch " + batch;
        check(checks, "hone-gpu / torch-gpu samples/s, " + at, ratio(bySide, key, batch,
            "hone-gpu", "torch-gpu"), TORCH_RATIO_TARGET, ">= 0.83 (within 1.2x)");
        if (key.equals("large")) {
          check(checks, "hone-gpu / hone-cpu samples/s, " + at, ratio(bySide, key, batch,
              "hone-gpu", "hone-cpu"), GPU_OVER_CPU_TARGET, ">= 10");
        }
        double gap = Math.abs(acc(bySide, key, batch, "hone-gpu") - acc(bySide, key, batch,
            "hone-cpu"));
        check(checks, "|hone-gpu - hone-cpu| accuracy, " + at, -gap, -ACCURACY_NOISE,
            "<= " + ACCURACY_NOISE);
      }
    }
    return checks;
  }

  private static void check(JsonObject checks, String name, double value, double target,
      String wanted) {
    boolean known = !Double.isNaN(value);
    String verdict = !known ? "n/a (a side did not run)" : value >= target ? "met" : "NOT met";
    double shown = value < 0 ? -value : value;
    System.out.printf(Locale.ROOT, "%-52s %8s  target %-20s %s%n", name,
        known ? String.format(Locale.ROOT, "%.3f", shown) : "-", wanted, verdict);
    JsonObject c = new JsonObject();
    c.addProperty("value", known ? shown : null);
    c.addProperty("target", wanted);
    c.addProperty("verdict", verdict);
    checks.add(name, c);
  }

  private static double ratio(Map<String, JsonObject> bySide, String key, int batch, String a,
      String b) {
    JsonObject ra = run(bySide.get(a), key, batch);
    JsonObject rb = run(bySide.get(b), key, batch);
    return ra == null || rb == null ? Double.NaN
        : TrainingBenchmark.steady(ra) / TrainingBenchmark.steady(rb);
  }

  private static double acc(Map<String, JsonObject> bySide, String key, int batch, String side) {
    JsonObject r = run(bySide.get(side), key, batch);
    return r == null ? Double.NaN : r.get("test_accuracy").getAsDouble();
  }

  private static JsonObject run(JsonObject side, String key, int batch) {
    if (side == null) {
      return null;
    }
    for (JsonElement r : runs(side, key)) {
      if (r.getAsJsonObject().get("batch").getAsInt() == batch) {
        return r.getAsJsonObject();
      }
    }
    return null;
  }

  private static JsonArray runs(JsonObject side, String key) {
    JsonObject m = model(side, key);
    return m == null ? new JsonArray() : m.getAsJsonArray("runs");
  }

  private static JsonObject model(JsonObject side, String key) {
    if (!side.has("models")) {
      return null;
    }
    for (JsonElement m : side.getAsJsonArray("models")) {
      if (m.getAsJsonObject().get("key").getAsString().equals(key)) {
        return m.getAsJsonObject();
      }
    }
    return null;
  }

  private static String title(JsonArray sides, String key) {
    JsonObject m = model(sides.get(0).getAsJsonObject(), key);
    return "mlp" + m.get("widths").toString().replace('[', '(').replace(']', ')') + " on "
        + (key.equals("small") ? "MNIST" : "Fashion-MNIST") + ", " + m.get("train_rows")
        + " train / " + m.get("test_rows") + " test rows";
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }
}
