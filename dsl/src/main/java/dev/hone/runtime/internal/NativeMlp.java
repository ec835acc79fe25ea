package dev.hone.runtime.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * An MLP's parameters as engine arrays, and its forward pass. The arrays belong to the manager
 * given at construction; whoever owns that manager frees them.
 *
 * <p>Weights are held as {@code [outputs, inputs]}, the layout of {@code torch.nn.Linear}, so a
 * layer is one fused {@code linear} (addmm) call forward and backward; {@link Dense} keeps its
 * {@code [inputs, outputs]} layout, and the constructor and {@link #toLayers()} transpose.
 */
public final class NativeMlp {

  private final NDArray[] weights;
  private final NDArray[] biases;
  private final dev.hone.layer.Activation activation;

  /**
   * Copies the layers onto the manager's device.
   *
   * @param layers the layers, in order
   * @param activation the hidden activation
   * @param manager owns the created arrays
   */
  public NativeMlp(List<? extends Layer> layers, dev.hone.layer.Activation activation,
      NDManager manager) {
    this.activation = activation;
    weights = new NDArray[layers.size()];
    biases = new NDArray[layers.size()];
    for (int i = 0; i < layers.size(); i++) {
      Layer d = layers.get(i);
      weights[i] = manager.create(transpose(d.weights(), d.inputs(), d.outputs()),
          new Shape(d.outputs(), d.inputs()));
      biases[i] = manager.create(d.biases(), new Shape(d.outputs()));
    }
  }

  private static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  /** Returns every parameter, weight ({@code [outputs, inputs]}) then bias, per layer. */
  public NDArray[] parameters() {
    NDArray[] all = new NDArray[weights.length * 2];
    for (int i = 0; i < weights.length; i++) {
      all[2 * i] = weights[i];
      all[2 * i + 1] = biases[i];
    }
    return all;
  }

  /**
   * Computes logits; intermediate arrays go to {@code x}'s manager.
   *
   * @param x a {@code [rows, inputs]} batch
   * @return {@code [rows, classes]} logits
   */
  public NDArray forward(NDArray x) {
    NDArray h = x;
    for (int i = 0; i < weights.length; i++) {
      h = JniUtils.linear((PtNDArray) h, (PtNDArray) weights[i], (PtNDArray) biases[i]);
      if (i + 1 < weights.length) {
        h = activate(h);
      }
    }
    return h;
  }

  private NDArray activate(NDArray h) {
    return switch (activation) {
      case RELU -> Activation.relu(h);
      case LEAKY_RELU -> Activation.leakyRelu(h, 0.01f);
      case TANH -> Activation.tanh(h);
      case SIGMOID -> Activation.sigmoid(h);
      case GELU -> Activation.gelu(h);
      case IDENTITY -> h;
    };
  }

  /** Returns the number of layers. */
  public int layerCount() {
    return weights.length;
  }

  /**
   * Reads one layer's weight back in Hone's {@code [inputs, outputs]} row-major layout.
   *
   * @param layer the layer index
   * @return a fresh array
   */
  public float[] weightValues(int layer) {
    Shape s = weights[layer].getShape();
    return transpose(weights[layer].toFloatArray(), (int) s.get(0), (int) s.get(1));
  }

  /**
   * Returns a layer's weight in Hone's {@code [inputs, outputs]} layout as an engine array on the
   * given manager, transposed to the engine's {@code [outputs, inputs]} layout.
   *
   * @param values row-major {@code [inputs, outputs]} values, such as a mask
   * @param layer the layer whose shape they have
   * @param manager owns the created array
   * @return the engine array
   */
  public NDArray engineLayout(float[] values, int layer, NDManager manager) {
    Shape s = weights[layer].getShape();
    int outputs = (int) s.get(0);
    int inputs = (int) s.get(1);
    return manager.create(transpose(values, inputs, outputs), s);
  }

  /**
   * Overwrites one layer's weight in place (the array stays the same engine tensor, so optimizer
   * state and gradients keep pointing at it).
   *
   * @param layer the layer index
   * @param values row-major {@code [inputs, outputs]} values
   */
  public void setWeightValues(int layer, float[] values) {
    NDArray w = weights[layer];
    try (NDManager scope = w.getManager().newSubManager()) {
      NDArray fresh = engineLayout(values, layer, scope);
      long rows = w.getShape().get(0);
      JniUtils.indexSet((PtNDArray) w, (PtNDArray) fresh, new long[] {0}, new long[] {rows},
          new long[] {1});
    }
  }

  /** Reads the current parameters back as immutable layers. */
  public List<Dense> toLayers() {
    List<Dense> out = new ArrayList<>(weights.length);
    for (int i = 0; i < weights.length; i++) {
      Shape s = weights[i].getShape();
      int outputs = (int) s.get(0);
      int inputs = (int) s.get(1);
      out.add(new Dense(inputs, outputs, transpose(weights[i].toFloatArray(), outputs, inputs),
          biases[i].toFloatArray()));
    }
    return out;
  }
}
