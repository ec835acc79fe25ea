package dev.hone.bench;

import dev.hone.layer.Activation;
import dev.hone.layer.Dense;
import dev.hone.model.MlpSpec;
import dev.hone.model.Predictor;
import dev.hone.provenance.Provenance;
import dev.hone.model.TrainedModel;
import dev.hone.runtime.internal.SparseMlpKernel;
import dev.hone.train.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Where pruning starts to pay on the heap: median latency of {@link SparseMlpKernel}, the DJL
 * dense predictor and a plain-Java dense loop, for two MLPs pruned by magnitude (per layer) to a
 * range of sparsities, at batch 1, 8 and 256. Weights are seeded He-scaled Gaussians; inputs are
 * standard-normal, like standardised data (no exact zeros). Not part of the library jar.
 *
 * <pre>
 * mvn -q -o -B -pl dsl test-compile
 * java -cp dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/classpath.txt) \
 *     -Dai.djl.offline=true dev.hone.bench.SparseCrossoverBench
 * </pre>
 */
public final class SparseCrossoverBench {

  private static final double[] SPARSITIES = {0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98};
  private static final int[] BATCHES = {1, 8, 256};
  private static final String[] ENGINES = {"sparse", "djl dense", "java dense"};

  private static volatile float sink;

  private SparseCrossoverBench() {}

  /**
   * Runs the benchmark and prints the tables.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("java " + System.getProperty("java.version") + ", "
        + Runtime.getRuntime().availableProcessors() + " cpus; median microseconds per call");
    for (int[] widths : new int[][] {{784, 128, 64, 10}, {784, 300, 100, 10}}) {
      run(widths);
    }
  }

  private static void run(int[] widths) {
    SplittableRandom random = new SplittableRandom(42);
    List<float[]> full = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      float[] w = new float[widths[l] * widths[l + 1]];
      double scale = Math.sqrt(2.0 / widths[l]);
      for (int k = 0; k < w.length; k++) {
        w[k] = (float) (gaussian(random) * scale);
      }
      full.add(w);
      float[] b = new float[widths[l + 1]];
      for (int j = 0; j < b.length; j++) {
        b[j] = (float) (gaussian(random) * 0.1);
      }
      biases.add(b);
    }
    float[][] inputs = new float[16][];
    for (int t = 0; t < inputs.length; t++) {
      inputs[t] = new float[256 * widths[0]];
      for (int k = 0; k < inputs[t].length; k++) {
        inputs[t][k] = (float) gaussian(random);
      }
    }
    // results[batch][sparsity][engine]
    double[][][] results = new double[BATCHES.length][SPARSITIES.length][ENGINES.length];
    for (int s = 0; s < SPARSITIES.length; s++) {
      List<float[]> pruned = new ArrayList<>();
      for (float[] w : full) {
        pruned.add(prune(w, SPARSITIES[s]));
      }
      SparseMlpKernel sparse = SparseMlpKernel.of(widths, pruned, biases, Activation.RELU);
      JavaDense dense = new JavaDense(widths, pruned, biases);
      List<Dense> layers = new ArrayList<>();
      List<Integer> spec = new ArrayList<>();
      for (int l = 0; l + 1 < widths.length; l++) {
        layers.add(new Dense(widths[l], widths[l + 1], pruned.get(l), biases.get(l)));
        spec.add(widths[l]);
      }
      spec.add(widths[widths.length - 1]);
      TrainedModel model = new TrainedModel(new MlpSpec(spec, Activation.RELU), layers,
          History.empty(), Provenance.of(dev.hone.provenance.Step.of("bench")));
      try (Predictor djl = model.predictor()) {
        for (int b = 0; b < BATCHES.length; b++) {
          int rows = BATCHES[b];
          float[][] xs = new float[inputs.length][];
          for (int t = 0; t < xs.length; t++) {
            xs[t] = Arrays.copyOf(inputs[t], rows * widths[0]);
          }
          int timed = rows == 1 ? 20_000 : rows <= 8 ? 5_000 : 300;
          int warm = rows == 1 ? 2_000 : rows <= 8 ? 1_000 : 100;
          results[b][s][0] = median(x -> sparse.logits(x, rows), xs, warm, timed);
          results[b][s][1] = median(x -> djl.logits(x, rows), xs, warm, timed);
          results[b][s][2] = median(x -> dense.logits(x, rows), xs, warm, timed);
        }
      }
      System.out.printf(Locale.ROOT, "  %s sparsity %.2f done (%d non-zero weights)%n",
          Arrays.toString(widths), SPARSITIES[s], sparse.nonZeroWeights());
    }
    print(widths, results);
  }

  private static void print(int[] widths, double[][][] results) {
    System.out.println();
    System.out.println("model " + Arrays.toString(widths) + ", ReLU");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s", "sparsity"));
    for (int batch : BATCHES) {
      for (String e : ENGINES) {
        head.append(String.format(Locale.ROOT, " %13s", e + "@" + batch));
      }
    }
    System.out.println(head);
    for (int s = 0; s < SPARSITIES.length; s++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9.2f", SPARSITIES[s]));
      for (int b = 0; b < BATCHES.length; b++) {
        for (int e = 0; e < ENGINES.length; e++) {
          line.append(String.format(Locale.ROOT, " %13.1f", results[b][s][e]));
        }
      }
      System.out.println(line);
    }
    for (int b = 0; b < BATCHES.length; b++) {
      System.out.printf(Locale.ROOT, "batch %3d: sparse beats DJL dense from sparsity %s,"
          + " beats Java dense from %s; at 0.90 sparse is %.1fx faster than DJL%n", BATCHES[b],
          crossover(results[b], 1), crossover(results[b], 2),
          results[b][4][1] / results[b][4][0]);
    }
  }

  /** The smallest sparsity from which the sparse kernel is faster at every larger sparsity. */
  private static String crossover(double[][] bySparsity, int other) {
    int first = -1;
    for (int s = SPARSITIES.length - 1; s >= 0 && bySparsity[s][0] < bySparsity[s][other]; s--) {
      first = s;
    }
    return first < 0 ? "never (up to 0.98)" : String.format(Locale.ROOT, "%.2f",
        SPARSITIES[first]);
  }

  private static double median(Function<float[], float[]> f, float[][] xs, int warm, int n) {
    for (int i = 0; i < warm; i++) {
      sink += f.apply(xs[i % xs.length])[0];
    }
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      float[] x = xs[i % xs.length];
      long t = System.nanoTime();
      float[] y = f.apply(x);
      nanos[i] = System.nanoTime() - t;
      sink += y[0];
    }
    Arrays.sort(nanos);
    return nanos[n / 2] / 1000.0;
  }

  /** Sets the {@code sparsity} share of smallest-magnitude weights to zero. */
  private static float[] prune(float[] w, double sparsity) {
    float[] mags = new float[w.length];
    for (int k = 0; k < w.length; k++) {
      mags[k] = Math.abs(w[k]);
    }
    Arrays.sort(mags);
    int cut = (int) Math.round(sparsity * w.length);
    float[] out = w.clone();
    if (cut == 0) {
      return out;
    }
    float threshold = mags[cut - 1];
    for (int k = 0; k < out.length; k++) {
      if (Math.abs(out[k]) <= threshold) {
        out[k] = 0;
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** The reference: row by row, {@code y += x_i * W[i, :]}, which the JIT vectorises. */
  private static final class JavaDense {
    private final int[] widths;
    private final List<float[]> weights;
    private final List<float[]> biases;

    JavaDense(int[] widths, List<float[]> weights, List<float[]> biases) {
      this.widths = widths;
      this.weights = weights;
      this.biases = biases;
    }

    float[] logits(float[] x, int rows) {
      int classes = widths[widths.length - 1];
      float[] out = new float[rows * classes];
      for (int r = 0; r < rows; r++) {
        float[] h = Arrays.copyOfRange(x, r * widths[0], (r + 1) * widths[0]);
        for (int l = 0; l < weights.size(); l++) {
          int in = widths[l];
          int outs = widths[l + 1];
          float[] w = weights.get(l);
          float[] y = biases.get(l).clone();
          for (int i = 0; i < in; i++) {
            float xi = h[i];
            int o = i * outs;
            for (int j = 0; j < outs; j++) {
              y[j] += xi * w[o + j];
            }
          }
          if (l + 1 < weights.size()) {
            for (int j = 0; j < outs; j++) {
              y[j] = Math.max(0f, y[j]);
            }
          }
          h = y;
        }
        System.arraycopy(h, 0, out, r * classes, classes);
      }
      return out;
    }
  }
}
