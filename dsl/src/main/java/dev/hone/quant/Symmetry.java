package dev.hone.quant;

/**
 * Whether the integer range is centred on zero.
 *
 * <pre>{@code
 * QuantizedWeights.int8(w, in, out, Granularity.PER_TENSOR, Symmetry.ASYMMETRIC);
 * }</pre>
 */
public enum Symmetry {
  /** Zero point 0, range {@code [-127, 127]}, {@code scale = max|x| / 127}. */
  SYMMETRIC,
  /**
   * Zero point chosen so the range {@code [min, max]} (widened to include 0) fills all 256
   * integers, {@code scale = (max - min) / 255}.
   */
  ASYMMETRIC
}
