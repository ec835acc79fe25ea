package dev.hone.model;

import dev.hone.export.ModelFile;
import dev.hone.export.OnnxImport;
import dev.hone.layer.Activation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where models start: specs to train, and saved models to load.
 *
 * <pre>{@code
 * var mnist = Datasets.mnist();
 * var model = Model.mlp(784, 128, 64, 10)
 *     .train(mnist.train(), Train.epochs(5).batchSize(128).adam(1e-3));
 * model.evaluate(mnist.test()).accuracy();
 * }</pre>
 */
public final class Model {

  private Model() {}

  /**
   * Returns the spec of a multilayer perceptron with ReLU between layers.
   *
   * @param widths input width, hidden widths, then the number of classes; at least two, all > 0
   * @return the untrained spec
   * @throws IllegalArgumentException on fewer than two widths or a width that is not positive
   */
  public static MlpSpec mlp(int... widths) {
    Objects.requireNonNull(widths, "widths");
    return new MlpSpec(Arrays.stream(widths).boxed().toList(), Activation.RELU);
  }

  /**
   * Loads a model saved with {@link Network#save(Path)}, in the form it was saved: a
   * {@link TrainedModel}, {@link PrunedModel} or {@link ClusteredModel}. Files of every format
   * version load.
   *
   * <pre>{@code
   * Network again = Model.load(Path.of("mnist.hone"));
   * TrainedModel dense = Model.load(Path.of("mnist.hone"), TrainedModel.class);
   * }</pre>
   *
   * @param file the model file
   * @return the model, with its history and provenance
   * @throws java.io.UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a Hone model file or is corrupt
   */
  public static Network load(Path file) {
    var stored = ModelFile.read(file);
    try {
      return Network.fromStored(stored);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("model file " + file + " does not hold a valid model: "
          + e.getMessage(), e);
    }
  }

  /**
   * Loads a model and checks its form.
   *
   * @param file the model file
   * @param form the expected class, such as {@code PrunedModel.class}
   * @param <N> the form
   * @return the model
   * @throws IllegalArgumentException when the file holds another form
   */
  public static <N extends Network> N load(Path file, Class<N> form) {
    Network n = load(file);
    if (!form.isInstance(n)) {
      throw new IllegalArgumentException("model file " + file + " holds a " + n.form()
          + " model (" + n.getClass().getSimpleName() + "), not a " + form.getSimpleName());
    }
    return form.cast(n);
  }

  /**
   * Loads a model from an ONNX file that {@link Network#exportOnnx(Path)} wrote: a
   * {@link TrainedModel} for float layers (a pruned model's zeros come back as dense zeros), a
   * {@link QuantizedModel} for INT8, FP16 or BF16 layers. Predictions match the exported model.
   *
   * <pre>{@code
   * model.quantize(INT8).exportOnnx(Path.of("mnist-int8.onnx"));
   * Network back = Model.loadOnnx(Path.of("mnist-int8.onnx"));
   * }</pre>
   *
   * @param file the {@code .onnx} file
   * @return the model
   * @throws java.io.UncheckedIOException when the file cannot be read
   * @throws dev.hone.export.onnx.OnnxFormatException naming the file when it is not ONNX, is
   *     damaged, or was written by another tool
   */
  public static Network loadOnnx(Path file) {
    var stored = OnnxImport.read(file);
    try {
      return Network.fromStored(stored);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ONNX file " + file + " does not hold a valid Hone"
          + " model: " + e.getMessage(), e);
    }
  }
}
