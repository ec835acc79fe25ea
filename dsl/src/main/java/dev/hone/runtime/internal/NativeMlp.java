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

  private NativeMlp(NDArray[] weights, NDArray[] biases, dev.hone.layer.Activation activation) {
    this.weights = weights;
    this.biases = biases;
    this.activation = activation;
  }

  /**
   * Returns a replica whose parameters are new autograd leaves over this MLP's memory (detached
   * views, no copy): a step that changes these weights in place changes the replica's too, while
   * each keeps its own gradients, so replicas in different threads never add into one
   * {@code .grad}. The views belong to this MLP's manager.
   *
   * @return the replica, its parameters requiring gradients
   */
  public NativeMlp sharingMemory() {
    return replica(null, null);
  }

  /**
   * Returns a replica with its own copy of the parameters on the manager's device (another GPU),
   * requiring gradients; {@link #copyInto} refreshes it after each step.
   *
   * @param manager owns the copies
   * @return the replica
   */
  public NativeMlp copyOn(NDManager manager) {
    return replica(manager, manager.getDevice());
  }

  private NativeMlp replica(NDManager manager, ai.djl.Device device) {
    NDArray[] w = new NDArray[weights.length];
    NDArray[] b = new NDArray[biases.length];
    for (int i = 0; i < weights.length; i++) {
      w[i] = leaf(weights[i], manager, device);
      b[i] = leaf(biases[i], manager, device);
    }
    return new NativeMlp(w, b, activation);
  }

  private static NDArray leaf(NDArray a, NDManager manager, ai.djl.Device device) {
    NDArray r;
    if (manager == null) {
      r = a.stopGradient();
    } else {
      // The engine's to(device) returns the same tensor on the same device: clone there instead.
      r = device.equals(a.getDevice()) ? JniUtils.clone((PtNDArray) a) : a.toDevice(device, false);
      r.attach(manager);
    }
    r.setRequiresGradient(true);
    return r;
  }

  /**
   * Copies this MLP's parameters into another of the same shapes, on the engine (across devices
   * where they differ), in place.
   *
   * @param other the replica to overwrite
   */
  public void copyInto(NativeMlp other) {
    NDArray[] from = parameters();
    NDArray[] to = other.parameters();
    for (int i = 0; i < from.length; i++) {
      Engines.copyInto(from[i], to[i]);
    }
  }

  /**
   * Returns the transpose of a row-major {@code rows x cols} matrix, row-major.
   *
   * @param m the matrix
   * @param rows its rows
   * @param cols its columns
   * @return a fresh {@code cols x rows} matrix
   */
  public static float[] transpose(float[] m, int rows, int cols) {
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
    return forward(x, false);
  }

  /**
   * Computes the layers' output; intermediate arrays go to {@code x}'s manager. A pipeline stage
   * that is not the last activates its last layer too, as the unsplit model does there.
   *
   * @param x a {@code [rows, inputs]} batch
   * @param activateLast whether the last layer's output goes through the activation
   * @return {@code [rows, outputs]} of the last layer
   */
  public NDArray forward(NDArray x, boolean activateLast) {
    NDArray h = x;
    for (int i = 0; i < weights.length; i++) {
      h = JniUtils.linear((PtNDArray) h, (PtNDArray) weights[i], (PtNDArray) biases[i]);
      if (activateLast || i + 1 < weights.length) {
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
   * Returns the share of the weights (not the biases) that are exactly zero. It reads them in the
   * engine's layout: the count does not depend on it, and a transpose of every weight after each
   * epoch cost a copy and, in a fresh JVM, C2 compiles while the next epoch trained.
   *
   * @return zeros over all weights, 0 to 1
   */
  public double weightSparsity() {
    long zeros = 0;
    long total = 0;
    for (NDArray w : weights) {
      for (float v : w.toFloatArray()) {
        if (v == 0f) {
          zeros++;
        }
      }
      total += w.size();
    }
    return (double) zeros / total;
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
      Engines.copyInto(engineLayout(values, layer, scope), w);
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
