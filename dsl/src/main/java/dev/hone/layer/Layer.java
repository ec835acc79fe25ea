package dev.hone.layer;

import java.util.Objects;

/**
 * One fully connected layer, {@code y = x W + b}, in one of Hone's weight encodings. Every
 * encoding decodes to the same dense view ({@link #weights()}), so engines and kernels need not
 * know how a layer is stored, and each reports the bytes of its own encoding.
 *
 * <p>The weight is row-major with shape {@code [inputs, outputs]}: entry {@code (i, j)} connects
 * input {@code i} to output {@code j}.
 *
 * <pre>{@code
 * Layer first = model.layers().get(0);
 * first.nonZeroWeights();   // 10,035 after prune(0.9) of a 784 x 128 layer
 * first.storedBytes();      // bytes of this encoding
 * }</pre>
 */
public sealed interface Layer permits Dense, SparseLayer, CodebookLayer, Int8Layer, HalfLayer {

  /** Returns the number of inputs. */
  int inputs();

  /** Returns the number of outputs. */
  int outputs();

  /** Returns a copy of the weight, decoded to dense row-major floats. */
  float[] weights();

  /** Returns a copy of the bias. */
  float[] biases();

  /**
   * Returns the name of the encoding: {@code dense}, {@code sparse}, {@code codebook},
   * {@code int8}, {@code fp16} or {@code bf16}.
   */
  String encoding();

  /** Returns the bytes this encoding takes, before any entropy coding of the file. */
  long storedBytes();

  /** Returns the number of weights that are not zero. */
  long nonZeroWeights();

  /** Returns the number of weights, {@code inputs * outputs}. */
  default long weightCount() {
    return (long) inputs() * outputs();
  }

  /** Returns the number of parameters, weights and biases, as a dense layer counts them. */
  default long parameterCount() {
    return weightCount() + outputs();
  }

  /** Returns the share of weights that are zero, in [0, 1]. */
  default double sparsity() {
    return 1.0 - (double) nonZeroWeights() / weightCount();
  }

  /**
   * Returns weight entry {@code (input, output)}.
   *
   * @param input the input index
   * @param output the output index
   * @return the weight
   */
  default float weight(int input, int output) {
    Objects.checkIndex(input, inputs());
    Objects.checkIndex(output, outputs());
    return weights()[input * outputs() + output];
  }

  /** Returns this layer as a plain dense layer with the same values. */
  default Dense toDense() {
    return new Dense(inputs(), outputs(), weights(), biases());
  }

  /** Counts the entries that are not zero ({@code -0.0} counts as zero). */
  static long countNonZero(float[] values) {
    long n = 0;
    for (float v : values) {
      if (v != 0f) {
        n++;
      }
    }
    return n;
  }
}
