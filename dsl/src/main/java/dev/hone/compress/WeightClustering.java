package dev.hone.compress;

import java.util.Arrays;

/**
 * One-dimensional k-means over a layer's weights, for weight sharing (Han, Mao and Dally, "Deep
 * Compression", ICLR 2016). Centroids start spread linearly between the smallest and largest
 * weight, the initialisation the paper found best because it keeps a few large weights
 * represented; then Lloyd's iterations run until no weight changes cluster (or 100 rounds).
 *
 * <p>In one dimension each cluster is a contiguous range of the sorted weights, so an iteration
 * costs {@code O(k log n)} with prefix sums instead of {@code O(n k)}.
 *
 * <pre>{@code
 * WeightClustering.Result r = WeightClustering.cluster(keptWeights, 32);
 * r.centroids();   // 32 shared values
 * r.codes();       // the cluster of each weight
 * }</pre>
 */
public final class WeightClustering {

  private WeightClustering() {}

  /**
   * Centroids and the cluster of each weight.
   *
   * @param centroids the shared values, ascending
   * @param codes for each input weight, the index of its centroid
   * @param iterations Lloyd's rounds run
   */
  public record Result(float[] centroids, int[] codes, int iterations) {}

  /**
   * Clusters the values into at most {@code clusters} centroids.
   *
   * @param values the weights to share (pruned zeros left out), finite
   * @param clusters the number of centroids, >= 1
   * @return centroids and codes; fewer centroids when there are fewer distinct values
   * @throws IllegalArgumentException on an empty array, a bad count or a non-finite value
   */
  public static Result cluster(float[] values, int clusters) {
    if (clusters < 1) {
      throw new IllegalArgumentException("clusters must be >= 1, was " + clusters);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("nothing to cluster: the layer has no kept weights");
    }
    int n = values.length;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + values[i]
            + "; clustering needs finite weights");
      }
      order[i] = ((long) sortableBits(values[i]) << 32) | i;
    }
    Arrays.sort(order);
    double[] sorted = new double[n];
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      sorted[i] = values[(int) order[i]];
      prefix[i + 1] = prefix[i] + sorted[i];
    }
    int k = (int) Math.min(clusters, distinct(sorted));
    double min = sorted[0];
    double max = sorted[n - 1];
    double[] c = new double[k];
    for (int j = 0; j < k; j++) {
      c[j] = k == 1 ? (min + max) / 2 : min + (max - min) * j / (k - 1);
    }
    int[] start = new int[k + 1];
    int rounds = 0;
    boolean changed = true;
    while (changed && rounds < 100) {
      rounds++;
      changed = false;
      // Cluster j holds the sorted values between the midpoints to its neighbours.
      int[] next = new int[k + 1];
      next[k] = n;
      for (int j = 1; j < k; j++) {
        next[j] = lowerBound(sorted, (c[j - 1] + c[j]) / 2);
      }
      for (int j = 0; j <= k; j++) {
        if (next[j] != start[j] || rounds == 1) {
          changed = true;
        }
      }
      System.arraycopy(next, 0, start, 0, k + 1);
      for (int j = 0; j < k; j++) {
        int from = start[j];
        int to = start[j + 1];
        if (to > from) {
          c[j] = (prefix[to] - prefix[from]) / (to - from);
        }
      }
    }
    // Drop clusters that ended empty, keeping codes dense.
    int[] remap = new int[k];
    int used = 0;
    for (int j = 0; j < k; j++) {
      remap[j] = start[j + 1] > start[j] ? used++ : -1;
    }
    float[] centroids = new float[used];
    int[] codes = new int[n];
    for (int j = 0; j < k; j++) {
      if (remap[j] < 0) {
        continue;
      }
      centroids[remap[j]] = (float) c[j];
      for (int i = start[j]; i < start[j + 1]; i++) {
        codes[(int) order[i]] = remap[j];
      }
    }
    return new Result(centroids, codes, rounds);
  }

  /**
   * Checks a bit count for weight sharing.
   *
   * @param bits bits per code
   * @throws IllegalArgumentException when outside [2, 8]
   */
  public static void checkBits(int bits) {
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("bits must be in [2, 8] (4 to 256 shared values), was "
          + bits);
    }
  }

  private static long distinct(double[] sorted) {
    long d = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1]) {
        d++;
      }
    }
    return d;
  }

  /** First index whose value is >= x. */
  private static int lowerBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Float bits turned so that their order as signed ints is the floats' numeric order. */
  private static int sortableBits(float v) {
    int b = Float.floatToIntBits(v == 0f ? 0f : v);
    return b >= 0 ? b : b ^ 0x7FFFFFFF;
  }
}
