package dev.hone.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.layer.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SparseMlpKernelTest {

  private static final int[] WIDTHS = {37, 24, 16, 5};

  /** Seeded He-scaled weights with the given share set to exactly zero at random. */
  private static List<float[]> weights(int[] widths, double sparsity, SplittableRandom random) {
    List<float[]> out = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      float[] w = new float[widths[l] * widths[l + 1]];
      double scale = Math.sqrt(2.0 / widths[l]);
      for (int k = 0; k < w.length; k++) {
        w[k] = random.nextDouble() < sparsity ? 0f : (float) (gaussian(random) * scale);
      }
      out.add(w);
    }
    return out;
  }

  private static List<float[]> biases(int[] widths, SplittableRandom random) {
    List<float[]> out = new ArrayList<>();
    for (int l = 1; l < widths.length; l++) {
      float[] b = new float[widths[l]];
      for (int j = 0; j < b.length; j++) {
        b[j] = (float) (gaussian(random) * 0.1);
      }
      out.add(b);
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static float[] features(int rows, int inputs, SplittableRandom random) {
    float[] x = new float[rows * inputs];
    for (int k = 0; k < x.length; k++) {
      // A quarter exact zeros, as raw pixels have, the rest standardised-looking values.
      x[k] = random.nextDouble() < 0.25 ? 0f : (float) gaussian(random);
    }
    return x;
  }

  /** The straightforward dense computation in double precision. */
  private static double[] reference(int[] widths, List<float[]> w, List<float[]> b,
      Activation act, float[] x, int rows) {
    int classes = widths[widths.length - 1];
    double[] out = new double[rows * classes];
    for (int r = 0; r < rows; r++) {
      double[] h = new double[widths[0]];
      for (int i = 0; i < h.length; i++) {
        h[i] = x[r * widths[0] + i];
      }
      for (int l = 0; l + 1 < widths.length; l++) {
        int in = widths[l];
        int outs = widths[l + 1];
        double[] y = new double[outs];
        for (int j = 0; j < outs; j++) {
          double s = b.get(l)[j];
          for (int i = 0; i < in; i++) {
            s += h[i] * w.get(l)[i * outs + j];
          }
          y[j] = l + 2 < widths.length ? act.apply((float) s) : s;
        }
        h = y;
      }
      System.arraycopy(h, 0, out, r * classes, classes);
    }
    return out;
  }

  private static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int k = 0; k < expected.length; k++) {
      double tol = 1e-4 * Math.max(scale, Math.abs(expected[k]));
      assertTrue(Math.abs(expected[k] - actual[k]) <= tol, what + ": logit " + k + " was "
          + actual[k] + ", expected " + expected[k] + " within " + tol);
    }
  }

  private static void checkAgainstReference(int[] widths, double sparsity, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<float[]> w = weights(widths, sparsity, random);
    List<float[]> b = biases(widths, random);
    for (Activation act : Activation.values()) {
      SparseMlpKernel k = SparseMlpKernel.of(widths, w, b, act);
      for (int trial = 0; trial < 4; trial++) {
        int rows = 1 + random.nextInt(7);
        float[] x = features(rows, widths[0], random);
        assertClose(reference(widths, w, b, act, x, rows), k.logits(x, rows),
            "sparsity " + sparsity + ", " + act + ", " + rows + " rows");
      }
    }
  }

  @Test
  void logits_match_a_dense_reference_when_nothing_is_pruned() {
    checkAgainstReference(WIDTHS, 0, 1);
  }

  @Test
  void logits_match_a_dense_reference_at_50_percent_sparsity() {
    checkAgainstReference(WIDTHS, 0.5, 2);
  }

  @Test
  void logits_match_a_dense_reference_at_90_percent_sparsity() {
    checkAgainstReference(WIDTHS, 0.9, 3);
  }

  @Test
  void logits_match_a_dense_reference_at_99_percent_sparsity() {
    checkAgainstReference(new int[] {200, 100, 10}, 0.99, 4);
  }

  @Test
  void logits_match_a_dense_reference_for_an_mnist_sized_model_and_a_batch_of_40() {
    int[] widths = {784, 128, 64, 10};
    SplittableRandom random = new SplittableRandom(5);
    for (double sparsity : new double[] {0, 0.5, 0.9, 0.99}) {
      List<float[]> w = weights(widths, sparsity, random);
      List<float[]> b = biases(widths, random);
      SparseMlpKernel k = SparseMlpKernel.of(widths, w, b, Activation.RELU);
      for (int rows : new int[] {1, 7, 40}) {
        float[] x = features(rows, widths[0], random);
        assertClose(reference(widths, w, b, Activation.RELU, x, rows), k.logits(x, rows),
            "sparsity " + sparsity + ", " + rows + " rows");
      }
    }
  }

  @Test
  void a_layer_that_is_entirely_zero_passes_only_its_bias_on() {
    SplittableRandom random = new SplittableRandom(6);
    List<float[]> w = weights(WIDTHS, 0.5, random);
    w.set(1, new float[WIDTHS[1] * WIDTHS[2]]);
    List<float[]> b = biases(WIDTHS, random);
    for (Activation act : Activation.values()) {
      SparseMlpKernel k = SparseMlpKernel.of(WIDTHS, w, b, act);
      float[] x = features(3, WIDTHS[0], random);
      double[] expected = reference(WIDTHS, w, b, act, x, 3);
      assertClose(expected, k.logits(x, 3), act.toString());
      // Every row gets the same logits, since the zero layer forgets the input.
      float[] logits = k.logits(x, 3);
      for (int j = 0; j < WIDTHS[3]; j++) {
        assertEquals(logits[j], logits[WIDTHS[3] + j], 1e-6);
      }
    }
  }

  @Test
  void a_model_of_only_zero_weights_gives_the_last_bias() {
    int[] widths = {4, 3, 2};
    List<float[]> w = List.of(new float[12], new float[6]);
    List<float[]> b = List.of(new float[] {1, -1, 2}, new float[] {0.5f, -0.25f});
    SparseMlpKernel k = SparseMlpKernel.of(widths, w, b, Activation.RELU);
    assertEquals(0, k.nonZeroWeights());
    float[] logits = k.logits(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2);
    assertEquals("[0.5, -0.25, 0.5, -0.25]", Arrays.toString(logits));
  }

  @Test
  void counts_non_zero_weights_and_reports_its_shape() {
    int[] widths = {3, 2, 2};
    List<float[]> w = List.of(new float[] {0, 1, 0, 0, -2, 0}, new float[] {0, 0, 3, -0f});
    List<float[]> b = List.of(new float[2], new float[2]);
    SparseMlpKernel k = SparseMlpKernel.of(widths, w, b, Activation.TANH);
    assertEquals(3, k.nonZeroWeights());
    assertEquals(3, k.inputs());
    assertEquals(2, k.classes());
  }

  @Test
  void copies_its_arrays_so_later_changes_do_not_leak_in() {
    int[] widths = {2, 2};
    float[] w = {1, 0, 0, 1};
    float[] b = {0, 0};
    SparseMlpKernel k = SparseMlpKernel.of(widths, List.of(w), List.of(b), Activation.RELU);
    w[0] = 100;
    b[1] = 100;
    widths[0] = 7;
    assertEquals("[3.0, 4.0]", Arrays.toString(k.logits(new float[] {3, 4}, 1)));
  }

  @Test
  void gives_the_same_logits_from_many_threads_at_once() throws Exception {
    int[] widths = {784, 128, 64, 10};
    SplittableRandom random = new SplittableRandom(7);
    List<float[]> w = weights(widths, 0.9, random);
    List<float[]> b = biases(widths, random);
    SparseMlpKernel k = SparseMlpKernel.of(widths, w, b, Activation.RELU);
    float[][] inputs = new float[8][];
    float[][] expected = new float[8][];
    for (int t = 0; t < inputs.length; t++) {
      int rows = 1 + t % 4;
      inputs[t] = features(rows, 784, random);
      expected[t] = k.logits(inputs[t], rows);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < inputs.length; t++) {
        int task = t;
        results.add(pool.submit(() -> {
          for (int rep = 0; rep < 200; rep++) {
            if (!Arrays.equals(expected[task], k.logits(inputs[task], 1 + task % 4))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static IllegalArgumentException rejects(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run);
  }

  private static final List<float[]> W = List.of(new float[6], new float[4]);
  private static final List<float[]> B = List.of(new float[2], new float[2]);
  private static final int[] SHAPE = {3, 2, 2};

  @Test
  void rejects_a_weight_array_of_the_wrong_size() {
    String m = rejects(() -> SparseMlpKernel.of(SHAPE, List.of(new float[5], new float[4]), B,
        Activation.RELU)).getMessage();
    assertTrue(m.contains("layer 0") && m.contains("5") && m.contains("3 * 2 = 6"), m);
  }

  @Test
  void rejects_a_bias_array_of_the_wrong_size() {
    String m = rejects(() -> SparseMlpKernel.of(SHAPE, W, List.of(new float[2], new float[3]),
        Activation.RELU)).getMessage();
    assertTrue(m.contains("layer 1") && m.contains("bias has 3") && m.contains("expected 2"), m);
  }

  @Test
  void rejects_a_weight_that_is_not_finite() {
    float[] bad = new float[6];
    bad[4] = Float.NaN;
    String m = rejects(() -> SparseMlpKernel.of(SHAPE, List.of(bad, new float[4]), B,
        Activation.RELU)).getMessage();
    assertTrue(m.contains("weight (2, 0) is NaN") && m.contains("finite"), m);
  }

  @Test
  void rejects_a_bias_that_is_not_finite() {
    String m = rejects(() -> SparseMlpKernel.of(SHAPE, W,
        List.of(new float[2], new float[] {0, Float.POSITIVE_INFINITY}), Activation.RELU))
        .getMessage();
    assertTrue(m.contains("bias 1 is Infinity") && m.contains("finite"), m);
  }

  @Test
  void rejects_null_arguments() {
    rejects(() -> SparseMlpKernel.of(null, W, B, Activation.RELU));
    rejects(() -> SparseMlpKernel.of(SHAPE, null, B, Activation.RELU));
    rejects(() -> SparseMlpKernel.of(SHAPE, W, null, Activation.RELU));
    rejects(() -> SparseMlpKernel.of(SHAPE, W, B, null));
    rejects(() -> SparseMlpKernel.of(SHAPE, Arrays.asList(null, new float[4]), B,
        Activation.RELU));
    SparseMlpKernel k = SparseMlpKernel.of(SHAPE, W, B, Activation.RELU);
    rejects(() -> k.logits(null, 1));
  }

  @Test
  void rejects_widths_that_do_not_describe_the_layers() {
    rejects(() -> SparseMlpKernel.of(new int[] {3}, List.of(), List.of(), Activation.RELU));
    rejects(() -> SparseMlpKernel.of(new int[] {3, 0, 2}, W, B, Activation.RELU));
    String m = rejects(() -> SparseMlpKernel.of(new int[] {3, 2}, W, B, Activation.RELU))
        .getMessage();
    assertTrue(m.contains("got 2 weights") && m.contains("need 1"), m);
  }

  @Test
  void rejects_features_whose_length_does_not_match_the_rows() {
    SparseMlpKernel k = SparseMlpKernel.of(SHAPE, W, B, Activation.RELU);
    String m = rejects(() -> k.logits(new float[5], 2)).getMessage();
    assertTrue(m.contains("2 rows of 3 features (6 values)") && m.contains("got 5"), m);
    rejects(() -> k.logits(new float[0], 0));
  }

  @Test
  void rejects_a_feature_that_is_not_finite() {
    SparseMlpKernel k = SparseMlpKernel.of(SHAPE, W, B, Activation.RELU);
    String m = rejects(() -> k.logits(new float[] {0, 0, 0, 0, Float.NaN, 0}, 2)).getMessage();
    assertTrue(m.contains("row 1, feature 1 is NaN"), m);
  }
}
