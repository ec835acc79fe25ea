package dev.hone.quant;

/**
 * How many scales a quantized weight matrix has.
 *
 * <pre>{@code
 * QuantizedWeights.int8(w, in, out, Granularity.PER_CHANNEL, Symmetry.SYMMETRIC).scales().length; // out
 * }</pre>
 */
public enum Granularity {
  /** One scale and zero point for the whole tensor. */
  PER_TENSOR,
  /**
   * One scale and zero point per output column (ONNX {@code axis=1} of a {@code [inputs, outputs]}
   * weight), so a column of small weights keeps its resolution next to a column of large ones.
   */
  PER_CHANNEL
}
