package dev.hone.compress;

import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structured pruning of an MLP: removes whole hidden neurons, ranked by the L2 norm of their
 * incoming weights (Li et al., "Pruning Filters for Efficient ConvNets", ICLR 2017, ranks
 * filters by weight norm; the same criterion on a dense layer's columns). A removed neuron takes
 * its column of the layer before it, its bias, and its row of the layer after it, so the result
 * is a physically smaller dense MLP that computes exactly what the masked one computes.
 *
 * <pre>{@code
 * List<Dense> smaller = NeuronPruning.remove(layers, 0.5);   // 784-128-64-10 -> 784-64-32-10
 * }</pre>
 */
public final class NeuronPruning {

  private NeuronPruning() {}

  /**
   * Returns, for each hidden layer, the neurons to keep (ascending indices).
   *
   * @param layers the MLP's layers, input side first
   * @param fraction share of each hidden layer's neurons to remove, in [0, 1); at least one
   *     neuron per layer stays
   * @return one array of kept neuron indices per hidden layer ({@code layers.size() - 1})
   */
  public static List<int[]> keptNeurons(List<? extends Layer> layers, double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1), was " + fraction
          + "; 0.5 removes half of each hidden layer's neurons");
    }
    List<int[]> kept = new ArrayList<>();
    for (int l = 0; l + 1 < layers.size(); l++) {
      Layer layer = layers.get(l);
      int in = layer.inputs();
      int out = layer.outputs();
      float[] w = layer.weights();
      double[] norm = new double[out];
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < out; j++) {
          double v = w[i * out + j];
          norm[j] += v * v;
        }
      }
      int keep = Math.max(1, out - (int) Math.round(fraction * out));
      Integer[] order = new Integer[out];
      for (int j = 0; j < out; j++) {
        order[j] = j;
      }
      // Largest norm first; ties keep the earlier neuron.
      Arrays.sort(order, (a, b) -> norm[a] != norm[b] ? Double.compare(norm[b], norm[a]) : a - b);
      int[] k = new int[keep];
      for (int j = 0; j < keep; j++) {
        k[j] = order[j];
      }
      Arrays.sort(k);
      kept.add(k);
    }
    return kept;
  }

  /**
   * Removes the neurons that {@link #keptNeurons} does not keep.
   *
   * @param layers the MLP's layers
   * @param kept kept neuron indices per hidden layer
   * @return smaller dense layers
   */
  public static List<Dense> remove(List<? extends Layer> layers, List<int[]> kept) {
    List<Dense> out = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      int[] rows = l == 0 ? identity(layer.inputs()) : kept.get(l - 1);
      int[] cols = l + 1 < layers.size() ? kept.get(l) : identity(layer.outputs());
      float[] w = layer.weights();
      float[] b = layer.biases();
      float[] nw = new float[rows.length * cols.length];
      float[] nb = new float[cols.length];
      for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < cols.length; c++) {
          nw[r * cols.length + c] = w[rows[r] * layer.outputs() + cols[c]];
        }
      }
      for (int c = 0; c < cols.length; c++) {
        nb[c] = b[cols[c]];
      }
      out.add(new Dense(rows.length, cols.length, nw, nb));
    }
    return out;
  }

  /**
   * Zeroes the removed neurons in place of removing them: their incoming weights and bias, and
   * their outgoing weights. The result has the original shape and computes the same logits as
   * {@link #remove} (it is what a mask-based pruning library would give).
   *
   * @param layers the MLP's layers
   * @param kept kept neuron indices per hidden layer
   * @return layers of the original shape with the removed neurons zeroed
   */
  public static List<Dense> mask(List<? extends Layer> layers, List<int[]> kept) {
    List<Dense> out = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      int in = layer.inputs();
      int outs = layer.outputs();
      float[] w = layer.weights();
      float[] b = layer.biases();
      boolean[] liveIn = l == 0 ? all(in) : live(kept.get(l - 1), in);
      boolean[] liveOut = l + 1 < layers.size() ? live(kept.get(l), outs) : all(outs);
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < outs; j++) {
          if (!liveIn[i] || !liveOut[j]) {
            w[i * outs + j] = 0f;
          }
        }
      }
      for (int j = 0; j < outs; j++) {
        if (!liveOut[j]) {
          b[j] = 0f;
        }
      }
      out.add(new Dense(in, outs, w, b));
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static boolean[] all(int n) {
    boolean[] a = new boolean[n];
    Arrays.fill(a, true);
    return a;
  }

  private static boolean[] live(int[] kept, int n) {
    boolean[] a = new boolean[n];
    for (int k : kept) {
      a[k] = true;
    }
    return a;
  }
}
