package dev.hone.export;

import dev.hone.export.onnx.ElementType;
import dev.hone.export.onnx.OnnxFormatException;
import dev.hone.export.onnx.OnnxGraph;
import dev.hone.export.onnx.OnnxModel;
import dev.hone.export.onnx.TensorData;
import dev.hone.layer.Activation;
import dev.hone.layer.Dense;
import dev.hone.layer.HalfLayer;
import dev.hone.layer.Int8Layer;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.quant.Granularity;
import dev.hone.quant.Precision;
import dev.hone.quant.QuantParams;
import dev.hone.quant.QuantizedWeights;
import dev.hone.train.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads back an ONNX file that {@link OnnxExport} wrote: the layers come from the named
 * initializers, the form and provenance from the {@code hone.*} metadata. Pruned layers come
 * back dense (ONNX has no sparse layout here), so the form is {@code dense} or
 * {@code quantized}. Files from other tools are refused with a message saying so.
 */
public final class OnnxImport {

  private OnnxImport() {}

  /**
   * Reads a model from an ONNX file written by Hone.
   *
   * @param file the {@code .onnx} file
   * @return the stored model
   * @throws OnnxFormatException naming the file when it is not ONNX, is damaged, or was not
   *     written by Hone
   */
  public static StoredModel read(Path file) {
    OnnxModel m = OnnxModel.read(file);
    try {
      return of(m);
    } catch (OnnxFormatException | IllegalArgumentException | IllegalStateException
        | IndexOutOfBoundsException e) {
      // A tensor of the wrong type or size says so in its own words; the file is named here.
      throw new OnnxFormatException(file + ": " + e.getMessage(), e);
    }
  }

  static StoredModel of(OnnxModel m) {
    String form = m.metadata().get("hone.form");
    String widthText = m.metadata().get("hone.widths");
    if (form == null || widthText == null) {
      throw new OnnxFormatException("not a model Hone exported (producer '" + m.producerName()
          + "', no hone.form and hone.widths metadata); Hone reads back the ONNX files it"
          + " writes; run other ONNX models with ONNX Runtime directly");
    }
    List<Integer> widths = new ArrayList<>();
    try {
      for (String w : widthText.split(",")) {
        widths.add(Integer.parseInt(w.strip()));
      }
    } catch (NumberFormatException e) {
      throw new OnnxFormatException("hone.widths is '" + widthText + "', expected numbers"
          + " separated by commas");
    }
    Activation activation;
    try {
      activation = Activation.valueOf(m.metadata().getOrDefault("hone.activation", "RELU"));
    } catch (IllegalArgumentException e) {
      throw new OnnxFormatException("hone.activation is '"
          + m.metadata().get("hone.activation") + "', not one of "
          + Arrays.toString(Activation.values()));
    }
    OnnxGraph g = m.graph();
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < widths.size() - 1; i++) {
      layers.add(layer(g, "layer" + i + ".", widths.get(i), widths.get(i + 1)));
    }
    String provenance = m.metadata().getOrDefault("hone.provenance", "");
    Provenance p = Provenance.parse(provenance.isEmpty() ? List.of("onnx")
        : List.of(provenance.split("\n")));
    boolean quantized = layers.stream()
        .anyMatch(l -> l instanceof Int8Layer || l instanceof HalfLayer);
    return new StoredModel(quantized ? "quantized" : "dense", widths, activation, layers, p,
        History.empty(), m.metadata().get("hone.preprocessing"));
  }

  private static Layer layer(OnnxGraph g, String p, int inputs, int outputs) {
    TensorData w = need(g, p + "weight");
    float[] bias = need(g, p + "bias").floats();
    long[] dims = {inputs, outputs};
    if (!Arrays.equals(w.dims(), dims)) {
      throw new OnnxFormatException("initializer '" + w.name() + "' has dims "
          + Arrays.toString(w.dims()) + " but hone.widths needs " + Arrays.toString(dims));
    }
    return switch (w.type()) {
      case FLOAT -> new Dense(inputs, outputs, w.floats(), bias);
      case FLOAT16 -> HalfLayer.fromBits(Precision.FP16, inputs, outputs, w.halfBits(), bias);
      case BFLOAT16 -> HalfLayer.fromBits(Precision.BF16, inputs, outputs, w.halfBits(), bias);
      case INT8 -> int8(g, p, w, inputs, outputs, bias);
      default -> throw new OnnxFormatException("initializer '" + w.name() + "' holds "
          + w.type() + "; expected FLOAT, FLOAT16, BFLOAT16 or INT8");
    };
  }

  private static Int8Layer int8(OnnxGraph g, String p, TensorData w, int inputs, int outputs,
      float[] bias) {
    TensorData scale = need(g, p + "weight_scale");
    float[] scales = scale.floats();
    // A scalar scale is per tensor, a vector per output channel (ONNX's own distinction).
    Granularity gran = scale.dims().length == 0 ? Granularity.PER_TENSOR
        : Granularity.PER_CHANNEL;
    if (gran == Granularity.PER_TENSOR ? scales.length != 1 : scales.length != outputs) {
      throw new OnnxFormatException("'" + p + "weight_scale' has " + scales.length
          + " values; expected a scalar or " + outputs);
    }
    int[] zeroPoints = new int[scales.length];
    Optional<TensorData> zp = g.initializer(p + "weight_zero_point");
    if (zp.isPresent()) {
      byte[] z = zp.get().int8s();
      if (z.length != scales.length) {
        throw new OnnxFormatException("'" + p + "weight_zero_point' has " + z.length
            + " values but the scale has " + scales.length);
      }
      for (int c = 0; c < z.length; c++) {
        zeroPoints[c] = z[c];
      }
    }
    QuantParams input = null;
    Optional<TensorData> inScale = g.initializer(p + "input_scale");
    if (inScale.isPresent()) {
      TensorData inZp = need(g, p + "input_zero_point");
      if (inZp.type() != ElementType.UINT8) {
        throw new OnnxFormatException("'" + inZp.name() + "' is " + inZp.type()
            + "; expected UINT8");
      }
      float[] sc = inScale.get().floats();
      byte[] zp0 = inZp.uint8s();
      if (sc.length != 1 || zp0.length != 1) {
        throw new OnnxFormatException("'" + p + "input_scale' and '" + p + "input_zero_point'"
            + " must hold one value each, held " + sc.length + " and " + zp0.length);
      }
      input = new QuantParams(sc[0], zp0[0] & 0xFF, 0, 255);
    }
    return new Int8Layer(new QuantizedWeights(inputs, outputs, w.int8s(), scales, zeroPoints,
        gran, false), bias, input);
  }

  private static TensorData need(OnnxGraph g, String name) {
    return g.initializer(name).orElseThrow(() -> new OnnxFormatException(
        "no initializer '" + name + "' in graph '" + g.name() + "'"));
  }
}
