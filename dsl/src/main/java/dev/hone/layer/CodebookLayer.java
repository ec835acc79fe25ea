package dev.hone.layer;

import java.util.Arrays;
import java.util.Objects;

/**
 * A layer whose weights share a few values (weight sharing, Han et al., "Deep Compression",
 * ICLR 2016): a codebook of at most {@code 2^bits} centroids, a bitmask of kept weights (pruned
 * weights are exact zeros outside the codebook), and one {@code bits}-bit code per kept weight.
 *
 * <p>Stored bytes: 4 per centroid, {@code ceil(inputs * outputs / 8)} for the mask,
 * {@code ceil(kept * bits / 8)} for the codes and 4 per bias. With 5 bits and 90% sparsity that
 * is about 0.19 bytes per weight against 4 for {@link Dense}.
 *
 * <pre>{@code
 * CodebookLayer c = (CodebookLayer) model.cluster(5).layers().get(0);
 * c.codebook();   // the centroids
 * }</pre>
 */
public final class CodebookLayer implements Layer {

  private final int inputs;
  private final int outputs;
  private final int bits;
  private final float[] codebook;
  private final long[] mask;
  private final byte[] codes;
  private final float[] bias;

  /**
   * Makes a layer from its parts, copying them.
   *
   * @param inputs rows of the weight
   * @param outputs columns of the weight
   * @param bits bits per code, 1 to 8
   * @param codebook the centroids, at most {@code 2^bits}, finite
   * @param maskWords kept weights, bit {@code i % 64} of word {@code i / 64}
   * @param codes one code per kept weight, row-major, each below {@code codebook.length}
   * @param bias {@code outputs} values
   * @throws IllegalArgumentException naming the part that does not fit
   */
  public CodebookLayer(int inputs, int outputs, int bits, float[] codebook, long[] maskWords,
      byte[] codes, float[] bias) {
    LayerChecks.shape(inputs, outputs);
    if (bits < 1 || bits > 8) {
      throw new IllegalArgumentException("bits must be in [1, 8], was " + bits);
    }
    if (codebook.length == 0 || codebook.length > (1 << bits)) {
      throw new IllegalArgumentException("a " + bits + "-bit codebook holds 1 to " + (1 << bits)
          + " centroids, was " + codebook.length);
    }
    LayerChecks.finite(codebook, "centroid");
    Masks.check(maskWords, inputs, outputs, codes.length, "codes");
    for (int i = 0; i < codes.length; i++) {
      if ((codes[i] & 0xFF) >= codebook.length) {
        throw new IllegalArgumentException("code " + i + " is " + (codes[i] & 0xFF)
            + " but the codebook has " + codebook.length + " centroids");
      }
    }
    LayerChecks.bias(bias, outputs);
    this.inputs = inputs;
    this.outputs = outputs;
    this.bits = bits;
    this.codebook = codebook.clone();
    this.mask = maskWords.clone();
    this.codes = codes.clone();
    this.bias = bias.clone();
  }

  @Override
  public int inputs() {
    return inputs;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  /** Returns the bits per code. */
  public int bits() {
    return bits;
  }

  /** Returns a copy of the centroids. */
  public float[] codebook() {
    return codebook.clone();
  }

  /** Returns a copy of the codes, one per kept weight, row-major (read them unsigned). */
  public byte[] codes() {
    return codes.clone();
  }

  /** Returns a copy of the mask words (bit {@code i % 64} of word {@code i / 64}). */
  public long[] maskWords() {
    return mask.clone();
  }

  /** Returns the mask as 1 (kept) and 0 (pruned) floats, row-major. */
  public float[] maskValues() {
    return Masks.values(mask, inputs * outputs);
  }

  /**
   * Returns the cluster of every weight, row-major: its code, or -1 where the weight is pruned.
   */
  public int[] assignments() {
    int[] a = new int[inputs * outputs];
    int k = 0;
    for (int i = 0; i < a.length; i++) {
      a[i] = Masks.kept(mask, i) ? codes[k++] & 0xFF : -1;
    }
    return a;
  }

  /**
   * Returns a layer with the same codes and mask and new centroids and bias (fine-tuning).
   *
   * @param newCodebook the centroids, as many as before
   * @param newBias the bias
   * @return the layer
   */
  public CodebookLayer withCentroids(float[] newCodebook, float[] newBias) {
    if (newCodebook.length != codebook.length) {
      throw new IllegalArgumentException("expected " + codebook.length + " centroids, was "
          + newCodebook.length);
    }
    return new CodebookLayer(inputs, outputs, bits, newCodebook, mask, codes, newBias);
  }

  @Override
  public float[] weights() {
    float[] w = new float[inputs * outputs];
    int k = 0;
    for (int i = 0; i < w.length; i++) {
      if (Masks.kept(mask, i)) {
        w[i] = codebook[codes[k++] & 0xFF];
      }
    }
    return w;
  }

  @Override
  public float[] biases() {
    return bias.clone();
  }

  @Override
  public String encoding() {
    return "codebook";
  }

  @Override
  public long storedBytes() {
    return 4L * codebook.length + (weightCount() + 7) / 8 + ((long) codes.length * bits + 7) / 8
        + 4L * outputs;
  }

  @Override
  public long nonZeroWeights() {
    long n = 0;
    for (byte c : codes) {
      if (codebook[c & 0xFF] != 0f) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodebookLayer c && c.inputs == inputs && c.outputs == outputs
        && c.bits == bits && Arrays.equals(c.codebook, codebook) && Arrays.equals(c.mask, mask)
        && Arrays.equals(c.codes, codes) && Arrays.equals(c.bias, bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs, outputs, bits, Arrays.hashCode(codebook), Arrays.hashCode(codes));
  }

  @Override
  public String toString() {
    return "CodebookLayer[" + inputs + " -> " + outputs + ", " + codebook.length + " centroids, "
        + bits + " bits]";
  }
}
