package dev.hone.model;

import dev.hone.data.Dataset;
import dev.hone.layer.Activation;
import dev.hone.layer.HalfLayer;
import dev.hone.layer.Int8Layer;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.quant.Calibration;
import dev.hone.quant.Granularity;
import dev.hone.quant.Symmetry;
import dev.hone.quant.Precision;
import dev.hone.quant.QuantParams;
import dev.hone.quant.Quantization;
import dev.hone.quant.QuantizedWeights;
import dev.hone.quant.Range;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a float model into a {@link QuantizedModel}: weights quantized per layer, static input
 * ranges calibrated, and, with a tolerance, the most sensitive layers kept in FP32.
 */
final class Quantizer {

  private Quantizer() {}

  static QuantizedModel quantize(Network base, Quantization q) {
    Objects.requireNonNull(q, "quantization");
    if (base instanceof QuantizedModel qm) {
      throw new IllegalArgumentException("this model is already quantized (" + qm.precision()
          + "); quantize the float model it came from");
    }
    List<QuantParams> inputs = q.isStatic() ? calibrate(base, q) : null;
    int n = base.layers().size();
    Step step = Step.of("quantize").arg(q.precision().name());
    // Only what differs from the defaults (dynamic, per channel, symmetric) is written, so the
    // common case reads as quantize(INT8).
    if (q.isStatic()) {
      step = step.arg("static").with("calibration", q.calibration().name())
          .with("calibration_rows", q.calibrationData().size());
    }
    if (q.precision() == Precision.INT8 && q.weights() != Granularity.PER_CHANNEL) {
      step = step.with("weights", q.weights().name().toLowerCase(Locale.ROOT));
    }
    if (q.precision() == Precision.INT8 && q.symmetry() != Symmetry.SYMMETRIC) {
      step = step.with("symmetry", q.symmetry().name().toLowerCase(Locale.ROOT));
    }
    Set<Integer> fp32 = new TreeSet<>();
    if (q.validation() == null) {
      return make(base, q, inputs, fp32, step);
    }
    base.spec().checkFits(q.validation());
    double before = base.evaluate(q.validation()).accuracy();
    QuantizedModel all = make(base, q, inputs, fp32, step);
    double after = all.evaluate(q.validation()).accuracy();
    step = step.with("validation", q.validation().name())
        .with("accuracy_fp32", fmt(before));
    if (!Double.isNaN(q.tolerancePoints())) {
      step = step.with("tolerance", q.tolerancePoints());
    }
    if (Double.isNaN(q.tolerancePoints()) || fits(before, after, q.tolerancePoints())) {
      return make(base, q, inputs, fp32, step.with("accuracy", fmt(after)));
    }
    // Rank layers by what quantizing each alone costs; keep the costliest in FP32 until the
    // loss fits (the fallback of Intel Neural Compressor and TensorRT).
    double[] cost = new double[n];
    for (int i = 0; i < n; i++) {
      Set<Integer> others = new TreeSet<>();
      for (int j = 0; j < n; j++) {
        if (j != i) {
          others.add(j);
        }
      }
      cost[i] = 100 * (before - make(base, q, inputs, others, step).evaluate(q.validation())
          .accuracy());
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -cost[i]));
    StringBuilder costs = new StringBuilder();
    for (int i = 0; i < n; i++) {
      costs.append(i == 0 ? "" : "/").append(fmtPoints(cost[i]));
    }
    step = step.with("costs", costs);
    for (int i : order) {
      if (fp32.size() == n - 1) {
        break;
      }
      fp32.add(i);
      after = make(base, q, inputs, fp32, step).evaluate(q.validation()).accuracy();
      if (fits(before, after, q.tolerancePoints())) {
        return make(base, q, inputs, fp32, step.with("fp32_layers", join(fp32))
            .with("accuracy", fmt(after)));
      }
    }
    throw new IllegalStateException(String.format(Locale.ROOT, "no quantized model stays"
        + " within %.2f points of %.4f on '%s': with layers %s in FP32 it still loses %.2f;"
        + " quantizing each layer alone costs %s points", q.tolerancePoints(), before,
        q.validation().name(), fp32, 100 * (before - after), costs));
  }

  /** Whether the loss is within the tolerance; the epsilon absorbs float error at the edge. */
  private static boolean fits(double before, double after, double tolerancePoints) {
    return 100 * (before - after) <= tolerancePoints + 1e-9;
  }

  private static QuantizedModel make(Network base, Quantization q, List<QuantParams> inputs,
      Set<Integer> fp32, Step step) {
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < base.layers().size(); i++) {
      Layer l = base.layers().get(i);
      if (fp32.contains(i)) {
        out.add(l);
      } else if (q.precision() == Precision.INT8) {
        QuantizedWeights w = QuantizedWeights.int8(l.weights(), l.inputs(), l.outputs(),
            q.weights(), q.symmetry());
        out.add(new Int8Layer(w, l.biases(), inputs == null ? null : inputs.get(i)));
      } else {
        out.add(HalfLayer.of(l, q.precision()));
      }
    }
    return new QuantizedModel(base.spec(), out, base.history(), base.provenance().then(step));
  }

  /**
   * Runs the float model on the calibration rows and fixes each layer's input range: uint8,
   * asymmetric, the range widened to hold 0 (ONNX Runtime's fastest form on x86: U8S8).
   */
  private static List<QuantParams> calibrate(Network base, Quantization q) {
    Dataset data = q.calibrationData();
    MlpSpec spec = base.spec();
    if (data.featureCount() != spec.inputs()) {
      throw new IllegalArgumentException("calibration data '" + data.name() + "' has "
          + data.featureCount() + " features per row but " + spec + " expects "
          + spec.inputs());
    }
    int rows = data.size();
    float[] x = new float[rows * spec.inputs()];
    FloatBuffer fb = data.featureBuffer();
    fb.get(0, x);
    Calibration how = q.calibration();
    List<QuantParams> params = new ArrayList<>();
    Activation act = spec.activation();
    List<Layer> layers = base.layers();
    for (int li = 0; li < layers.size(); li++) {
      Layer l = layers.get(li);
      // The network's input is data, not an activation: its range is what preprocessing made
      // it, and the entropy search, built for activation tails, clips it. On standardized MNIST
      // the background is one spike at -0.42 and the search kept +-0.43, losing every stroke
      // (-14 points). So the input takes min/max under entropy calibration.
      Range r = (li == 0 && how.name().equals("entropy") ? Calibration.minMax() : how).range(x);
      params.add(QuantParams.asymmetricUint8(r.min(), r.max()));
      if (li == layers.size() - 1) {
        break;
      }
      x = forward(x, rows, l, act);
    }
    return params;
  }

  /** One layer, activation applied, on the heap (calibration needs every activation). */
  private static float[] forward(float[] x, int rows, Layer layer, Activation act) {
    int in = layer.inputs();
    int out = layer.outputs();
    float[] w = layer.weights();
    float[] b = layer.biases();
    float[] y = new float[rows * out];
    for (int r = 0; r < rows; r++) {
      int yo = r * out;
      System.arraycopy(b, 0, y, yo, out);
      for (int i = 0; i < in; i++) {
        float xi = x[r * in + i];
        if (xi == 0f) {
          continue;
        }
        int wo = i * out;
        for (int j = 0; j < out; j++) {
          y[yo + j] += xi * w[wo + j];
        }
      }
      for (int j = 0; j < out; j++) {
        y[yo + j] = act.apply(y[yo + j]);
      }
    }
    return y;
  }

  /** Rebuilds the report of a quantized model from its quantize step. */
  static QuantizationReport report(Provenance provenance, List<? extends Layer> layers) {
    Step step = provenance.last("quantize").orElse(Step.of("quantize"));
    Map<String, String> p = step.params();
    String precision = step.args().isEmpty() ? "?" : step.args().get(0);
    String mode = step.args().contains("static") ? "static" : "dynamic";
    String scheme = precision.equals("INT8") ? "INT8 " + mode
        + (p.containsKey("calibration") ? " (" + p.get("calibration") + ", "
            + p.get("calibration_rows") + " rows)" : "") + ", "
        + p.getOrDefault("weights", "per_channel").replace('_', ' ') + ", "
        + p.getOrDefault("symmetry", "symmetric") : precision;
    double tolerance = num(p.get("tolerance"));
    String[] costs = p.containsKey("costs") ? p.get("costs").split("/") : new String[0];
    List<QuantizationReport.LayerDecision> decisions = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      double cost = i < costs.length ? num(costs[i]) : Double.NaN;
      boolean quantized = l instanceof Int8Layer || l instanceof HalfLayer;
      String reason;
      if (!quantized) {
        reason = String.format(Locale.ROOT, "kept in FP32: quantizing it alone costs %.2f"
            + " points, among the most of any layer, and the model lost more than %.2f with it"
            + " quantized", cost, tolerance);
      } else if (!Double.isNaN(cost)) {
        reason = String.format(Locale.ROOT, "quantized: alone it costs %.2f points", cost);
      } else {
        reason = "quantized";
      }
      decisions.add(new QuantizationReport.LayerDecision(i, quantized
          ? (l instanceof HalfLayer h ? h.precision().name() : "INT8") : "FP32", cost, reason));
    }
    return new QuantizationReport(scheme, p.getOrDefault("validation", ""),
        num(p.get("accuracy_fp32")), num(p.get("accuracy")), tolerance, decisions);
  }

  private static double num(String s) {
    return s == null ? Double.NaN : Double.parseDouble(s);
  }

  private static String fmt(double accuracy) {
    return String.format(Locale.ROOT, "%.4f", accuracy);
  }

  private static String fmtPoints(double points) {
    return String.format(Locale.ROOT, "%.2f", points);
  }

  private static String join(Set<Integer> s) {
    StringBuilder b = new StringBuilder();
    for (int i : s) {
      b.append(b.length() == 0 ? "" : "/").append(i);
    }
    return b.toString();
  }
}
