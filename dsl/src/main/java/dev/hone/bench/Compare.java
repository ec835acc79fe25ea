package dev.hone.bench;

import dev.hone.data.Dataset;
import dev.hone.model.Evaluation;
import dev.hone.model.Network;
import dev.hone.model.Predictor;
import dev.hone.model.QuantizedModel;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.runtime.Backend;
import dev.hone.runtime.Serving;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts models side by side on the same held-out data: accuracy, size, sparsity, batch-1 latency
 * and batched throughput, one row per model, with the Pareto fronts of accuracy against size and
 * against latency. An immutable value: the settings return new values.
 *
 * <pre>{@code
 * Comparison c = Compare.of(model, model.prune(0.5), model.prune(0.9), model.cluster(4))
 *     .latency(200, 2000)
 *     .on(mnist.test());
 * c.toTable();
 * c.pareto();       // rows no other row beats on both accuracy and file bytes
 * c.bytesChart();
 * }</pre>
 *
 * <p>Models are measured one at a time, each with its own predictor that is closed before the
 * next model starts, so timings do not compete and native memory does not add up.
 */
public final class Compare {

  /** Default untimed batch-1 calls before timing. */
  public static final int DEFAULT_LATENCY_WARMUP = 500;
  /** Default timed batch-1 calls. */
  public static final int DEFAULT_LATENCY_ITERATIONS = 5_000;
  /** Default rows per call for throughput. */
  public static final int DEFAULT_BATCH = 256;
  /** Default untimed batched calls before timing. */
  public static final int DEFAULT_THROUGHPUT_WARMUP = 20;
  /** Default timed batched calls. */
  public static final int DEFAULT_THROUGHPUT_TIMED = 50;

  /** Steps that train weights; a short name keeps only their epochs. */
  private static final Set<String> TRAINING_STEPS = Set.of("train", "distill", "fine_tune");
  /** The parameters of a quantize step that say what the model is. */
  private static final Set<String> QUANTIZE_NAMING = Set.of("calibration", "weights",
      "symmetry", "fp32_layers");

  private final List<Network> models;
  private final int latencyWarmup;
  private final int latencyIterations;
  private final int batch;
  private final int throughputWarmup;
  private final int throughputTimed;
  private final List<Backend> runtimes;
  private final int threads;

  private Compare(List<Network> models, int latencyWarmup, int latencyIterations, int batch,
      int throughputWarmup, int throughputTimed, List<Backend> runtimes, int threads) {
    this.runtimes = runtimes;
    this.threads = threads;
    this.models = models;
    this.latencyWarmup = latencyWarmup;
    this.latencyIterations = latencyIterations;
    this.batch = batch;
    this.throughputWarmup = throughputWarmup;
    this.throughputTimed = throughputTimed;
  }

  /**
   * Starts a comparison of the given models, in the order given.
   *
   * @param models one or more models of any form
   * @return the comparison settings, with default timing
   * @throws IllegalArgumentException when no model is given
   * @throws NullPointerException naming the index of a null model
   */
  public static Compare of(Network... models) {
    Objects.requireNonNull(models, "models");
    return of(List.of(nonNull(models)));
  }

  /**
   * Starts a comparison of the given models, in list order.
   *
   * @param models one or more models of any form
   * @return the comparison settings, with default timing
   * @throws IllegalArgumentException when the list is empty
   * @throws NullPointerException naming the index of a null model
   */
  public static Compare of(List<? extends Network> models) {
    Objects.requireNonNull(models, "models");
    List<Network> copy = new ArrayList<>(models.size());
    for (int i = 0; i < models.size(); i++) {
      copy.add(Objects.requireNonNull(models.get(i), "model " + i + " is null"));
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("Compare.of needs at least one model, e.g."
          + " Compare.of(model, model.prune(0.5))");
    }
    return new Compare(List.copyOf(copy), DEFAULT_LATENCY_WARMUP, DEFAULT_LATENCY_ITERATIONS,
        DEFAULT_BATCH, DEFAULT_THROUGHPUT_WARMUP, DEFAULT_THROUGHPUT_TIMED, List.of(), 0);
  }

  private static Network[] nonNull(Network[] models) {
    for (int i = 0; i < models.length; i++) {
      Objects.requireNonNull(models[i], "model " + i + " is null");
    }
    return models;
  }

  /**
   * Returns a copy that times batch-1 latency with these counts.
   *
   * @param warmup untimed calls per model, >= 0
   * @param iterations timed calls per model, > 0
   * @return the changed settings
   * @throws IllegalArgumentException when a count is out of range
   */
  public Compare latency(int warmup, int iterations) {
    if (warmup < 0 || iterations <= 0) {
      throw new IllegalArgumentException("need warmup >= 0 and iterations > 0, were " + warmup
          + " and " + iterations);
    }
    return new Compare(models, warmup, iterations, batch, throughputWarmup, throughputTimed,
        runtimes, threads);
  }

  /**
   * Returns a copy that times batched throughput with these counts.
   *
   * <pre>{@code
   * Compare.of(base, small).throughput(1024, 10, 100).on(mnist.test());
   * }</pre>
   *
   * @param batch rows per call, > 0
   * @param warmup untimed calls per model, >= 0
   * @param timed timed calls per model, > 0
   * @return the changed settings
   * @throws IllegalArgumentException when a count is out of range
   */
  public Compare throughput(int batch, int warmup, int timed) {
    if (batch <= 0 || warmup < 0 || timed <= 0) {
      throw new IllegalArgumentException("need batch > 0, warmup >= 0 and timed > 0, were "
          + batch + ", " + warmup + " and " + timed);
    }
    return new Compare(models, latencyWarmup, latencyIterations, batch, warmup, timed,
        runtimes, threads);
  }

  /**
   * Returns a copy that measures each model on every listed runtime that can run its form: a
   * float model gets one row per runtime, a quantized model one row on ONNX Runtime.
   *
   * <pre>{@code
   * Compare.of(model, model.quantize(FP16), model.quantize(INT8))
   *     .runtimes(Backend.DJL_PYTORCH, Backend.ONNX_RUNTIME)
   *     .on(mnist.test());   // FP32 on DJL, FP32 on ONNX Runtime, FP16, INT8
   * }</pre>
   *
   * @param backends one or more runtimes
   * @return the changed settings
   */
  public Compare runtimes(Backend... backends) {
    Objects.requireNonNull(backends, "backends");
    if (backends.length == 0) {
      throw new IllegalArgumentException("name at least one runtime, e.g."
          + " runtimes(Backend.DJL_PYTORCH, Backend.ONNX_RUNTIME)");
    }
    return new Compare(models, latencyWarmup, latencyIterations, batch, throughputWarmup,
        throughputTimed, List.of(backends), threads);
  }

  /**
   * Returns a copy whose ONNX Runtime sessions use this many threads.
   *
   * @param count threads, 0 for ONNX Runtime's default (one per physical core)
   * @return the changed settings
   */
  public Compare threads(int count) {
    Serving.auto().threads(count); // checks the range
    return new Compare(models, latencyWarmup, latencyIterations, batch, throughputWarmup,
        throughputTimed, runtimes, count);
  }

  /** Returns the models, in order. */
  public List<Network> models() {
    return models;
  }

  /**
   * Evaluates and times every model on the data, one model at a time. Every model is checked to
   * fit the data before any is measured.
   *
   * <pre>{@code
   * Comparison c = Compare.of(base, base.prune(0.9)).on(mnist.test());
   * c.pareto();   // the models no other beats on both accuracy and bytes
   * }</pre>
   *
   * @param test held-out rows, at least one
   * @return one row per model, in order
   * @throws IllegalArgumentException naming the model's index and provenance when its inputs or
   *     classes differ from the data's, or when the data is empty
   */
  public Comparison on(Dataset test) {
    Objects.requireNonNull(test, "test");
    if (test.size() == 0) {
      throw new IllegalArgumentException("the data '" + test.name() + "' has no rows");
    }
    for (int i = 0; i < models.size(); i++) {
      checkFits(i, models.get(i), test);
    }
    List<String> names = names(models);
    List<Comparison.Row> rows = new ArrayList<>(models.size());
    float[] row = test.row(0);
    for (int i = 0; i < models.size(); i++) {
      Network m = models.get(i);
      Evaluation e = m.evaluate(test);
      List<Backend> on = runtimes.isEmpty() ? java.util.Collections.singletonList(null)
          : runtimes.stream().filter(b -> serves(b, m)).distinct().toList();
      if (on.isEmpty()) {
        throw new IllegalArgumentException("model " + i + " (" + m.form() + ") runs on none of "
            + runtimes + "; a quantized model runs on " + Backend.ONNX_RUNTIME.label());
      }
      for (Backend b : on) {
        Serving serving = new Serving(b, dev.hone.runtime.Device.auto(), threads);
        Latency l = Latency.measure(m, serving, row, latencyWarmup, latencyIterations);
        Throughput t = Throughput.measure(m, serving, test, batch, throughputWarmup,
            throughputTimed);
        String runtime = b == null ? Predictor.runtimeFor(m, 1) : b.label();
        String name = runtimes.size() > 1 ? names.get(i) + " @ " + runtime : names.get(i);
        rows.add(new Comparison.Row(rows.size(), name, m.provenance().toString(), m.form(),
            e.accuracy(), e.loss(), m.parameterCount(), m.nonZeroParameters(), m.sparsity(),
            m.fileBytes(), m.compressionRatio(), l.p50Micros(), l.p99Micros(),
            t.samplesPerSecond(), runtime, m));
      }
    }
    return new Comparison(test.name(), test.size(), latencyIterations, batch, rows);
  }

  /** A quantized model runs only on ONNX Runtime; a float model on any runtime. */
  private static boolean serves(Backend b, Network m) {
    return !(m instanceof QuantizedModel) || b == Backend.ONNX_RUNTIME;
  }

  private static void checkFits(int index, Network m, Dataset test) {
    int inputs = m.spec().inputs();
    int classes = m.spec().classes();
    if (inputs != test.featureCount()) {
      throw new IllegalArgumentException("model " + index + " (" + m.provenance() + ") has "
          + inputs + " inputs but the data '" + test.name() + "' has " + test.featureCount()
          + " features per row");
    }
    if (classes != test.classes()) {
      throw new IllegalArgumentException("model " + index + " (" + m.provenance() + ") has "
          + classes + " classes but the data '" + test.name() + "' has " + test.classes());
    }
  }

  /**
   * Returns a short name for a model: its provenance steps after the training step, joined by
   * {@code " > "}, with training-like steps ({@code fine_tune}) reduced to their epochs; or
   * {@code dense} when nothing came after training. Without a training step, the steps after
   * the architecture count.
   *
   * @param provenance the model's steps
   * @return such as {@code prune(sparsity=0.5) > fine_tune(epochs=2)}
   */
  public static String shortName(Provenance provenance) {
    List<Step> steps = provenance.steps();
    int start = 1;
    for (int i = 0; i < steps.size(); i++) {
      String n = steps.get(i).name();
      if (n.equals("train") || n.equals("distill")) {
        // A distilled student or a run that pruned while training is named by that step.
        boolean telling = n.equals("distill") || gradual(steps.get(i)) != null;
        start = telling ? i : i + 1;
        break;
      }
    }
    if (start >= steps.size()) {
      return "dense";
    }
    String name = steps.subList(start, steps.size()).stream().map(Compare::shortStep)
        .collect(Collectors.joining(" > "));
    return steps.get(start).name().equals("distill") ? steps.get(0) + " " + name : name;
  }

  private static String gradual(Step s) {
    return s.args().stream().filter(a -> a.startsWith("gradual(")).findFirst().orElse(null);
  }

  private static String shortStep(Step s) {
    if (s.name().equals("quantize")) {
      // What was measured while quantizing (accuracy, costs) is not part of the model's name.
      Step named = Step.of("quantize");
      for (String a : s.args()) {
        named = named.arg(a);
      }
      for (var p : s.params().entrySet()) {
        if (QUANTIZE_NAMING.contains(p.getKey())) {
          named = named.with(p.getKey(), p.getValue());
        }
      }
      return named.toString();
    }
    if (!TRAINING_STEPS.contains(s.name())) {
      return s.toString();
    }
    List<String> parts = new ArrayList<>();
    s.param("epochs").ifPresent(e -> parts.add("epochs=" + e));
    String g = gradual(s);
    if (g != null) {
      parts.add(g);
    }
    s.param("T").ifPresent(t -> parts.add("T=" + t));
    s.param("alpha").ifPresent(a -> parts.add("alpha=" + a));
    return parts.isEmpty() ? s.name() : s.name() + "(" + String.join(", ", parts) + ")";
  }

  /** Short names, made unique by appending {@code #index} to names that occur more than once. */
  static List<String> names(List<Network> models) {
    List<String> names = models.stream().map(m -> shortName(m.provenance())).toList();
    Map<String, Integer> counts = new HashMap<>();
    names.forEach(n -> counts.merge(n, 1, Integer::sum));
    List<String> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      out.add(counts.get(n) > 1 ? n + " #" + i : n);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Compare[" + models.size() + " models, latency " + latencyWarmup + "+"
        + latencyIterations + " calls, throughput batch " + batch + ", " + throughputWarmup + "+"
        + throughputTimed + " calls]";
  }
}
