package dev.hone.quant;

import java.util.Arrays;

/**
 * {@link Calibration#entropy()}: the KL-divergence threshold search of TensorRT (Migacz, "8-bit
 * Inference with TensorRT", GTC 2017); the method is described on {@link Calibration#entropy()}.
 */
record EntropyCalibration() implements Calibration {

  /** Histogram bins over {@code [0, max|x|]}. */
  static final int BINS = 2048;

  /** Quantized magnitudes of int8, and the smallest candidate, in bins. */
  static final int LEVELS = 128;

  /**
   * The count given to a bin where {@code Q} is empty but {@code P} is not, as the smoothing in
   * MXNet's and ONNX Runtime's calibrators does; without it a few outliers beyond an empty gap
   * make every threshold short of them infinitely bad.
   */
  static final double EPSILON = 1e-4;

  @Override
  public Range range(float[] values) {
    Observations.check(values);
    float maxAbs = 0;
    for (float v : values) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    float t = maxAbs == 0 ? 0 : threshold(values, maxAbs);
    // The threshold bounds |x|; a side that never reaches it keeps its own extent, so slightly
    // negative activations (GELU, leaky ReLU) do not spend half the levels on nothing.
    float min = Observations.min(values);
    float max = Observations.max(values);
    return min >= 0 ? new Range(0, Math.min(t, max)) : new Range(Math.max(min, -t),
        Math.min(t, Math.max(max, 0)));
  }

  private static float threshold(float[] values, float maxAbs) {
    double width = (double) maxAbs / BINS;
    long[] histogram = new long[BINS];
    for (float v : values) {
      if (v != 0) { // exact zeros quantize exactly at any threshold; their spike stays out
        histogram[(int) Math.min(BINS - 1, Math.abs(v) / width)]++;
      }
    }
    long[] beyond = new long[BINS + 1]; // beyond[i]: the count in bins i and up
    for (int b = BINS - 1; b >= 0; b--) {
      beyond[b] = beyond[b + 1] + histogram[b];
    }
    long total = beyond[0];
    int best = BINS;
    double bestDivergence = Double.POSITIVE_INFINITY;
    long[] levelSum = new long[LEVELS];
    int[] levelNonEmpty = new int[LEVELS];
    for (int i = LEVELS; i <= BINS; i++) {
      double divergence = divergence(histogram, beyond, total, i, levelSum, levelNonEmpty);
      if (divergence <= bestDivergence && divergence < Double.POSITIVE_INFINITY) {
        // on a tie the larger threshold, which clips less
        bestDivergence = divergence;
        best = i;
      }
    }
    return best == BINS ? maxAbs : (float) (best * width);
  }

  /**
   * {@code KL(P || Q)} for a threshold of {@code i} bins: {@code P} is the first {@code i} bins
   * with the clipped count folded into the last, {@code Q} the first {@code i} bins merged into
   * {@link #LEVELS} levels and spread back evenly over the bins where {@code P} is not empty,
   * {@link #EPSILON} where that leaves nothing.
   */
  private static double divergence(long[] histogram, long[] beyond, long total, int i,
      long[] levelSum, int[] levelNonEmpty) {
    long clipped = beyond[i];
    long kept = total - clipped;
    if (beyond[i - 1] == total) {
      // every value lies in the last bin or beyond: P and Q are the same single spike, and their
      // divergence, 0, says nothing about what clipping there loses
      return Double.POSITIVE_INFINITY;
    }
    Arrays.fill(levelSum, 0);
    Arrays.fill(levelNonEmpty, 0);
    for (int b = 0; b < i; b++) {
      int level = (int) ((long) b * LEVELS / i);
      levelSum[level] += histogram[b];
      if (p(histogram, clipped, i, b) > 0) {
        levelNonEmpty[level]++;
      }
    }
    int emptyInQ = 0;
    for (int b = 0; b < i; b++) {
      int level = (int) ((long) b * LEVELS / i);
      if (levelSum[level] == 0 && p(histogram, clipped, i, b) > 0) {
        emptyInQ++;
      }
    }
    double qTotal = kept + EPSILON * emptyInQ;
    double sum = 0;
    for (int b = 0; b < i; b++) {
      long pCount = p(histogram, clipped, i, b);
      if (pCount == 0) {
        continue;
      }
      int level = (int) ((long) b * LEVELS / i);
      double qCount = levelSum[level] == 0 ? EPSILON
          : (double) levelSum[level] / levelNonEmpty[level];
      double p = (double) pCount / total;
      sum += p * Math.log(p / (qCount / qTotal));
    }
    return sum;
  }

  private static long p(long[] histogram, long clipped, int i, int b) {
    return b == i - 1 ? histogram[b] + clipped : histogram[b];
  }

  @Override
  public String name() {
    return "entropy";
  }

  @Override
  public String toString() {
    return name();
  }
}
