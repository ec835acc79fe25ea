package dev.hone.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hone.runtime.Engines;
import dev.hone.runtime.Logits;
import dev.hone.runtime.NativeMlp;
import dev.hone.train.Device;

/**
 * A model's weights loaded onto a device, for many predictions in a row. Opening one copies the
 * weights once; {@link #close()} frees them. The owner of a predictor closes it.
 *
 * <pre>{@code
 * try (Predictor p = model.predictor()) {
 *   int digit = p.predict(image);
 * }
 * }</pre>
 */
public final class Predictor implements AutoCloseable {

  private final NDManager manager;
  private final NativeMlp mlp;
  private final int inputs;
  private final int classes;

  Predictor(Network model, Device device) {
    this.manager = Engines.engine().newBaseManager(Engines.resolve(device));
    try {
      this.mlp = new NativeMlp(model.layers(), model.spec().activation(), manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    this.inputs = model.spec().inputs();
    this.classes = model.spec().classes();
  }

  /**
   * Returns the logits for {@code rows} rows given row-major.
   *
   * @param features {@code rows * inputs} values
   * @param rows the number of rows
   * @return {@code rows * classes} logits, row-major
   */
  public float[] logits(float[] features, int rows) {
    if (rows <= 0 || features.length != rows * inputs) {
      throw new IllegalArgumentException("expected " + rows + " rows of " + inputs
          + " features (" + (long) rows * inputs + " values), got " + features.length);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException("row " + i / inputs + ", feature " + i % inputs
            + " is " + features[i] + "; expected a finite number");
      }
    }
    Engines.gradMode(false);
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(features, new Shape(rows, inputs));
      return mlp.forward(x).toFloatArray();
    }
  }

  /**
   * Returns the most likely class of one row.
   *
   * @param row {@code inputs} features
   * @return the class index
   */
  public int predict(float[] row) {
    return argMaxRows(logits(row, 1), classes)[0];
  }

  /**
   * Returns the most likely class of each row.
   *
   * @param rows feature rows
   * @return one class index per row
   */
  public int[] predict(float[][] rows) {
    if (rows.length == 0) {
      return new int[0];
    }
    float[] flat = new float[rows.length * inputs];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != inputs) {
        throw new IllegalArgumentException(
            "row " + r + " has " + rows[r].length + " features, expected " + inputs);
      }
      System.arraycopy(rows[r], 0, flat, r * inputs, inputs);
    }
    return argMaxRows(logits(flat, rows.length), classes);
  }

  private static int[] argMaxRows(float[] logits, int classes) {
    int[] out = new int[logits.length / classes];
    for (int r = 0; r < out.length; r++) {
      out[r] = Logits.argMax(logits, r * classes, classes);
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
