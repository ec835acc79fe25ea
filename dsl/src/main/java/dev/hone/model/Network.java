package dev.hone.model;

import dev.hone.data.Dataset;
import dev.hone.data.Preprocessing;
import dev.hone.data.table.FittedPipeline;
import dev.hone.display.Displayable;
import dev.hone.export.ModelFile;
import dev.hone.export.StoredModel;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.runtime.internal.Logits;
import dev.hone.runtime.Device;
import dev.hone.runtime.Serving;
import dev.hone.export.OnnxExport;
import dev.hone.train.History;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model with weights, in any of Hone's forms: {@link TrainedModel} (dense float32),
 * {@link PrunedModel} (sparse), {@link ClusteredModel} (shared weights), {@link QuantizedModel}
 * (INT8, FP16 or BF16 weights). Every form evaluates,
 * predicts, saves and reports its size the same way; the verbs that make a new form exist only
 * where they make sense (a clustered model cannot be pruned again, a spec cannot be pruned at
 * all). An immutable value: verbs return new models and leave this one usable.
 *
 * <p>Weights live on the Java heap; prediction copies them to the engine (or to a heap kernel
 * for sparse models) and frees them again, so a notebook that makes many variants does not grow
 * native memory. Use {@link #predictor()} for many calls in a row.
 *
 * <pre>{@code
 * Network small = model.prune(0.9);
 * small.evaluate(mnist.test()).accuracy();
 * small.fileBytes();          // bytes of the real .hone file
 * small.compressionRatio();   // against dense float32
 * switch (small.form()) { ... }
 * }</pre>
 */
public abstract sealed class Network implements Displayable
    permits TrainedModel, PrunedModel, ClusteredModel, QuantizedModel {

  private final MlpSpec spec;
  private final List<Layer> layers;
  private final History history;
  private final Provenance provenance;
  private volatile long fileBytes = -1;

  Network(MlpSpec spec, List<? extends Layer> layers, History history, Provenance provenance) {
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
      Layer d = this.layers.get(i);
      if (d.inputs() != w.get(i) || d.outputs() != w.get(i + 1)) {
        throw new IllegalArgumentException("layer " + i + " is " + d.inputs() + " x "
            + d.outputs() + " but " + spec + " needs " + w.get(i) + " x " + w.get(i + 1));
      }
    }
  }

  /** Returns the form: {@code dense}, {@code pruned}, {@code clustered} or {@code quantized}. */
  public abstract String form();

  /** Returns the architecture. */
  public MlpSpec spec() {
    return spec;
  }

  /** Returns the layers, input side first, in their encodings. */
  public List<Layer> layers() {
    return layers;
  }

  /** Returns the training history of the last training step in the chain (may be empty). */
  public History history() {
    return history;
  }

  /** Returns the steps that made this model. */
  public Provenance provenance() {
    return provenance;
  }

  /** Returns the number of parameters, counted as a dense model of this shape has them. */
  public long parameterCount() {
    return layers.stream().mapToLong(Layer::parameterCount).sum();
  }

  /** Returns the number of parameters that are not zero (weights that survive, and biases). */
  public long nonZeroParameters() {
    return layers.stream().mapToLong(l -> l.nonZeroWeights() + l.outputs()).sum();
  }

  /** Returns the share of weights (not biases) that are zero, in [0, 1]. */
  public double sparsity() {
    long weights = layers.stream().mapToLong(Layer::weightCount).sum();
    long nonZero = layers.stream().mapToLong(Layer::nonZeroWeights).sum();
    return 1.0 - (double) nonZero / weights;
  }

  /** Returns the bytes the layers take in their encodings (before the file's entropy coding). */
  public long storedBytes() {
    return layers.stream().mapToLong(Layer::storedBytes).sum();
  }

  /** Returns the bytes of the parameters as dense 32-bit floats, the baseline of every ratio. */
  public long denseBytes() {
    return parameterCount() * Float.BYTES;
  }

  /**
   * Returns the size of this model's {@code .hone} file: the bytes {@link #save} writes, header,
   * history and checksum included. Computed once, by encoding the file in memory.
   */
  public long fileBytes() {
    long b = fileBytes;
    if (b < 0) {
      b = ModelFile.encode(stored()).length;
      fileBytes = b;
    }
    return b;
  }

  /** Returns {@link #denseBytes()} divided by {@link #fileBytes()}. */
  public double compressionRatio() {
    return (double) denseBytes() / fileBytes();
  }

  /**
   * Opens a predictor for many predictions in a row, on the runtime that serves this form best
   * (see {@link Predictor}).
   *
   * @return a predictor that the caller closes
   */
  public Predictor predictor() {
    return new Predictor(this, Serving.auto());
  }

  /**
   * Opens a predictor whose engine calls run on the given device.
   *
   * <pre>{@code
   * try (Predictor p = model.predictor(Device.cpu())) { ... }
   * }</pre>
   *
   * @param device where the engine runs ({@code Device.cpu()}, {@code Device.gpu(0)}, ...)
   * @return a predictor that the caller closes
   */
  public Predictor predictor(Device device) {
    return new Predictor(this, Serving.auto().device(Objects.requireNonNull(device, "device")));
  }

  /**
   * Opens a predictor on a chosen runtime, device and thread count.
   *
   * <pre>{@code
   * try (Predictor p = model.predictor(Serving.on(Backend.ONNX_RUNTIME).threads(1))) { ... }
   * }</pre>
   *
   * @param serving the backend (null in it for the measured default), device and threads
   * @return a predictor that the caller closes
   * @throws IllegalArgumentException when the backend cannot run this form
   */
  public Predictor predictor(Serving serving) {
    return new Predictor(this, Objects.requireNonNull(serving, "serving"));
  }

  /**
   * Writes the model as an ONNX file (IR 8, opset 17) that ONNX Runtime and other ONNX tools
   * load: float layers as {@code MatMul} and {@code Add}, FP16 and BF16 weights as 16-bit
   * initializers with a {@code Cast}, INT8 layers as integer matrix products (dynamic) or
   * {@code QuantizeLinear}/{@code DequantizeLinear} pairs (static). The input is {@code x}
   * ({@code [batch, inputs]} floats), the output {@code logits}. Written atomically: a failed
   * write leaves nothing behind.
   *
   * <pre>{@code
   * model.quantize(INT8).exportOnnx(Path.of("mnist-int8.onnx"));
   * }</pre>
   *
   * @param file where to write; its directory must exist
   * @return the number of bytes written
   * @throws java.io.UncheckedIOException naming the file when writing fails
   */
  public long exportOnnx(Path file) {
    return OnnxExport.write(stored(), file);
  }

  /** Returns the model's ONNX bytes (what {@link #exportOnnx} writes). */
  byte[] onnxBytes() {
    return OnnxExport.encode(stored());
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
   * Predicts the class of one raw table row, through the preprocessing the model was trained
   * with (a model trained on a dataset from a table pipeline keeps that pipeline, also in its
   * saved file).
   *
   * <pre>{@code
   * Map<String, Object> row = Tables.row(Tables.penguins(), 0);
   * String species = model.predict(row);   // "Adelie"
   * }</pre>
   *
   * @param rawRow column name to value, as in the training table (the label may be absent)
   * @return the predicted class's name
   * @throws IllegalStateException when the model was trained on feature arrays, not a table
   * @throws IllegalArgumentException naming the column when a value is missing or unseen
   */
  public String predict(Map<String, ?> rawRow) {
    Preprocessing p = requirePreprocessing();
    float[] x = p.encode(rawRow);
    int c = predict(new float[][] {x})[0];
    return p.classNames().isEmpty() ? Integer.toString(c) : p.classNames().get(c);
  }

  /**
   * Predicts the class of every row of a raw table, through the model's preprocessing.
   *
   * <pre>{@code
   * List<String> species = model.predict(newPenguins);
   * }</pre>
   *
   * @param rawRows rows with the training table's columns
   * @return one class name per row
   * @throws IllegalStateException when the model was trained on feature arrays, not a table
   * @throws IllegalArgumentException naming the row and column of a value it cannot encode
   */
  public List<String> predict(tech.tablesaw.api.Table rawRows) {
    Preprocessing p = requirePreprocessing();
    if (!(p instanceof FittedPipeline fitted)) {
      throw new IllegalStateException("the model's preprocessing is not a table pipeline");
    }
    int[] classes = predict(fitted.encodeRows(rawRows));
    List<String> names = p.classNames();
    return java.util.Arrays.stream(classes)
        .mapToObj(c -> names.isEmpty() ? Integer.toString(c) : names.get(c)).toList();
  }

  private Preprocessing requirePreprocessing() {
    if (spec.preprocessing() == null) {
      throw new IllegalStateException("this model was trained on feature arrays, not on a"
          + " table pipeline's dataset, so it cannot read raw rows; use predict(float[][]) or"
          + " train on pipeline.fitSplit(table, ...).train()");
    }
    return spec.preprocessing();
  }

  /**
   * Returns the logits of every row of the data, row-major ({@code size * classes}).
   *
   * <pre>{@code
   * float[] z = model.logits(mnist.test());   // size * classes, row-major
   * }</pre>
   *
   * @param data rows that fit the model
   * @return the logits
   */
  public float[] logits(Dataset data) {
    spec.checkFits(data);
    int classes = spec.classes();
    float[] out = new float[data.size() * classes];
    FloatBuffer features = data.featureBuffer();
    int chunk = 1024;
    try (Predictor p = predictor()) {
      for (int start = 0; start < data.size(); start += chunk) {
        int rows = Math.min(chunk, data.size() - start);
        float[] x = new float[rows * spec.inputs()];
        features.get(start * spec.inputs(), x);
        System.arraycopy(p.logits(x, rows), 0, out, start * classes, rows * classes);
      }
    }
    return out;
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
    float[] logits = logits(data);
    int classes = spec.classes();
    int[][] confusion = new int[classes][classes];
    double lossSum = 0;
    for (int r = 0; r < data.size(); r++) {
      int label = data.label(r);
      lossSum += Logits.crossEntropy(logits, r * classes, classes, label);
      confusion[label][Logits.argMax(logits, r * classes, classes)]++;
    }
    List<String> names = data.hasClassNames() ? data.classNames()
        : spec.preprocessing() != null && spec.preprocessing().classNames().size() == classes
            ? spec.preprocessing().classNames() : null;
    return names == null ? new Evaluation(lossSum / data.size(), confusion)
        : new Evaluation(lossSum / data.size(), confusion, names);
  }

  /** Returns a table of layers, encodings, shapes, parameters and bytes. */
  public ModelSummary summary() {
    return ModelSummary.of(this);
  }

  /**
   * Saves the model, its history and provenance to a file, atomically: a reader never sees a
   * half-written file, and a failed write leaves nothing behind. Pruned and clustered models are
   * stored compactly (see {@code docs/model-format.md}); loading gives the same predictions bit
   * for bit.
   *
   * <pre>{@code
   * model.save(Path.of("mnist.hone"));
   * Network back = Model.load(Path.of("mnist.hone"));
   * }</pre>
   *
   * @param file where to write; its directory must exist
   * @return the number of bytes written
   * @throws java.io.UncheckedIOException naming the file when writing fails
   */
  public long save(Path file) {
    return ModelFile.write(stored(), file);
  }

  StoredModel stored() {
    return new StoredModel(form(), spec.widths(), spec.activation(), layers, provenance,
        history, spec.preprocessing() == null ? null : spec.preprocessing().toJson());
  }

  static Network fromStored(StoredModel s) {
    MlpSpec spec = new MlpSpec(s.widths(), s.activation(),
        s.preprocessing() == null ? null : FittedPipeline.fromJson(s.preprocessing()));
    return switch (s.form()) {
      case "dense" -> new TrainedModel(spec, s.layers().stream().map(Layer::toDense).toList(),
          s.history(), s.provenance());
      case "pruned" -> new PrunedModel(spec, s.layers(), s.history(), s.provenance());
      case "clustered" -> new ClusteredModel(spec, s.layers(), s.history(), s.provenance());
      case "quantized" -> new QuantizedModel(spec, s.layers(), s.history(), s.provenance());
      default -> throw new IllegalArgumentException("unknown model form '" + s.form()
          + "'; expected dense, pruned, clustered or quantized");
    };
  }

  @Override
  public Map<String, String> toMimeBundle() {
    return summary().toMimeBundle();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + provenance + ", " + parameterCount()
        + " parameters" + (form().equals("dense") ? "" : String.format(java.util.Locale.ROOT,
            ", %.1f%% sparse", 100 * sparsity())) + "]";
  }
}
