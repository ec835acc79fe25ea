package dev.hone.layer;

import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * A fully connected layer stored densely as 32-bit floats: {@code y = x W + b}. Immutable; the
 * views it hands out are read-only.
 *
 * <p>The weight is stored row-major with shape {@code [inputs, outputs]}: entry {@code (i, j)}
 * connects input {@code i} to output {@code j}.
 *
 * <pre>{@code
 * Dense first = model.layers().get(0);
 * float w = first.weight(0, 5);
 * }</pre>
 */
public final class Dense implements Layer {

  private final int inputs;
  private final int outputs;
  private final float[] weight;
  private final float[] bias;

  /**
   * Makes a layer from copies of the given arrays.
   *
   * @param inputs rows of the weight
   * @param outputs columns of the weight and length of the bias
   * @param weight {@code inputs * outputs} values, row-major
   * @param bias {@code outputs} values
   * @throws IllegalArgumentException when a size does not match or a value is not finite
   */
  public Dense(int inputs, int outputs, float[] weight, float[] bias) {
    LayerChecks.shape(inputs, outputs);
    LayerChecks.weights(weight, inputs, outputs);
    LayerChecks.bias(bias, outputs);
    this.inputs = inputs;
    this.outputs = outputs;
    this.weight = weight.clone();
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

  @Override
  public float weight(int input, int output) {
    Objects.checkIndex(input, inputs);
    Objects.checkIndex(output, outputs);
    return weight[input * outputs + output];
  }

  /** Returns a read-only row-major view of the weight. */
  public FloatBuffer weightBuffer() {
    return FloatBuffer.wrap(weight).asReadOnlyBuffer();
  }

  /** Returns a read-only view of the bias. */
  public FloatBuffer biasBuffer() {
    return FloatBuffer.wrap(bias).asReadOnlyBuffer();
  }

  @Override
  public float[] weights() {
    return weight.clone();
  }

  @Override
  public float[] biases() {
    return bias.clone();
  }

  @Override
  public String encoding() {
    return "dense";
  }

  /** Four bytes per weight and per bias. */
  @Override
  public long storedBytes() {
    return parameterCount() * Float.BYTES;
  }

  @Override
  public long nonZeroWeights() {
    return Layer.countNonZero(weight);
  }

  @Override
  public Dense toDense() {
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dense d && d.inputs == inputs && d.outputs == outputs
        && java.util.Arrays.equals(d.weight, weight) && java.util.Arrays.equals(d.bias, bias);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(weight) + java.util.Arrays.hashCode(bias);
  }

  @Override
  public String toString() {
    return "Dense[" + inputs + " -> " + outputs + "]";
  }
}
