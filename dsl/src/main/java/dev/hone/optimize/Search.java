package dev.hone.optimize;

import dev.hone.bench.Compare;
import dev.hone.bench.Latency;
import dev.hone.bench.Throughput;
import dev.hone.data.Dataset;
import dev.hone.model.Model;
import dev.hone.model.Network;
import dev.hone.model.PrunedModel;
import dev.hone.model.Quantizable;
import dev.hone.model.Sensitivity;
import dev.hone.model.TrainedModel;
import dev.hone.quant.Precision;
import dev.hone.quant.Quantization;
import dev.hone.train.PruningSchedule;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The search behind {@link Optimize#minimize}: branches of rising strength, each stopped at its
 * first model that breaks the budget, then quantization and clustering of what kept it.
 */
final class Search {

  /** Sparsities of the sensitivity scan. */
  private static final double[] SCAN = {0.5, 0.7, 0.8, 0.9, 0.95, 0.98};
  /** How much one layer alone may cost, in multiples of the budget, per sensitivity step. */
  private static final double[] LAYER_COST = {0.25, 0.5, 1, 2, 4, 8};
  private static final double[] GLOBAL = {0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98};
  private static final double[] GRADUAL = {0.9, 0.95, 0.97};
  private static final double[] NEURONS = {0.25, 0.5, 0.75};
  private static final int[] STUDENT_DIVISORS = {2, 4};
  private static final int[] CLUSTER_BITS = {6, 5, 4, 3, 2};

  private final Optimize o;
  private final Goal goal;
  private final List<Trial> trials = new ArrayList<>();
  private final float[] row;
  private long start;
  private double floor;
  private String stopped = "completed";
  private final List<String> failures = new ArrayList<>();

  Search(Optimize settings, Goal goal) {
    this.o = settings;
    this.goal = goal;
    this.row = settings.validation().row(0);
  }

  /** Stops the search: a budget ran out or the user interrupted. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop(String reason) {
      super(reason, null, false, false);
    }
  }

  Optimization run() {
    start = System.nanoTime();
    Trial base = trial(() -> o.model());
    floor = base.accuracy() - o.maxDrop();
    trials.set(0, withBudget(base));
    try {
      // Quantizing is cheap and moves every goal, so each branch's survivors are quantized as
      // soon as the branch ends, not after all branches (where a budget might cut it off).
      quantizeEach(List.of(o.model()));
      trial(() -> o.model().quantize(Precision.FP16));
      if (o.training() != null) {
        trial(() -> o.model().quantize(Quantization.int8().calibrate(calibrationRows())));
      }
      if (goal == Goal.FILE_BYTES) {
        List<Network> pruned = new ArrayList<>(pruneBySensitivity());
        pruned.addAll(pruneGlobally());
        pruned.addAll(pruneGradually());
        quantizeEach(pruned);
        clusterEach(pruned);
        quantizeEach(shrink());
        quantizeEach(distill());
      } else {
        quantizeEach(shrink());
        quantizeEach(distill());
        if (goal == Goal.LATENCY_B1) {
          // Only single rows gain from sparsity (the heap kernel); at 256 rows a pruned model
          // runs as dense, so a throughput search skips pruning.
          quantizeEach(pruneBySensitivity());
          quantizeEach(pruneGlobally());
          quantizeEach(pruneGradually());
        }
      }
    } catch (Stop s) {
      stopped = s.getMessage();
      if (stopped.equals("interrupted")) {
        Thread.interrupted(); // consumed: the search answers the interrupt with its best so far
      }
    }
    Trial best = trials.get(0);
    for (Trial t : trials) {
      if (t.withinBudget() && (goal.better(goal.of(t), goal.of(best))
          || goal.of(t) == goal.of(best) && t.accuracy() > best.accuracy())) {
        best = t;
      }
    }
    if (goal != Goal.FILE_BYTES && !clearlyBetter(goal.of(best), goal.of(trials.get(0)))) {
      best = trials.get(0); // within timing noise of the model as given
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Dataset test = o.test();
    Optimization result = new Optimization(goal, o.maxDrop(), trials, best.index(), stopped,
        seconds, failures, test == null ? "" : test.name(),
        test == null ? Double.NaN : o.model().evaluate(test).accuracy(),
        test == null ? Double.NaN : best.model().evaluate(test).accuracy());
    if (best.index() == 0 && stopped.equals("completed")) {
      throw new NoImprovementException("no technique improved " + goal.label() + " within a "
          + String.format(Locale.ROOT, "%.2f", 100 * o.maxDrop()) + "-point budget in "
          + trials.size() + " trials" + (goal == Goal.FILE_BYTES ? "" : " (by at least "
          + Math.round(100 * TIMING_MARGIN) + "%, more than timing noise)")
          + "; the model as given stays the best. Widen the budget, give training rows for"
          + " fine-tuning, or check that the goal can move for a model this size", result);
    }
    return result;
  }

  /** Timing goals count only a gain beyond the noise of a shared machine. */
  private static final double TIMING_MARGIN = 0.05;

  private boolean clearlyBetter(double candidate, double baseline) {
    return goal.largerIsBetter() ? candidate > baseline * (1 + TIMING_MARGIN)
        : candidate < baseline * (1 - TIMING_MARGIN);
  }

  /** Up to 1,000 training rows for static INT8's calibration. */
  private Dataset calibrationRows() {
    return o.training().size() > 1000 ? o.training().take(1000) : o.training();
  }

  private Trial withBudget(Trial t) {
    return new Trial(t.index(), t.name(), t.provenance(), t.form(), t.accuracy(), t.fileBytes(),
        t.latencyP50Micros(), t.samplesPerSecond(), t.seconds(),
        t.accuracy() >= floor - 1e-12, t.model());
  }

  /** Builds, measures and records one model; stops the search when a budget has run out. */
  private Trial trial(Supplier<? extends Network> make) {
    if (!trials.isEmpty() && Thread.currentThread().isInterrupted()) {
      throw new Stop("interrupted");
    }
    if (trials.size() >= o.maxTrials()) {
      throw new Stop("trial budget of " + o.maxTrials() + " reached");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    // The first candidate always runs, so a budget too short for one trial is told apart.
    if (trials.size() >= 2 && elapsed > o.timeBudget().toNanos() / 1e9) {
      throw new Stop(String.format(Locale.ROOT, "time budget of %s reached after %.0f s",
          readable(o.timeBudget()), elapsed));
    }
    long t0 = System.nanoTime();
    Network m;
    double accuracy;
    Latency l;
    Throughput tp;
    try {
      m = make.get();
      accuracy = m.evaluate(o.validation()).accuracy();
      // Warm until steady, so the heap kernel's figure is not the interpreter's.
      l = Latency.measure(m, row, 100, 1000);
      tp = Throughput.measure(m, o.validation(), 256, 3, 15);
    } catch (RuntimeException e) {
      if (trials.isEmpty()) {
        throw e;
      }
      // One technique failing (a weight beyond FP16's range, say) ends its branch, not the
      // search; the result lists it.
      failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      return null;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Trial t = new Trial(trials.size(), Compare.shortName(m.provenance()),
        m.provenance().toString(), m.form(), accuracy, m.fileBytes(), l.p50Micros(),
        tp.samplesPerSecond(), seconds, trials.isEmpty() || accuracy >= floor - 1e-12, m);
    trials.add(t);
    o.onTrial().accept(t);
    if (trials.size() == 2 && seconds > o.timeBudget().toNanos() / 1e9) {
      throw new IllegalStateException(String.format(Locale.ROOT, "one trial took %.1f s but the"
          + " time budget is %s; give at least %d s (Optimize.timeBudget)", seconds,
          readable(o.timeBudget()), (long) Math.ceil(seconds * 10)));
    }
    // The trainer stops at an interrupt and leaves the flag set; the next trial sees it.
    return t;
  }

  /** Returns a duration as people write it: {@code 90 s}, {@code 2 min}, {@code 1 ms}. */
  static String readable(java.time.Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 60_000 == 0 ? ms / 60_000 + " min" : String.format(Locale.ROOT, "%.0f s",
        ms / 1000.0);
  }

  /** A trial that failed, or broke the budget, ends its branch. */
  private static boolean broken(Trial t) {
    return t == null || !t.withinBudget();
  }

  private TrainConfig tune(double lr) {
    return Train.epochs(o.fineTuneEpochs()).batchSize(128).adam(lr).seed(o.seed())
        .listener(TrainingListener.NONE);
  }

  private boolean canTune() {
    return o.training() != null && o.fineTuneEpochs() > 0;
  }

  /**
   * The sensitivity scan, stopped like a trial by an interrupt: its points run on worker threads,
   * which refuse to start (or stop waiting) when the caller's thread is interrupted.
   */
  private Sensitivity scan() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Stop("interrupted");
    }
    try {
      return o.model().sensitivity(o.validation(), SCAN);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // consumed where the search catches its Stop
        throw new Stop("interrupted");
      }
      throw e;
    }
  }

  /** Per-layer amounts from the scan: each layer as sparse as its own cost allows. */
  private List<Network> pruneBySensitivity() {
    Sensitivity scan = scan();
    double baseAccuracy = trials.get(0).accuracy();
    List<String> scopes = scan.scopes().stream().filter(s -> s.startsWith("layer")).toList();
    Map<Integer, Double> last = null;
    Network lastGood = null;
    for (double factor : LAYER_COST) {
      double allowed = factor * Math.max(o.maxDrop(), 0.001);
      Map<Integer, Double> amounts = new LinkedHashMap<>();
      for (int i = 0; i < scopes.size(); i++) {
        double best = 0;
        for (double s : SCAN) {
          if (baseAccuracy - scan.accuracy(scopes.get(i), s) <= allowed) {
            best = s;
          }
        }
        if (best > 0) {
          amounts.put(i, best);
        }
      }
      if (amounts.isEmpty() || amounts.equals(last)) {
        continue;
      }
      last = amounts;
      Map<Integer, Double> chosen = Map.copyOf(amounts);
      Trial t = recovered(trial(() -> tuned(o.model().prune(chosen))));
      if (broken(t)) {
        break;
      }
      lastGood = t.model();
    }
    return lastGood == null ? List.of() : List.of(lastGood);
  }

  private List<Network> pruneGlobally() {
    Network lastGood = null;
    for (double s : GLOBAL) {
      Trial t = recovered(trial(() -> tuned(o.model().pruneGlobal(s))));
      if (broken(t)) {
        break;
      }
      lastGood = t.model();
    }
    return lastGood == null ? List.of() : List.of(lastGood);
  }

  /**
   * Gives a model that broke the budget after its fine-tuning a second, longer fine-tuning (it
   * continues from that model, nothing is retrained) before its branch is stopped.
   */
  private Trial recovered(Trial t) {
    if (t == null || t.withinBudget() || !canTune()) {
      return t;
    }
    TrainConfig longer = tune(1e-3).epochs(2 * o.fineTuneEpochs());
    return trial(() -> switch (t.model().form()) {
      case "pruned" -> ((PrunedModel) t.model()).fineTune(o.training(), longer);
      default -> ((TrainedModel) t.model()).fineTune(o.training(), longer);
    });
  }

  /**
   * Global pruning reached gradually while fine-tuning (Zhu and Gupta 2017), for sparsities
   * beyond what one-shot pruning kept: more epochs, so it runs only with training rows.
   */
  private List<Network> pruneGradually() {
    if (!canTune()) {
      return List.of();
    }
    int epochs = 2 * o.fineTuneEpochs() + 1;
    Network lastGood = null;
    for (double s : GRADUAL) {
      Trial t = trial(() -> o.model().fineTune(o.training(), tune(1e-3).epochs(epochs)
          .pruneGradually(new PruningSchedule(0, s, 0, epochs - 1, 10).global()))
          .pruneGlobal(s));
      if (broken(t)) {
        break;
      }
      lastGood = t.model();
    }
    return lastGood == null ? List.of() : List.of(lastGood);
  }

  private PrunedModel tuned(PrunedModel p) {
    return canTune() ? p.fineTune(o.training(), tune(1e-3)) : p;
  }

  /** Removes a rising share of hidden neurons; every model that keeps the budget is kept. */
  private List<Network> shrink() {
    if (o.model().spec().widths().size() < 3) {
      return List.of();
    }
    List<Network> good = new ArrayList<>();
    for (double f : NEURONS) {
      Trial t = recovered(trial(() -> {
        TrainedModel thin = o.model().pruneNeurons(f);
        return canTune() ? thin.fineTune(o.training(), tune(1e-3)) : thin;
      }));
      if (broken(t)) {
        break;
      }
      good.add(t.model());
    }
    return good;
  }

  /** Students with every hidden layer halved, then quartered, distilled from the model. */
  private List<Network> distill() {
    if (o.training() == null || o.model().spec().widths().size() < 3) {
      return List.of();
    }
    List<Network> good = new ArrayList<>();
    List<Integer> w = o.model().spec().widths();
    for (int d : STUDENT_DIVISORS) {
      int[] widths = new int[w.size()];
      for (int i = 0; i < w.size(); i++) {
        boolean hidden = i > 0 && i < w.size() - 1;
        widths[i] = hidden ? Math.max(2, w.get(i) / d) : w.get(i);
      }
      Trial t = trial(() -> Model.mlp(widths).activation(o.model().spec().activation())
          .distill(o.model(), o.training(), Train.epochs(o.distillEpochs()).batchSize(128)
              .adam(1e-3).seed(o.seed()).listener(TrainingListener.NONE)));
      if (broken(t)) {
        break;
      }
      good.add(t.model());
    }
    return good;
  }

  /** Shares the weights of each kept model, fewer bits until the budget breaks. */
  private void clusterEach(List<Network> models) {
    for (Network m : models) {
      if (!(m instanceof PrunedModel p)) {
        continue;
      }
      for (int bits : CLUSTER_BITS) {
        Trial t = trial(() -> canTune()
            ? p.cluster(bits).fineTune(o.training(), tune(1e-4)) : p.cluster(bits));
        if (broken(t)) {
          break;
        }
      }
    }
  }

  /** INT8 (dynamic) for every model that kept the budget. */
  private void quantizeEach(List<Network> models) {
    for (Network m : models) {
      if (m instanceof Quantizable q) {
        trial(() -> q.quantize(Precision.INT8));
      }
    }
  }
}
