package dev.hone.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * L1 (magnitude) pruning: which weights to keep so that exactly a given share, the smallest in
 * absolute value, is removed (Han et al., "Learning both Weights and Connections for Efficient
 * Neural Networks", NeurIPS 2015; what {@code torch.nn.utils.prune.l1_unstructured} does).
 *
 * <p>Exactly {@code round(sparsity * n)} weights are pruned; ties in magnitude are broken by
 * position (earlier first), so the result is deterministic. Weights that are already zero are
 * the smallest and go first.
 *
 * <pre>{@code
 * boolean[] keep = MagnitudePruning.keep(weights, 0.5);
 * }</pre>
 */
public final class MagnitudePruning {

  private MagnitudePruning() {}

  /**
   * Returns the keep-mask that prunes the {@code sparsity} share of smallest-magnitude weights.
   *
   * @param weights the weights of one layer
   * @param sparsity share to prune, in [0, 1)
   * @return one entry per weight: true to keep
   * @throws IllegalArgumentException when the sparsity is outside [0, 1)
   */
  public static boolean[] keep(float[] weights, double sparsity) {
    return globalKeep(List.of(weights), sparsity).get(0);
  }

  /**
   * Returns keep-masks with one magnitude threshold over all the arrays together (global
   * pruning): layers with many small weights lose more of them.
   *
   * @param layers the weights of each layer
   * @param sparsity share of all weights to prune, in [0, 1)
   * @return one mask per layer, same order
   */
  public static List<boolean[]> globalKeep(List<float[]> layers, double sparsity) {
    checkSparsity(sparsity);
    int total = 0;
    for (float[] w : layers) {
      total = Math.addExact(total, w.length);
    }
    // Each entry packs |w|'s bits (monotonic for non-negative floats) above the global index,
    // so one sort orders by magnitude, then by position.
    long[] order = new long[total];
    int k = 0;
    for (float[] w : layers) {
      for (float v : w) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("weight " + k + " is " + v
              + "; pruning needs finite weights");
        }
        order[k] = ((long) Float.floatToIntBits(Math.abs(v)) << 32) | k;
        k++;
      }
    }
    Arrays.sort(order);
    int prune = (int) Math.round(sparsity * total);
    boolean[] keepAll = new boolean[total];
    Arrays.fill(keepAll, true);
    for (int i = 0; i < prune; i++) {
      keepAll[(int) order[i]] = false;
    }
    List<boolean[]> masks = new ArrayList<>();
    int from = 0;
    for (float[] w : layers) {
      masks.add(Arrays.copyOfRange(keepAll, from, from + w.length));
      from += w.length;
    }
    return masks;
  }

  /**
   * Checks a sparsity argument.
   *
   * @param sparsity the value to check
   * @throws IllegalArgumentException naming it when outside [0, 1)
   */
  public static void checkSparsity(double sparsity) {
    if (!(sparsity >= 0 && sparsity < 1)) {
      throw new IllegalArgumentException("sparsity must be in [0, 1), was " + sparsity
          + "; 0.5 prunes half of the weights");
    }
  }
}
