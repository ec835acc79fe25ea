package dev.hone.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.data.Split;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimizeTest {

  private static final Split DATA = blobs(1200, 16, 4, 11).split(0.25, 3);
  private static final Split TRAIN_VAL = DATA.train().split(0.25, 4);
  private static final TrainedModel MODEL = Model.mlp(16, 64, 32, 4).train(TRAIN_VAL.train(),
      Train.epochs(6).batchSize(32).adam(1e-2).listener(TrainingListener.NONE));

  /** Gaussian blobs around random centres: easy to learn, with some overlap. */
  static Dataset blobs(int rows, int features, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[classes][features];
    for (float[] c : centres) {
      for (int j = 0; j < features; j++) {
        c[j] = (float) (r.nextDouble() * 4 - 2);
      }
    }
    float[][] x = new float[rows][features];
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = i % classes;
      for (int j = 0; j < features; j++) {
        x[i][j] = centres[y[i]][j] + (float) (gaussian(r) * 1.2);
      }
    }
    return Dataset.of("blobs", x, y, classes);
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static Optimize search() {
    return Optimize.model(MODEL).on(TRAIN_VAL.test()).trainingData(TRAIN_VAL.train())
        .testOn(DATA.test()).withinAccuracyDrop(0.01).epochs(1, 2).maxTrials(30);
  }

  @Test
  void the_chosen_model_is_smaller_keeps_the_budget_and_is_reported_on_test_rows() {
    Optimization o = search().minimize(Goal.FILE_BYTES);
    Trial best = o.best();
    assertTrue(best.withinBudget(), o.toString());
    assertTrue(best.accuracy() >= o.baseline().accuracy() - 0.01 - 1e-12, o.toString());
    assertTrue(o.sizeRatio() > 4, "only " + o.sizeRatio() + "x smaller\n" + o);
    for (Trial t : o.trials()) {
      if (t.withinBudget()) {
        assertTrue(t.fileBytes() >= best.fileBytes(), "trial " + t.index() + " is smaller\n" + o);
      }
    }
    assertEquals(best.model().evaluate(DATA.test()).accuracy(), o.testAccuracyAfter(), 1e-12);
    assertEquals(MODEL.evaluate(DATA.test()).accuracy(), o.testAccuracyBefore(), 1e-12);
    List<String> forms = o.trials().stream().map(Trial::form).distinct().toList();
    assertTrue(forms.containsAll(List.of("dense", "pruned", "clustered", "quantized")),
        forms.toString());
    assertTrue(o.headline().contains("held-out"), o.headline());
    assertTrue(o.stopReason().equals("completed") || o.stopReason().startsWith("trial budget"),
        o.stopReason());
    Map<String, String> bundle = o.toMimeBundle();
    assertTrue(bundle.get("text/html").contains("<table>"));
    assertFalse(bundle.get("image/png").isEmpty());
  }

  @Test
  void the_same_settings_give_the_same_trials() {
    Optimize s = search().maxTrials(8);
    Optimization a = s.minimize(Goal.FILE_BYTES);
    Optimization b = s.minimize(Goal.FILE_BYTES);
    assertEquals(a.trials().size(), b.trials().size());
    for (int i = 0; i < a.trials().size(); i++) {
      Trial x = a.trials().get(i);
      Trial y = b.trials().get(i);
      assertEquals(x.provenance(), y.provenance());
      assertEquals(x.accuracy(), y.accuracy());
      // File bytes include the history's timings, which differ run to run; the layers do not.
      assertEquals(x.model().layers(), y.model().layers());
    }
    assertEquals(a.bestIndex(), b.bestIndex());
  }

  @Test
  void a_throughput_search_stops_a_branch_at_its_first_broken_budget() {
    Optimization o;
    try {
      o = search().minimize(Goal.THROUGHPUT_B256);
    } catch (NoImprovementException e) {
      o = e.result(); // a model this small is bound by the call, not the arithmetic
    }
    assertTrue(o.best().withinBudget());
    // Within one branch, a trial that broke the budget gets one longer fine-tuning (which
    // continues from it); after that nothing follows in the branch.
    List<Trial> t = o.trials();
    for (int i = 1; i + 1 < t.size(); i++) {
      String branch = branch(t.get(i).name());
      if (!t.get(i).withinBudget() && !branch.equals("quantize")) {
        String next = t.get(i + 1).name();
        boolean recovery = next.startsWith(t.get(i).name() + " > fine_tune");
        assertTrue(recovery || !branch.equals(branch(next)),
            "trial " + (i + 1) + " continues a broken branch\n" + o);
        if (recovery && !t.get(i + 1).withinBudget() && i + 2 < t.size()) {
          assertFalse(branch.equals(branch(t.get(i + 2).name())),
              "trial " + (i + 2) + " continues a broken branch\n" + o);
        }
      }
    }
  }

  private static String branch(String name) {
    if (name.contains("quantize")) {
      return "quantize";
    }
    if (name.contains("cluster")) {
      return "cluster";
    }
    if (name.contains("distill")) {
      return "distill";
    }
    if (name.contains("gradual(")) {
      return "gradual";
    }
    if (name.startsWith("prune_neurons")) {
      return "neurons";
    }
    return name.contains("scope=global") ? "global" : "layers";
  }

  @Test
  void an_interrupt_returns_the_best_model_so_far() {
    Optimization o = search().onTrial(t -> {
      if (t.index() == 3) {
        Thread.currentThread().interrupt();
      }
    }).minimize(Goal.FILE_BYTES);
    assertEquals("interrupted", o.stopReason());
    assertEquals(4, o.trials().size());
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is consumed");
  }

  @Test
  void no_improvement_is_a_clear_error_that_carries_the_trials() {
    // Labels are the model's own predictions on the rows nearest its decision boundaries:
    // accuracy is exactly 1, and with a zero budget any technique that moves a logit a little
    // flips one of them.
    SplittableRandom r = new SplittableRandom(5);
    int n = 60_000;
    float[][] x = new float[n][16];
    for (float[] row : x) {
      for (int j = 0; j < 16; j++) {
        row[j] = (float) (r.nextDouble() * 6 - 3);
      }
    }
    Dataset all = Dataset.of("random", x, new int[n], 4);
    float[] z = MODEL.logits(all);
    Integer[] order = new Integer[n];
    double[] margin = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      float[] l = java.util.Arrays.copyOfRange(z, 4 * i, 4 * i + 4);
      java.util.Arrays.sort(l);
      margin[i] = l[3] - l[2];
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> margin[i]));
    float[][] near = new float[400][];
    for (int i = 0; i < near.length; i++) {
      near[i] = x[order[i]];
    }
    Dataset own = Dataset.of("own-predictions", near, MODEL.predict(near), 4);
    NoImprovementException e = assertThrows(NoImprovementException.class,
        () -> Optimize.model(MODEL).on(own).withinAccuracyDrop(0).minimize(Goal.FILE_BYTES));
    assertTrue(e.getMessage().contains("no technique improved file bytes"), e.getMessage());
    assertEquals(0, e.result().bestIndex());
    assertEquals("completed", e.result().stopReason());
    assertTrue(e.result().trials().size() >= 3, e.result().toString());
  }

  @Test
  void a_search_cut_short_by_its_trial_budget_returns_what_it_has() {
    Optimization o = search().maxTrials(3).minimize(Goal.FILE_BYTES);
    assertEquals(3, o.trials().size());
    assertTrue(o.stopReason().startsWith("trial budget of 3"), o.stopReason());
  }

  @Test
  void bad_settings_get_clear_errors() {
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
        () -> Optimize.model(MODEL).withinAccuracyDrop(-0.1));
    assertTrue(low.getMessage().contains("-0.1"), low.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Optimize.model(MODEL).withinAccuracyDrop(1.5));
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> Optimize.model(MODEL).on(blobs(50, 9, 4, 1)));
    assertTrue(width.getMessage().contains("9 features"), width.getMessage());
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> Optimize.model(MODEL).minimize(Goal.FILE_BYTES));
    assertTrue(none.getMessage().contains("validation"), none.getMessage());
    IllegalStateException tooShort = assertThrows(IllegalStateException.class,
        () -> search().timeBudget(Duration.ofMillis(1)).minimize(Goal.FILE_BYTES));
    assertTrue(tooShort.getMessage().contains("one trial took"), tooShort.getMessage());
  }
}
