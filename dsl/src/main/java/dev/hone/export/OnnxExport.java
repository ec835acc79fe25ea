package dev.hone.export;

import dev.hone.export.onnx.Dim;
import dev.hone.export.onnx.ElementType;
import dev.hone.export.onnx.OnnxAttribute;
import dev.hone.export.onnx.OnnxGraph;
import dev.hone.export.onnx.OnnxModel;
import dev.hone.export.onnx.OnnxNode;
import dev.hone.export.onnx.OnnxValueInfo;
import dev.hone.export.onnx.TensorData;
import dev.hone.layer.Activation;
import dev.hone.layer.HalfLayer;
import dev.hone.layer.Int8Layer;
import dev.hone.layer.Layer;
import dev.hone.quant.Granularity;
import dev.hone.quant.Precision;
import dev.hone.quant.QuantParams;
import dev.hone.quant.QuantizedWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a Hone model as an ONNX graph (IR 8, opset 17), one block of nodes per layer. The
 * initializers are named {@code layer<i>.weight}, {@code layer<i>.bias} and, for INT8 layers,
 * {@code layer<i>.weight_scale}, {@code layer<i>.weight_zero_point} and (static)
 * {@code layer<i>.input_scale}, {@code layer<i>.input_zero_point}; metadata {@code hone.*}
 * records the form, widths, activation and provenance, so {@link OnnxImport} can read the model
 * back.
 *
 * <ul>
 *   <li>float layers: {@code MatMul(x, W)}, {@code Add(b)};
 *   <li>FP16 and BF16: the 16-bit weight, {@code Cast(to=FLOAT)}, then as float (ONNX Runtime
 *       folds the cast once, when the session opens);
 *   <li>dynamic INT8: {@code DynamicQuantizeLinear(x)} gives uint8 rows with their scale and
 *       zero point; {@code MatMulInteger} with the int8 weight gives int32; {@code Cast},
 *       {@code Mul} by input scale times weight scale, {@code Add(b)} (ONNX Runtime fuses the
 *       chain into one {@code DynamicQuantizeMatMul});
 *   <li>static INT8: {@code QuantizeLinear}/{@code DequantizeLinear} on the input with its
 *       calibrated scale, {@code DequantizeLinear} on the int8 weight (per channel: axis 1),
 *       {@code MatMul}, {@code Add(b)}: the QDQ form that ONNX Runtime turns into integer
 *       kernels.
 * </ul>
 */
public final class OnnxExport {

  /** The graph's input: {@code [batch, inputs]} floats. */
  public static final String INPUT = "x";
  /** The graph's output: {@code [batch, classes]} logits. */
  public static final String OUTPUT = "logits";

  private OnnxExport() {}

  /**
   * Returns the ONNX bytes of a model.
   *
   * @param model the stored model
   * @return the serialized {@code ModelProto}
   */
  public static byte[] encode(StoredModel model) {
    return graph(model).toBytes();
  }

  /**
   * Writes the ONNX file atomically.
   *
   * @param model the stored model
   * @param file the target; its directory must exist
   * @return the bytes written
   */
  public static long write(StoredModel model, Path file) {
    return graph(model).write(file);
  }

  static OnnxModel graph(StoredModel model) {
    List<OnnxNode> nodes = new ArrayList<>();
    List<TensorData> init = new ArrayList<>();
    String x = INPUT;
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      String p = "layer" + i + ".";
      boolean last = i == layers.size() - 1;
      String z = last ? OUTPUT : p + "z";
      String product = p + "product";
      init.add(TensorData.floats(p + "bias", new long[] {l.outputs()}, l.biases()));
      if (l instanceof Int8Layer q) {
        int8(q, p, x, product, nodes, init);
      } else {
        String w = p + "weight";
        if (l instanceof HalfLayer h) {
          long[] dims = {h.inputs(), h.outputs()};
          init.add(h.precision() == Precision.FP16 ? TensorData.float16(w, dims, h.bits())
              : TensorData.bfloat16(w, dims, h.bits()));
          nodes.add(node("Cast", List.of(w), p + "weight_float", p + "cast")
              .withAttribute(OnnxAttribute.ofInt("to", ElementType.FLOAT.code())));
          w = p + "weight_float";
        } else {
          init.add(TensorData.floats(w, new long[] {l.inputs(), l.outputs()}, l.weights()));
        }
        nodes.add(node("MatMul", List.of(x, w), product, p + "matmul"));
      }
      nodes.add(node("Add", List.of(product, p + "bias"), z, p + "add"));
      x = last ? z : activation(model.activation(), z, p, nodes);
    }
    List<Integer> w = model.widths();
    OnnxGraph g = new OnnxGraph("hone-mlp", nodes, init,
        List.of(OnnxValueInfo.tensor(INPUT, ElementType.FLOAT,
            List.of(Dim.symbolic("batch"), Dim.of(w.get(0))))),
        List.of(OnnxValueInfo.tensor(OUTPUT, ElementType.FLOAT,
            List.of(Dim.symbolic("batch"), Dim.of(w.get(w.size() - 1))))));
    OnnxModel m = OnnxModel.of(g).withProducer("hone", "0.1.0")
        .withMetadata("hone.form", model.form())
        .withMetadata("hone.widths", w.stream().map(String::valueOf)
            .collect(Collectors.joining(",")))
        .withMetadata("hone.activation", model.activation().name())
        .withMetadata("hone.provenance", String.join("\n", model.provenance().texts()));
    // The fitted preprocessing travels too, so a model read back predicts from raw rows.
    return model.preprocessing() == null ? m
        : m.withMetadata("hone.preprocessing", model.preprocessing());
  }

  private static void int8(Int8Layer q, String p, String x, String product,
      List<OnnxNode> nodes, List<TensorData> init) {
    QuantizedWeights w = q.quantized();
    long[] channelDims = q.channels() == 1 ? new long[0] : new long[] {q.outputs()};
    byte[] zeroPoints = new byte[w.zeroPoints().length];
    boolean symmetric = true;
    for (int c = 0; c < zeroPoints.length; c++) {
      zeroPoints[c] = (byte) w.zeroPoints()[c];
      symmetric &= zeroPoints[c] == 0;
    }
    init.add(TensorData.int8(p + "weight", new long[] {q.inputs(), q.outputs()}, w.values()));
    init.add(TensorData.floats(p + "weight_scale", channelDims, w.scales()));
    if (!symmetric || q.isStatic()) {
      init.add(TensorData.int8(p + "weight_zero_point", channelDims, zeroPoints));
    }
    if (q.isStatic()) {
      QuantParams in = q.inputParams().orElseThrow();
      init.add(TensorData.floats(p + "input_scale", new long[0], new float[] {in.scale()}));
      init.add(TensorData.uint8(p + "input_zero_point", new long[0],
          new byte[] {(byte) in.zeroPoint()}));
      nodes.add(node("QuantizeLinear", List.of(x, p + "input_scale", p + "input_zero_point"),
          p + "input_q", p + "quantize_input"));
      nodes.add(node("DequantizeLinear", List.of(p + "input_q", p + "input_scale",
          p + "input_zero_point"), p + "input_dq", p + "dequantize_input"));
      OnnxNode dqw = node("DequantizeLinear", List.of(p + "weight", p + "weight_scale",
          p + "weight_zero_point"), p + "weight_dq", p + "dequantize_weight");
      if (w.granularity() == Granularity.PER_CHANNEL) {
        dqw = dqw.withAttribute(OnnxAttribute.ofInt("axis", 1));
      }
      nodes.add(dqw);
      nodes.add(node("MatMul", List.of(p + "input_dq", p + "weight_dq"), product,
          p + "matmul"));
      return;
    }
    nodes.add(OnnxNode.of("DynamicQuantizeLinear", List.of(x),
        List.of(p + "input_q", p + "input_scale", p + "input_zero_point"))
        .named(p + "quantize_input"));
    // The input's zero point always counts; the weight's only when it is not 0.
    List<String> mmInputs = symmetric
        ? List.of(p + "input_q", p + "weight", p + "input_zero_point")
        : List.of(p + "input_q", p + "weight", p + "input_zero_point", p + "weight_zero_point");
    nodes.add(node("MatMulInteger", mmInputs, p + "product_int", p + "matmul_integer"));
    nodes.add(node("Cast", List.of(p + "product_int"), p + "product_float", p + "cast")
        .withAttribute(OnnxAttribute.ofInt("to", ElementType.FLOAT.code())));
    nodes.add(node("Mul", List.of(p + "input_scale", p + "weight_scale"), p + "scale",
        p + "scale"));
    nodes.add(node("Mul", List.of(p + "product_float", p + "scale"), product, p + "rescale"));
  }

  /** Appends the hidden activation and returns its output's name. */
  private static String activation(Activation a, String z, String p, List<OnnxNode> nodes) {
    String y = p + "activation";
    switch (a) {
      case RELU -> nodes.add(node("Relu", List.of(z), y, p + "relu"));
      case LEAKY_RELU -> nodes.add(node("LeakyRelu", List.of(z), y, p + "leaky_relu")
          .withAttribute(OnnxAttribute.ofFloat("alpha", 0.01f)));
      case TANH -> nodes.add(node("Tanh", List.of(z), y, p + "tanh"));
      case SIGMOID -> nodes.add(node("Sigmoid", List.of(z), y, p + "sigmoid"));
      case GELU -> gelu(z, y, p, nodes);
      case IDENTITY -> {
        return z;
      }
      default -> throw new IllegalArgumentException("no ONNX form for activation " + a);
    }
    return y;
  }

  /** Exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}: opset 17 has no Gelu operator. */
  private static void gelu(String z, String y, String p, List<OnnxNode> nodes) {
    // The constants travel as Constant nodes so the layer's initializers stay its weights.
    nodes.add(constant(p + "sqrt2", (float) Math.sqrt(2)));
    nodes.add(constant(p + "one", 1f));
    nodes.add(constant(p + "half", 0.5f));
    nodes.add(node("Div", List.of(z, p + "sqrt2"), p + "gelu_scaled", p + "gelu_div"));
    nodes.add(node("Erf", List.of(p + "gelu_scaled"), p + "gelu_erf", p + "gelu_erf"));
    nodes.add(node("Add", List.of(p + "gelu_erf", p + "one"), p + "gelu_plus", p + "gelu_add"));
    nodes.add(node("Mul", List.of(z, p + "gelu_plus"), p + "gelu_product", p + "gelu_mul"));
    nodes.add(node("Mul", List.of(p + "gelu_product", p + "half"), y, p + "gelu_half"));
  }

  private static OnnxNode constant(String name, float value) {
    return OnnxNode.of("Constant", List.of(), List.of(name)).named(name).withAttribute(
        OnnxAttribute.ofTensor("value", TensorData.floats(name, new long[0],
            new float[] {value})));
  }

  private static OnnxNode node(String op, List<String> inputs, String output, String name) {
    return OnnxNode.of(op, inputs, List.of(output)).named(name);
  }
}
