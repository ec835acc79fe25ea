package dev.hone.runtime.internal;

import dev.hone.layer.Activation;
import java.util.List;

/**
 * A forward pass for pruned MLPs on the Java heap, with no engine: {@code y = act(x W + b)} per
 * layer, no activation after the last. Weights that are exactly zero are neither stored nor
 * multiplied. Immutable and thread-safe: each call allocates its own small scratch arrays.
 *
 * <pre>{@code
 * SparseMlpKernel k = SparseMlpKernel.of(new int[] {784, 128, 64, 10}, weights, biases,
 *     Activation.RELU);
 * float[] logits = k.logits(row, 1);
 * }</pre>
 *
 * <p><b>Storage.</b> Each layer is kept in one of two forms, chosen from its density (non-zero
 * weights over all weights) when the kernel is built:
 *
 * <ul>
 *   <li>density at most {@value #DENSE_ABOVE}: compressed sparse columns, one list per output
 *       {@code j} of {@code (input i, w_ij)}, so an output is one dot product over its non-zero
 *       weights. Indices are {@code int[]};
 *   <li>denser than that: the plain row-major weight, since at such densities index overhead
 *       costs more than the skipped multiplications save.
 * </ul>
 *
 * <p>Rows run one at a time (dense layers skip zero inputs, which ReLU makes common). Holding a
 * chunk of rows feature-major and doing a multiply-add over the chunk per weight was tried and
 * measured slower at batch 8 and 256 (784-128-64-10, 90% sparsity: 104.8 us at batch 8 against
 * 8 x 6.3 us one row at a time; 2,554 us at batch 256), so it was dropped.
 *
 * <p><b>Why columns and not rows.</b> Measured at batch 1 on 784-128-64-10 with ReLU (2-core
 * x86 machine, JDK 17, median of 20,000 calls, microseconds), compressed rows (per input, the
 * list of {@code (j, w_ij)}, skipping inputs that are zero) against compressed columns, and a
 * dense Java loop for reference:
 *
 * <pre>
 * sparsity      standardised inputs (no zeros)   inputs 80% zeros (raw pixels)      dense
 *               rows    columns                  rows    columns
 * 0.50          33.2    40.1                     12.5    40.3                        34.9
 * 0.80          14.0    13.4                      7.9    16.8                        34.9
 * 0.90           7.6     6.1                      5.6     6.1                        34.9
 * 0.95           4.9     2.8                      4.0     2.8                        34.9
 * 0.98           3.3     1.3                      3.5     2.0                        34.9
 * </pre>
 *
 * (one run each, scratch benchmark with the same layout code). Rows pay a loop per input however
 * few weights it has, and only win when many inputs are zero: with 80% zero inputs they lead up
 * to 90% sparsity, columns from 95%. Hone standardises its data, so inputs are rarely exactly
 * zero, and then columns are as fast or faster from 80% sparsity, which is where a heap kernel
 * starts to pay; so the kernel uses columns. Below about 60% sparsity columns lose to the dense
 * loop (40.1 against 34.9 us at 50%), hence the dense form above {@value #DENSE_ABOVE} density. {@code char[]} indices measured the same as {@code int[]} (within
 * 0.1 us) at every sparsity, so the kernel keeps {@code int[]}, which has no width limit. The
 * benchmark {@code dev.hone.bench.SparseCrossoverBench} (test sources) compares this kernel with
 * the DJL dense predictor.
 */
public final class SparseMlpKernel {

  /** Layers with more than this share of non-zero weights are stored dense. */
  static final double DENSE_ABOVE = 0.4;

  private final int[] widths;
  private final Layer[] layers;
  private final Activation activation;
  private final long nonZero;

  private SparseMlpKernel(int[] widths, Layer[] layers, Activation activation) {
    this.widths = widths;
    this.layers = layers;
    this.activation = activation;
    long n = 0;
    for (Layer l : layers) {
      n += l.nonZero;
    }
    this.nonZero = n;
  }

  /**
   * Builds a kernel from an MLP's parameters. The arrays are copied; zeros in the weights are
   * dropped.
   *
   * @param widths input width, hidden widths, output width; at least two, all positive
   * @param weights one row-major {@code [inputs, outputs]} weight per layer
   * @param biases one bias of {@code outputs} values per layer
   * @param activation the nonlinearity after each hidden layer
   * @return the kernel
   * @throws IllegalArgumentException when an argument is null, a size does not match the widths,
   *     or a weight or bias is not finite
   */
  public static SparseMlpKernel of(int[] widths, List<float[]> weights, List<float[]> biases,
      Activation activation) {
    if (widths == null) {
      throw new IllegalArgumentException("widths is null; expected at least two layer widths");
    }
    if (weights == null || biases == null) {
      throw new IllegalArgumentException("weights is " + (weights == null ? "null" : "a list")
          + " and biases is " + (biases == null ? "null" : "a list")
          + "; expected one array per layer in each");
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation is null; expected one of "
          + java.util.Arrays.toString(Activation.values()));
    }
    int[] w = widths.clone();
    if (w.length < 2) {
      throw new IllegalArgumentException("widths has " + w.length
          + " entries; expected at least two (inputs and classes)");
    }
    for (int i = 0; i < w.length; i++) {
      if (w[i] <= 0) {
        throw new IllegalArgumentException("width " + i + " is " + w[i] + "; expected > 0");
      }
    }
    int count = w.length - 1;
    if (weights.size() != count || biases.size() != count) {
      throw new IllegalArgumentException("got " + weights.size() + " weights and "
          + biases.size() + " biases; widths " + java.util.Arrays.toString(w) + " need "
          + count + " of each");
    }
    Layer[] layers = new Layer[count];
    for (int l = 0; l < count; l++) {
      layers[l] = Layer.of(l, w[l], w[l + 1], weights.get(l), biases.get(l));
    }
    return new SparseMlpKernel(w, layers, activation);
  }

  /** Returns the number of input features per row. */
  public int inputs() {
    return widths[0];
  }

  /** Returns the number of logits per row. */
  public int classes() {
    return widths[widths.length - 1];
  }

  /** Returns the number of weights that are not zero, over all layers (biases not counted). */
  public long nonZeroWeights() {
    return nonZero;
  }

  /**
   * Returns the logits for {@code rows} rows given row-major.
   *
   * @param features {@code rows * inputs()} values, row-major
   * @param rows the number of rows, > 0
   * @return {@code rows * classes()} logits, row-major
   * @throws IllegalArgumentException when the sizes do not match or a feature is not finite
   */
  public float[] logits(float[] features, int rows) {
    int in = inputs();
    if (features == null) {
      throw new IllegalArgumentException("features is null; expected " + rows + " rows of "
          + in + " values");
    }
    if (rows <= 0 || (long) rows * in != features.length) {
      throw new IllegalArgumentException("expected " + rows + " rows of " + in + " features ("
          + (long) rows * in + " values) with rows > 0, got " + features.length + " values");
    }
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException("row " + i / in + ", feature " + i % in + " is "
            + features[i] + "; expected a finite number");
      }
    }
    int classes = classes();
    float[] out = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      float[] h = layers[0].forward(features, r * in, layers.length > 1 ? activation : null);
      for (int l = 1; l < layers.length; l++) {
        h = layers[l].forward(h, 0, l + 1 < layers.length ? activation : null);
      }
      System.arraycopy(h, 0, out, r * classes, classes);
    }
    return out;
  }

  @Override
  public String toString() {
    return "SparseMlpKernel[" + java.util.Arrays.toString(widths) + ", " + activation + ", "
        + nonZero + " non-zero weights]";
  }

  /** One layer: either compressed columns or the dense row-major weight. */
  private static final class Layer {
    final int inputs;
    final int outputs;
    final float[] bias;
    final long nonZero;
    /** Dense row-major weight, or null when the layer is stored as columns. */
    final float[] dense;
    /** Column {@code j} is {@code start[j] .. start[j + 1]} in {@code index} and {@code value}. */
    final int[] start;
    final int[] index;
    final float[] value;

    private Layer(int inputs, int outputs, float[] bias, long nonZero, float[] dense,
        int[] start, int[] index, float[] value) {
      this.inputs = inputs;
      this.outputs = outputs;
      this.bias = bias;
      this.nonZero = nonZero;
      this.dense = dense;
      this.start = start;
      this.index = index;
      this.value = value;
    }

    static Layer of(int l, int in, int out, float[] w, float[] b) {
      if (w == null || b == null) {
        throw new IllegalArgumentException("layer " + l + ": weight is "
            + (w == null ? "null" : "given") + " and bias is " + (b == null ? "null" : "given")
            + "; expected " + in + " * " + out + " weights and " + out + " biases");
      }
      if ((long) in * out != w.length) {
        throw new IllegalArgumentException("layer " + l + ": weight has " + w.length
            + " values; expected " + in + " * " + out + " = " + (long) in * out
            + " for a " + in + " x " + out + " layer");
      }
      if (b.length != out) {
        throw new IllegalArgumentException("layer " + l + ": bias has " + b.length
            + " values; expected " + out);
      }
      int nz = 0;
      for (int k = 0; k < w.length; k++) {
        if (!Float.isFinite(w[k])) {
          throw new IllegalArgumentException("layer " + l + ": weight (" + k / out + ", "
              + k % out + ") is " + w[k] + "; expected a finite number");
        }
        if (w[k] != 0) {
          nz++;
        }
      }
      for (int j = 0; j < out; j++) {
        if (!Float.isFinite(b[j])) {
          throw new IllegalArgumentException("layer " + l + ": bias " + j + " is " + b[j]
              + "; expected a finite number");
        }
      }
      if (nz > DENSE_ABOVE * w.length) {
        return new Layer(in, out, b.clone(), nz, w.clone(), null, null, null);
      }
      int[] start = new int[out + 1];
      int[] index = new int[nz];
      float[] value = new float[nz];
      int k = 0;
      for (int j = 0; j < out; j++) {
        start[j] = k;
        for (int i = 0; i < in; i++) {
          float v = w[i * out + j];
          if (v != 0) {
            index[k] = i;
            value[k] = v;
            k++;
          }
        }
      }
      start[out] = k;
      return new Layer(in, out, b.clone(), nz, null, start, index, value);
    }

    /**
     * Runs the layer on one row.
     *
     * @param x the row is {@code x[offset .. offset + inputs)}
     * @param offset where the row starts
     * @param act the activation, or null for none
     * @return {@code outputs} values
     */
    float[] forward(float[] x, int offset, Activation act) {
      float[] y = new float[outputs];
      if (dense != null) {
        System.arraycopy(bias, 0, y, 0, outputs);
        float[] w = dense;
        for (int i = 0; i < inputs; i++) {
          float xi = x[offset + i];
          if (xi == 0) {
            continue;
          }
          int o = i * outputs;
          for (int j = 0; j < outputs; j++) {
            y[j] += xi * w[o + j];
          }
        }
      } else {
        for (int j = 0; j < outputs; j++) {
          float acc = bias[j];
          for (int k = start[j], e = start[j + 1]; k < e; k++) {
            acc += value[k] * x[offset + index[k]];
          }
          y[j] = acc;
        }
      }
      if (act == Activation.RELU) {
        for (int j = 0; j < outputs; j++) {
          y[j] = Math.max(0f, y[j]);
        }
      } else if (act != null) {
        for (int j = 0; j < outputs; j++) {
          y[j] = act.apply(y[j]);
        }
      }
      return y;
    }
  }
}
