package dev.hone.quant;

import dev.hone.data.Dataset;
import java.util.Locale;
import java.util.Objects;

/**
 * How to quantize a model: the precision, and for INT8 the scheme (dynamic or static, per
 * channel or per tensor, symmetric or asymmetric), the calibration, and an optional accuracy
 * budget that keeps the most sensitive layers in FP32. An immutable value; each {@code with}
 * step returns a new one.
 *
 * <p>Dynamic INT8 (the default, as in PyTorch's {@code quantize_dynamic}) quantizes the weights
 * once and each batch's activations at run time from the batch's own range. Static INT8 fixes
 * every layer's input range from calibration data (Jacob et al. 2018), so no range is measured
 * at run time; the range comes from {@link Calibration#minMax()}, a percentile, or the
 * entropy (KL) search of TensorRT (Migacz 2017). The entropy search is for activations: the
 * network's own input keeps its min/max range under it, because clipping preprocessed data
 * loses information the first layer needs (on standardized MNIST it cost 14 points).
 *
 * <pre>{@code
 * model.quantize(INT8);                                      // dynamic, per channel, symmetric
 * model.quantize(Quantization.int8()
 *     .calibrate(mnist.train().take(1000), Calibration.entropy())
 *     .perTensor().asymmetric());                           // static
 * model.quantize(Quantization.int8().within(0.5, mnist.test()));   // at most 0.5 points lost
 * }</pre>
 *
 * @param precision INT8, FP16 or BF16
 * @param weights per channel (one scale per output) or per tensor
 * @param symmetry symmetric (zero point 0) or asymmetric
 * @param calibrationData rows whose activations fix static ranges; null for dynamic
 * @param calibration how a range is read from the calibration activations
 * @param validation rows on which accuracy is measured; null when not measured
 * @param tolerancePoints the accuracy the quantized model may lose, in percentage points;
 *     {@code NaN} when no layer is kept in FP32 for accuracy
 */
public record Quantization(Precision precision, Granularity weights, Symmetry symmetry,
    Dataset calibrationData, Calibration calibration, Dataset validation,
    double tolerancePoints) {

  /** Checks the combination; messages name the bad value. */
  public Quantization {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(symmetry, "symmetry");
    Objects.requireNonNull(calibration, "calibration");
    if (precision == Precision.FP32) {
      throw new IllegalArgumentException("FP32 is the model as it is; quantize to INT8, FP16"
          + " or BF16");
    }
    if (calibrationData != null && precision != Precision.INT8) {
      throw new IllegalArgumentException("calibration fixes INT8 activation ranges; "
          + precision + " needs none");
    }
    if (calibrationData != null && calibrationData.size() == 0) {
      throw new IllegalArgumentException("calibration data '" + calibrationData.name()
          + "' has no rows");
    }
    if (!Double.isNaN(tolerancePoints) && (tolerancePoints < 0 || tolerancePoints > 100)) {
      throw new IllegalArgumentException("tolerance must be between 0 and 100 points, was "
          + tolerancePoints);
    }
    if (!Double.isNaN(tolerancePoints) && validation == null) {
      throw new IllegalArgumentException("a tolerance needs validation data to measure it on");
    }
  }

  /**
   * Returns the default settings for a precision: for INT8 dynamic, per channel, symmetric.
   *
   * <pre>{@code
   * Quantization q = Quantization.of(Precision.FP16);
   * }</pre>
   *
   * @param precision INT8, FP16 or BF16
   * @return the settings
   */
  public static Quantization of(Precision precision) {
    return new Quantization(precision, Granularity.PER_CHANNEL, Symmetry.SYMMETRIC, null,
        Calibration.minMax(), null, Double.NaN);
  }

  /** Returns dynamic INT8, per channel, symmetric: {@code Quantization.of(INT8)}. */
  public static Quantization int8() {
    return of(Precision.INT8);
  }

  /** Returns FP16 weights. */
  public static Quantization fp16() {
    return of(Precision.FP16);
  }

  /** Returns BF16 weights. */
  public static Quantization bf16() {
    return of(Precision.BF16);
  }

  /** Returns whether activation ranges are fixed by calibration. */
  public boolean isStatic() {
    return calibrationData != null;
  }

  /**
   * Makes this static INT8 with min/max ranges from the activations on the given rows.
   *
   * @param data calibration rows (a few hundred to a few thousand are typical)
   * @return the settings
   */
  public Quantization calibrate(Dataset data) {
    return calibrate(data, Calibration.minMax());
  }

  /**
   * Makes this static INT8 with ranges from the activations on the given rows.
   *
   * <pre>{@code
   * Quantization.int8().calibrate(train.take(1000), Calibration.percentile(99.99));
   * }</pre>
   *
   * @param data calibration rows
   * @param how min/max, percentile or entropy
   * @return the settings
   */
  public Quantization calibrate(Dataset data, Calibration how) {
    if (data == null) {
      throw new IllegalArgumentException("static INT8 needs calibration rows, was given null;"
          + " pass a few hundred training rows, e.g. train.take(1000), or use dynamic()");
    }
    return new Quantization(precision, weights, symmetry, data,
        Objects.requireNonNull(how, "how"), validation, tolerancePoints);
  }

  /** Returns dynamic INT8: activation ranges measured per batch at run time. */
  public Quantization dynamic() {
    return new Quantization(precision, weights, symmetry, null, calibration, validation,
        tolerancePoints);
  }

  /** Returns the settings with one scale per output channel. */
  public Quantization perChannel() {
    return new Quantization(precision, Granularity.PER_CHANNEL, symmetry, calibrationData,
        calibration, validation, tolerancePoints);
  }

  /** Returns the settings with one scale per weight tensor. */
  public Quantization perTensor() {
    return new Quantization(precision, Granularity.PER_TENSOR, symmetry, calibrationData,
        calibration, validation, tolerancePoints);
  }

  /** Returns the settings with zero points of 0 (weights in [-127, 127]). */
  public Quantization symmetric() {
    return new Quantization(precision, weights, Symmetry.SYMMETRIC, calibrationData,
        calibration, validation, tolerancePoints);
  }

  /** Returns the settings with zero points that fit each range (weights in [-128, 127]). */
  public Quantization asymmetric() {
    return new Quantization(precision, weights, Symmetry.ASYMMETRIC, calibrationData,
        calibration, validation, tolerancePoints);
  }

  /**
   * Measures accuracy on the given rows before and after quantizing, and reports both.
   *
   * @param data held-out rows
   * @return the settings
   */
  public Quantization measuredOn(Dataset data) {
    return new Quantization(precision, weights, symmetry, calibrationData, calibration,
        Objects.requireNonNull(data, "validation data"), tolerancePoints);
  }

  /**
   * Keeps the most sensitive layers in FP32 until the quantized model loses at most
   * {@code points} of accuracy on {@code data} (accuracy-aware quantization, as in Intel Neural
   * Compressor and TensorRT's layer precision fallback). The report says which layers stayed in
   * FP32 and what quantizing each one alone cost.
   *
   * <pre>{@code
   * model.quantize(Quantization.int8().within(0.5, mnist.test()));
   * }</pre>
   *
   * @param points accuracy that may be lost, in percentage points (0.5 = half a point)
   * @param data held-out rows to measure on
   * @return the settings
   */
  public Quantization within(double points, Dataset data) {
    return new Quantization(precision, weights, symmetry, calibrationData, calibration,
        Objects.requireNonNull(data, "validation data"), points);
  }

  /** Returns a short description, e.g. {@code INT8 static (entropy), per channel, symmetric}. */
  @Override
  public String toString() {
    if (precision != Precision.INT8) {
      return precision.name();
    }
    return "INT8 " + (isStatic() ? "static (" + calibration.name() + ")" : "dynamic") + ", "
        + weights.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
        + symmetry.name().toLowerCase(Locale.ROOT);
  }
}
