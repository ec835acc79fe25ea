package dev.hone.spark.internal;

import dev.hone.layer.Dense;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An MLP's float weights and biases, layer by layer, as they travel between the driver and the
 * partitions in parameter averaging.
 *
 * @param weights each layer's weights, as {@link Dense#weights()} lays them out
 * @param biases each layer's biases
 * @param inputs each layer's input width
 */
public record Weights(float[][] weights, float[][] biases, int[] inputs) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Copies dense layers. */
  public static Weights of(List<Dense> layers) {
    float[][] w = new float[layers.size()][];
    float[][] b = new float[layers.size()][];
    int[] in = new int[layers.size()];
    for (int i = 0; i < layers.size(); i++) {
      w[i] = layers.get(i).weights();
      b[i] = layers.get(i).biases();
      in[i] = layers.get(i).inputs();
    }
    return new Weights(w, b, in);
  }

  /** Returns the layers. */
  public List<Dense> toLayers() {
    List<Dense> out = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      out.add(new Dense(inputs[i], biases[i].length, weights[i].clone(), biases[i].clone()));
    }
    return out;
  }

  /** Returns the number of floats: what one copy costs on the wire, times four bytes. */
  public long floats() {
    long n = 0;
    for (int i = 0; i < weights.length; i++) {
      n += weights[i].length + biases[i].length;
    }
    return n;
  }

  /**
   * Returns the average of several weight sets, each weighted by its share of the rows.
   *
   * @param parts the sets, all of one shape
   * @param rows the rows each was trained on
   * @return the weighted mean
   */
  public static Weights average(List<Weights> parts, List<Integer> rows) {
    long total = rows.stream().mapToLong(Integer::longValue).sum();
    Weights first = parts.get(0);
    float[][] w = new float[first.weights.length][];
    float[][] b = new float[first.biases.length][];
    for (int l = 0; l < w.length; l++) {
      double[] sw = new double[first.weights[l].length];
      double[] sb = new double[first.biases[l].length];
      for (int p = 0; p < parts.size(); p++) {
        double share = (double) rows.get(p) / total;
        float[] pw = parts.get(p).weights[l];
        float[] pb = parts.get(p).biases[l];
        for (int i = 0; i < sw.length; i++) {
          sw[i] += share * pw[i];
        }
        for (int i = 0; i < sb.length; i++) {
          sb[i] += share * pb[i];
        }
      }
      w[l] = toFloats(sw);
      b[l] = toFloats(sb);
    }
    return new Weights(w, b, first.inputs.clone());
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
