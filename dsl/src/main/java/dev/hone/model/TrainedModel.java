package dev.hone.model;

import dev.hone.data.Dataset;
import dev.hone.display.Displayable;
import dev.hone.internal.Logits;
import dev.hone.internal.ModelFile;
import dev.hone.train.Device;
import dev.hone.train.History;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model with weights: what {@link MlpSpec#train} returns and what compression steps take and
 * give. An immutable value: every verb returns a new model and leaves this one usable.
 *
 * <p>Weights live on the Java heap; each prediction call copies them to the engine and frees
 * them again, so a notebook that makes many variants does not grow native memory. Use
 * {@link #predictor()} for many calls in a row.
 *
 * <pre>{@code
 * TrainedModel m = Model.mlp(784, 128, 64, 10).train(mnist.train(), Train.epochs(5));
 * m.evaluate(mnist.test()).accuracy();
 * m.summary();
 * m.save(Path.of("mnist.hone"));
 * }</pre>
 */
public final class TrainedModel implements Displayable {

  private final MlpSpec spec;
  private final List<Dense> layers;
  private final History history;
  private final Provenance provenance;

  /**
   * Makes a model value.
   *
   * @param spec the architecture
   * @param layers one layer per pair of widths, shapes matching the spec
   * @param history how it was trained
   * @param provenance the steps that made it
   * @throws IllegalArgumentException when a layer's shape does not match the spec
   */
  public TrainedModel(MlpSpec spec, List<Dense> layers, History history, Provenance provenance) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.layers = List.copyOf(layers);
    this.history = Objects.requireNonNull(history, "history");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    List<Integer> w = spec.widths();
    if (this.layers.size() != w.size() - 1) {
      throw new IllegalArgumentException(spec + " needs " + (w.size() - 1) + " layers, got "
          + this.layers.size());
    }
    for (int i = 0; i < this.layers.size(); i++) {
      Dense d = this.layers.get(i);
      if (d.inputs() != w.get(i) || d.outputs() != w.get(i + 1)) {
        throw new IllegalArgumentException("layer " + i + " is " + d.inputs() + " x "
            + d.outputs() + " but " + spec + " needs " + w.get(i) + " x " + w.get(i + 1));
      }
    }
  }

  /** Returns the architecture. */
  public MlpSpec spec() {
    return spec;
  }

  /** Returns the layers, input side first. */
  public List<Dense> layers() {
    return layers;
  }

  /** Returns the training history (empty for a model that was not trained in this chain). */
  public History history() {
    return history;
  }

  /** Returns the steps that made this model. */
  public Provenance provenance() {
    return provenance;
  }

  /** Returns the number of parameters. */
  public long parameterCount() {
    return layers.stream().mapToLong(Dense::parameterCount).sum();
  }

  /** Returns the bytes of the parameters as 32-bit floats in memory. */
  public long parameterBytes() {
    return parameterCount() * Float.BYTES;
  }

  /**
   * Opens a predictor on the default device, for many predictions in a row.
   *
   * @return a predictor that the caller closes
   */
  public Predictor predictor() {
    return new Predictor(this, Device.auto());
  }

  /**
   * Returns the most likely class of each row.
   *
   * <pre>{@code
   * int[] digits = model.predict(mnist.test().rows());
   * }</pre>
   *
   * @param rows feature rows of {@code spec().inputs()} values each
   * @return one class per row
   */
  public int[] predict(float[][] rows) {
    try (Predictor p = predictor()) {
      return p.predict(rows);
    }
  }

  /**
   * Measures accuracy, loss, per-class accuracy and the confusion matrix on held-out data.
   *
   * <pre>{@code
   * Evaluation e = model.evaluate(mnist.test());
   * }</pre>
   *
   * @param data rows the model has not trained on
   * @return the evaluation
   * @throws IllegalArgumentException when the data does not fit the model
   */
  public Evaluation evaluate(Dataset data) {
    spec.checkFits(data);
    int classes = spec.classes();
    int[][] confusion = new int[classes][classes];
    double lossSum = 0;
    int chunk = 1024;
    FloatBuffer features = data.featureBuffer();
    try (Predictor p = predictor()) {
      for (int start = 0; start < data.size(); start += chunk) {
        int rows = Math.min(chunk, data.size() - start);
        float[] x = new float[rows * spec.inputs()];
        features.get(start * spec.inputs(), x);
        float[] logits = p.logits(x, rows);
        for (int r = 0; r < rows; r++) {
          int label = data.label(start + r);
          lossSum += Logits.crossEntropy(logits, r * classes, classes, label);
          confusion[label][Logits.argMax(logits, r * classes, classes)]++;
        }
      }
    }
    return new Evaluation(lossSum / data.size(), confusion);
  }

  /** Returns a table of layers, shapes, parameters and bytes. */
  public ModelSummary summary() {
    return ModelSummary.of(this);
  }

  /**
   * Saves the model, its history and provenance to a file, atomically: a reader never sees a
   * half-written file. The format is described in {@code docs/model-format.md}.
   *
   * <pre>{@code
   * model.save(Path.of("mnist.hone"));
   * TrainedModel back = Model.load(Path.of("mnist.hone"));
   * }</pre>
   *
   * @param file where to write; its directory must exist
   * @return the number of bytes written
   * @throws java.io.UncheckedIOException when writing fails
   */
  public long save(Path file) {
    return ModelFile.write(this, file);
  }

  static TrainedModel load(Path file) {
    return ModelFile.read(file);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    return summary().toMimeBundle();
  }

  @Override
  public String toString() {
    return "TrainedModel[" + provenance + ", " + parameterCount() + " parameters]";
  }
}
