package dev.hone.export.onnx;

import dev.hone.quant.HalfFloats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small seeded MLP graphs in every form Hone exports, each with its input and the output that a
 * plain Java computation of the same (quantized) math gives.
 */
final class OnnxFixtures {

  static final int BATCH = 3;
  static final int IN = 6;
  static final int HIDDEN = 5;
  static final int OUT = 4;

  /** A model, an input of shape [BATCH, IN], and the expected output y of [BATCH, outputs]. */
  record Case(String name, OnnxModel model, float[] x, float[] expected, int outputs) {}

  private OnnxFixtures() {}

  static float[] uniform(Random random, int n, float scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (random.nextFloat() * 2 - 1) * scale;
    }
    return v;
  }

  static float[] input(long seed) {
    return uniform(new Random(seed), BATCH * IN, 1.5f);
  }

  static OnnxValueInfo floats(String name, int columns) {
    return OnnxValueInfo.tensor(name, ElementType.FLOAT,
        List.of(Dim.symbolic("batch"), Dim.of(columns)));
  }

  static OnnxNode node(String op, List<String> in, String out) {
    return OnnxNode.of(op, in, List.of(out)).named(op.toLowerCase() + "_" + out);
  }

  static long[] dims(long... d) {
    return d;
  }

  /** y = x w + b, row-major, accumulated in float in index order. */
  static float[] affine(float[] x, int rows, int k, float[] w, float[] b, int n) {
    float[] y = new float[rows * n];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        float s = 0;
        for (int i = 0; i < k; i++) {
          s += x[r * k + i] * w[i * n + j];
        }
        y[r * n + j] = s + b[j];
      }
    }
    return y;
  }

  /** (a) Two FP32 layers: MatMul, Add, Relu, MatMul, Add. */
  static Case fp32Mlp() {
    Random random = new Random(11);
    float[] w0 = uniform(random, IN * HIDDEN, 0.8f);
    float[] b0 = uniform(random, HIDDEN, 0.2f);
    float[] w1 = uniform(random, HIDDEN * OUT, 0.8f);
    float[] b1 = uniform(random, OUT, 0.2f);
    OnnxGraph g = new OnnxGraph("hone-mlp-fp32",
        List.of(node("MatMul", List.of("x", "w0"), "m0"),
            node("Add", List.of("m0", "b0"), "h0"),
            node("Relu", List.of("h0"), "a0"),
            node("MatMul", List.of("a0", "w1"), "m1"),
            node("Add", List.of("m1", "b1"), "y")),
        List.of(TensorData.floats("w0", dims(IN, HIDDEN), w0),
            TensorData.floats("b0", dims(HIDDEN), b0),
            TensorData.floats("w1", dims(HIDDEN, OUT), w1),
            TensorData.floats("b1", dims(OUT), b1)),
        List.of(floats("x", IN)), List.of(floats("y", OUT)));
    float[] x = input(1);
    float[] h = affine(x, BATCH, IN, w0, b0, HIDDEN);
    for (int i = 0; i < h.length; i++) {
      h[i] = Math.max(0, h[i]);
    }
    return new Case("fp32", OnnxModel.of(g).withMetadata("hone.form", "fp32"), x,
        affine(h, BATCH, HIDDEN, w1, b1, OUT), OUT);
  }

  /** Per-column symmetric INT8 weights: scale[j] = max |w[:, j]| / 127. */
  record Int8Weights(byte[] q, float[] scale) {
    static Int8Weights of(float[] w, int k, int n) {
      float[] scale = new float[n];
      for (int j = 0; j < n; j++) {
        float max = 0;
        for (int i = 0; i < k; i++) {
          max = Math.max(max, Math.abs(w[i * n + j]));
        }
        scale[j] = max / 127f;
      }
      byte[] q = new byte[k * n];
      for (int i = 0; i < k * n; i++) {
        q[i] = (byte) Math.max(-127, Math.min(127, Math.rint(w[i] / scale[i % n])));
      }
      return new Int8Weights(q, scale);
    }
  }

  /** The uint8 quantization of a tensor: q = clamp(round_half_even(x / scale) + zp, 0, 255). */
  record Uint8Quantized(int[] q, float scale, int zeroPoint) {
    /** As DynamicQuantizeLinear: the range of x widened to hold 0, zero point rounded. */
    static Uint8Quantized dynamic(float[] x) {
      float min = 0;
      float max = 0;
      for (float v : x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      float scale = (max - min) / 255f;
      int zp = Math.round(Math.max(0f, Math.min(255f, 0f - min / scale)));
      return with(x, scale, zp);
    }

    static Uint8Quantized with(float[] x, float scale, int zp) {
      int[] q = new int[x.length];
      for (int i = 0; i < x.length; i++) {
        q[i] = (int) Math.max(0, Math.min(255, Math.rint(x[i] / scale) + zp));
      }
      return new Uint8Quantized(q, scale, zp);
    }

    byte[] bytes() {
      byte[] b = new byte[q.length];
      for (int i = 0; i < q.length; i++) {
        b[i] = (byte) q[i];
      }
      return b;
    }
  }

  /**
   * (b) Dynamic INT8, as ONNX Runtime's quantize_dynamic writes it: the input is quantized per
   * batch, multiplied in integers, and the int32 sums are scaled back per output column.
   */
  static Case dynamicInt8() {
    Random random = new Random(12);
    float[] w = uniform(random, IN * OUT, 0.8f);
    float[] b = uniform(random, OUT, 0.2f);
    Int8Weights wq = Int8Weights.of(w, IN, OUT);
    OnnxGraph g = new OnnxGraph("hone-mlp-int8-dynamic",
        List.of(OnnxNode.of("DynamicQuantizeLinear", List.of("x"),
                List.of("x_q", "x_scale", "x_zero_point")).named("quantize_x"),
            node("MatMulInteger", List.of("x_q", "w_q", "x_zero_point", "w_zero_point"), "acc"),
            node("Cast", List.of("acc"), "acc_f")
                .withAttribute(OnnxAttribute.ofInt("to", ElementType.FLOAT.code())),
            node("Mul", List.of("x_scale", "w_scale"), "scale"),
            node("Mul", List.of("acc_f", "scale"), "m"),
            node("Add", List.of("m", "b"), "y")),
        List.of(TensorData.int8("w_q", dims(IN, OUT), wq.q()),
            TensorData.int8("w_zero_point", dims(OUT), new byte[OUT]),
            TensorData.floats("w_scale", dims(OUT), wq.scale()),
            TensorData.floats("b", dims(OUT), b)),
        List.of(floats("x", IN)),
        List.of(floats("y", OUT), OnnxValueInfo.tensor("x_q", ElementType.UINT8,
            List.of(Dim.symbolic("batch"), Dim.of(IN)))));
    float[] x = input(2);
    Uint8Quantized xq = Uint8Quantized.dynamic(x);
    float[] y = new float[BATCH * OUT];
    for (int r = 0; r < BATCH; r++) {
      for (int j = 0; j < OUT; j++) {
        int acc = 0;
        for (int i = 0; i < IN; i++) {
          acc += (xq.q()[r * IN + i] - xq.zeroPoint()) * wq.q()[i * OUT + j];
        }
        y[r * OUT + j] = acc * (xq.scale() * wq.scale()[j]) + b[j];
      }
    }
    return new Case("int8-dynamic", OnnxModel.of(g).withMetadata("hone.form", "int8-dynamic"),
        x, y, OUT);
  }

  /**
   * (c) Static QDQ: activations quantized with a scale and zero point fixed at export
   * (calibrated here on the input itself), INT8 weights dequantized per output column.
   */
  static Case staticQdq() {
    Random random = new Random(13);
    float[] w = uniform(random, IN * OUT, 0.8f);
    float[] b = uniform(random, OUT, 0.2f);
    Int8Weights wq = Int8Weights.of(w, IN, OUT);
    float[] x = input(3);
    Uint8Quantized calibration = Uint8Quantized.dynamic(x);
    float xScale = calibration.scale();
    int xZp = calibration.zeroPoint();
    OnnxGraph g = new OnnxGraph("hone-mlp-int8-qdq",
        List.of(node("QuantizeLinear", List.of("x", "x_scale", "x_zero_point"), "x_q"),
            node("DequantizeLinear", List.of("x_q", "x_scale", "x_zero_point"), "x_dq"),
            node("DequantizeLinear", List.of("w_q", "w_scale", "w_zero_point"), "w")
                .withAttribute(OnnxAttribute.ofInt("axis", 1)),
            node("MatMul", List.of("x_dq", "w"), "m"),
            node("Add", List.of("m", "b"), "y")),
        List.of(TensorData.floats("x_scale", dims(), new float[] {xScale}),
            TensorData.uint8("x_zero_point", dims(), new byte[] {(byte) xZp}),
            TensorData.int8("w_q", dims(IN, OUT), wq.q()),
            TensorData.floats("w_scale", dims(OUT), wq.scale()),
            TensorData.int8("w_zero_point", dims(OUT), new byte[OUT]),
            TensorData.floats("b", dims(OUT), b)),
        List.of(floats("x", IN)), List.of(floats("y", OUT)));
    Uint8Quantized xq = Uint8Quantized.with(x, xScale, xZp);
    float[] xdq = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      xdq[i] = (xq.q()[i] - xZp) * xScale;
    }
    float[] wdq = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      wdq[i] = wq.q()[i] * wq.scale()[i % OUT];
    }
    return new Case("int8-qdq", OnnxModel.of(g).withMetadata("hone.form", "int8-static"), x,
        affine(xdq, BATCH, IN, wdq, b, OUT), OUT);
  }

  /**
   * (d) Half-precision weights: stored as FLOAT16 or BFLOAT16 and cast to FLOAT before the
   * MatMul, so the model is half the size and computes in float.
   */
  static Case halfWeights(ElementType type) {
    Random random = new Random(14);
    float[] w = uniform(random, IN * OUT, 0.8f);
    float[] b = uniform(random, OUT, 0.2f);
    short[] bits = new short[w.length];
    float[] widened = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      if (type == ElementType.FLOAT16) {
        bits[i] = HalfFloats.toHalf(w[i]);
        widened[i] = HalfFloats.fromHalf(bits[i]);
      } else {
        bits[i] = HalfFloats.toBFloat16(w[i]);
        widened[i] = HalfFloats.fromBFloat16(bits[i]);
      }
    }
    TensorData stored = type == ElementType.FLOAT16
        ? TensorData.float16("w_half", dims(IN, OUT), bits)
        : TensorData.bfloat16("w_half", dims(IN, OUT), bits);
    OnnxGraph g = new OnnxGraph("hone-mlp-" + type.name().toLowerCase(),
        List.of(node("Cast", List.of("w_half"), "w")
                .withAttribute(OnnxAttribute.ofInt("to", ElementType.FLOAT.code())),
            node("MatMul", List.of("x", "w"), "m"),
            node("Add", List.of("m", "b"), "y")),
        List.of(stored, TensorData.floats("b", dims(OUT), b)),
        List.of(floats("x", IN)), List.of(floats("y", OUT)));
    float[] x = input(4);
    return new Case(type.name().toLowerCase(),
        OnnxModel.of(g).withMetadata("hone.form", type.name().toLowerCase()), x,
        affine(x, BATCH, IN, widened, b, OUT), OUT);
  }

  static List<Case> runnable() {
    List<Case> all = new ArrayList<>();
    all.add(fp32Mlp());
    all.add(dynamicInt8());
    all.add(staticQdq());
    all.add(halfWeights(ElementType.FLOAT16));
    all.add(halfWeights(ElementType.BFLOAT16));
    return all;
  }
}
