package dev.hone.model;

import dev.hone.layer.HalfLayer;
import dev.hone.layer.Int8Layer;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.quant.Precision;
import dev.hone.train.History;
import java.util.List;

/**
 * A model with low-precision weights: INT8 layers ({@link Int8Layer}) that run on ONNX
 * Runtime's integer kernels, or FP16/BF16 layers ({@link HalfLayer}), and possibly some layers
 * kept in FP32 for accuracy. It evaluates, predicts, saves and loads like every other form;
 * {@link #report()} says what quantizing cost. Made by {@code quantize} on a trained or pruned
 * model.
 *
 * <pre>{@code
 * QuantizedModel q = model.prune(0.5).quantize(INT8);
 * q.evaluate(mnist.test()).accuracy();
 * q.fileBytes();            // about a quarter of the FP32 file
 * q.exportOnnx(Path.of("mnist-int8.onnx"));
 * }</pre>
 */
public final class QuantizedModel extends Network {

  private final QuantizationReport report;

  QuantizedModel(MlpSpec spec, List<? extends Layer> layers, History history,
      Provenance provenance) {
    super(spec, layers, history, provenance);
    Precision p = null;
    for (Layer l : layers) {
      Precision lp = l instanceof Int8Layer ? Precision.INT8
          : l instanceof HalfLayer h ? h.precision() : null;
      if (lp != null && p != null && lp != p) {
        throw new IllegalArgumentException("a quantized model holds one low precision, not "
            + p + " and " + lp);
      }
      p = lp == null ? p : lp;
    }
    if (p == null) {
      throw new IllegalArgumentException("a quantized model needs at least one INT8, FP16 or"
          + " BF16 layer; every layer here is FP32");
    }
    this.report = Quantizer.report(provenance, layers);
  }

  @Override
  public String form() {
    return "quantized";
  }

  /** Returns the low precision of the quantized layers: INT8, FP16 or BF16. */
  public Precision precision() {
    for (Layer l : layers()) {
      if (l instanceof Int8Layer) {
        return Precision.INT8;
      }
      if (l instanceof HalfLayer h) {
        return h.precision();
      }
    }
    throw new IllegalStateException("no quantized layer");
  }

  /** Returns what quantizing did and cost: accuracy before and after, and each layer's choice. */
  public QuantizationReport report() {
    return report;
  }
}
