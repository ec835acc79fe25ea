package dev.hone.quant;

/**
 * A rule that turns the values a tensor took on calibration data into the {@link Range} it is
 * quantized over. Weights need none (their range is known); activations do, and clipping a few
 * rare extremes often buys resolution for all the others.
 *
 * <ul>
 *   <li>{@link #minMax()}: the observed extremes; nothing clips, outliers cost resolution;
 *   <li>{@link #percentile(double)}: clips the rarest magnitudes;
 *   <li>{@link #entropy()}: the clipping threshold that loses the least information (Migacz,
 *       "8-bit Inference with TensorRT", GTC 2017).
 * </ul>
 *
 * <pre>{@code
 * Calibration c = Calibration.entropy();
 * Range r = c.range(hiddenActivations);   // every value the layer produced on the calibration set
 * QuantParams p = r.asymmetricUint8();
 * }</pre>
 */
public interface Calibration {

  /**
   * The smallest and largest observed value.
   *
   * <pre>{@code
   * Calibration.minMax().range(new float[] {-1f, 3f, 2f});   // Range[min=-1.0, max=3.0]
   * }</pre>
   *
   * @return the calibration named {@code minmax}
   */
  static Calibration minMax() {
    return new MinMaxCalibration();
  }

  /**
   * Clips the magnitudes above the given percentile. The threshold {@code t} is the
   * nearest-rank percentile of {@code |x|}, the range is the observed {@code [min, max]}
   * intersected with {@code [-t, t]}, so non-negative data keeps its minimum, and
   * {@code percentile(100)} equals {@link #minMax()}.
   *
   * <pre>{@code
   * Calibration.percentile(99.99).range(activations);   // ignores the top 0.01% of |x|
   * }</pre>
   *
   * @param percentile in {@code (0, 100]}, for example {@code 99.99}
   * @return the calibration named {@code percentile(99.99)}
   * @throws IllegalArgumentException naming the value when it lies outside {@code (0, 100]}
   */
  static Calibration percentile(double percentile) {
    return new PercentileCalibration(percentile);
  }

  /**
   * The threshold whose 8-bit quantization keeps the distribution of {@code |x|} closest in
   * Kullback-Leibler divergence, the search TensorRT introduced (Migacz, GTC 2017).
   *
   * <p>The magnitudes go into a histogram of 2048 bins over {@code [0, max|x|]}. For each
   * candidate of {@code i = 128 ... 2048} bins, the reference {@code P} is the first {@code i}
   * bins with everything beyond folded into the last one (the clipped values); the candidate
   * {@code Q} merges those {@code i} bins into 128 levels, the magnitudes of int8, and spreads
   * each level evenly back over its non-empty bins. The threshold is the right edge of the
   * {@code i} with the least {@code KL(P || Q)} (on a tie, the larger).
   *
   * <p>Three details differ from the bare recipe. Values that are exactly zero, a ReLU's spike,
   * stay out of the histogram: they quantize exactly at any threshold, and their spike would
   * otherwise dominate the divergence (pytorch-quantization flattens its first bin for the same
   * reason). A bin where {@code P} has mass and {@code Q} none gets a count of {@code 1e-4}, the
   * smoothing of MXNet's and ONNX Runtime's calibrators, so that a few outliers beyond an empty
   * gap do not make every threshold short of them infinitely bad. A candidate whose values all
   * fall in its last bin is skipped: there {@code P} and {@code Q} are the same spike and their
   * divergence of 0 says nothing.
   *
   * <p>For non-negative data the range is {@code [0, t]}, otherwise {@code [-t, t]}. The
   * smallest threshold is {@code 128/2048} of {@code max|x|}, so one outlier 1000 standard
   * deviations out keeps {@code t} above 60 of them; {@link #percentile(double)} has no such
   * floor.
   *
   * <pre>{@code
   * Calibration.entropy().range(reluOutputs);   // Range[min=0.0, max=t]
   * }</pre>
   *
   * @return the calibration named {@code entropy}
   */
  static Calibration entropy() {
    return new EntropyCalibration();
  }

  /**
   * The range to quantize a tensor over.
   *
   * <pre>{@code
   * Range r = Calibration.minMax().range(values);
   * }</pre>
   *
   * @param values every value the tensor took on the calibration data; not modified
   * @return the range
   * @throws IllegalArgumentException when there are no values, or naming the index and value of
   *     the first that is NaN or infinite
   */
  Range range(float[] values);

  /**
   * A short name for tables and provenance.
   *
   * <pre>{@code
   * Calibration.percentile(99.99).name();   // "percentile(99.99)"
   * }</pre>
   *
   * @return {@code minmax}, {@code percentile(p)} or {@code entropy}
   */
  String name();
}
