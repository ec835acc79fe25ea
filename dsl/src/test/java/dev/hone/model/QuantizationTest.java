package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.data.Split;
import dev.hone.layer.HalfLayer;
import dev.hone.layer.Int8Layer;
import dev.hone.layer.Layer;
import dev.hone.quant.Calibration;
import dev.hone.quant.Precision;
import dev.hone.quant.Quantization;
import dev.hone.runtime.Backend;
import dev.hone.runtime.Serving;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizationTest {

  private static final Split BLOBS = Fixtures.blobs(800, 16, 4, 0.9, 11).split(0.25, 3);
  private static final TrainConfig QUIET =
      Train.epochs(5).batchSize(32).adam(1e-2).listener(TrainingListener.NONE);
  private static final TrainedModel MODEL =
      Model.mlp(16, 64, 32, 4).train(BLOBS.train(), QUIET);

  @TempDir
  Path dir;

  @Test
  void int8_layers_are_a_quarter_of_float_layers_and_keep_the_model_unchanged() {
    List<Layer> before = MODEL.layers();
    QuantizedModel q = MODEL.quantize(Precision.INT8);
    assertEquals(before, MODEL.layers(), "quantize leaves the float model unchanged");
    assertEquals(Precision.INT8, q.precision());
    for (Layer l : q.layers()) {
      Int8Layer i8 = assertInstanceOf(Int8Layer.class, l);
      assertEquals(l.outputs(), i8.channels(), "per channel by default");
      // a byte per weight, a scale and a zero point per channel, a float bias per output
      assertEquals(l.weightCount() + 5L * l.outputs() + 4L * l.outputs(), l.storedBytes(),
          l.toString());
    }
    assertTrue(q.fileBytes() < 0.5 * MODEL.fileBytes(),
        q.fileBytes() + " against " + MODEL.fileBytes());
    assertEquals("quantize", q.provenance().last().name());
  }

  @Test
  void int8_weights_are_within_half_a_step_of_the_float_weights() {
    QuantizedModel q = MODEL.quantize(Precision.INT8);
    for (int li = 0; li < q.layers().size(); li++) {
      Int8Layer l = (Int8Layer) q.layers().get(li);
      float[] w = MODEL.layers().get(li).weights();
      float[] back = l.weights();
      for (int k = 0; k < w.length; k++) {
        float step = l.quantized().scale(k % l.outputs());
        assertTrue(Math.abs(w[k] - back[k]) <= step / 2 + 1e-7,
            "layer " + li + " weight " + k + ": " + w[k] + " became " + back[k]);
      }
    }
  }

  @Test
  void quantizing_a_pruned_model_keeps_its_zeros_and_a_sparse_layout() {
    PrunedModel p = MODEL.prune(0.8);
    QuantizedModel q = p.quantize(Precision.INT8);
    for (int li = 0; li < q.layers().size(); li++) {
      float[] sparse = p.layers().get(li).weights();
      float[] back = q.layers().get(li).weights();
      for (int k = 0; k < sparse.length; k++) {
        if (sparse[k] == 0f) {
          assertEquals(0f, back[k], "layer " + li + " weight " + k + " was pruned");
        }
      }
    }
    assertTrue(q.sparsity() >= p.sparsity(), q.sparsity() + " < " + p.sparsity());
    assertTrue(q.fileBytes() < MODEL.quantize(Precision.INT8).fileBytes(),
        "the sparse layout is smaller at 80%");
    QuantizedModel asym = p.quantize(Quantization.int8().asymmetric().perTensor());
    for (int li = 0; li < asym.layers().size(); li++) {
      float[] sparse = p.layers().get(li).weights();
      float[] back = asym.layers().get(li).weights();
      for (int k = 0; k < sparse.length; k++) {
        if (sparse[k] == 0f) {
          assertEquals(0f, back[k], "asymmetric: layer " + li + " weight " + k + " was pruned");
        }
      }
    }
  }

  @Test
  void every_form_round_trips_through_a_file_bit_for_bit() {
    Dataset calib = BLOBS.train().take(200);
    List<QuantizedModel> forms = List.of(
        MODEL.quantize(Precision.INT8),
        MODEL.quantize(Quantization.int8().perTensor().asymmetric()),
        MODEL.quantize(Quantization.int8().calibrate(calib, Calibration.minMax())),
        MODEL.prune(0.9).quantize(Precision.INT8),
        MODEL.quantize(Precision.FP16),
        MODEL.prune(0.9).quantize(Precision.BF16));
    int n = 0;
    for (QuantizedModel q : forms) {
      Path file = dir.resolve("q" + n++ + ".hone");
      assertEquals(q.save(file), q.fileBytes());
      QuantizedModel back = Model.load(file, QuantizedModel.class);
      assertEquals(q.layers(), back.layers(), "layers of " + q.provenance());
      assertEquals(q.provenance(), back.provenance());
      assertEquals(q.report(), back.report());
    }
  }

  @Test
  void fp16_and_bf16_layers_take_two_bytes_a_weight() {
    QuantizedModel h = MODEL.quantize(Precision.FP16);
    QuantizedModel b = MODEL.quantize(Precision.BF16);
    for (int i = 0; i < h.layers().size(); i++) {
      Layer l = h.layers().get(i);
      assertInstanceOf(HalfLayer.class, l);
      assertEquals(2 * l.weightCount() + 4L * l.outputs(), l.storedBytes());
      assertEquals("bf16", b.layers().get(i).encoding());
    }
    float[] w = MODEL.layers().get(0).weights();
    float[] wh = h.layers().get(0).weights();
    float[] wb = b.layers().get(0).weights();
    for (int k = 0; k < w.length; k++) {
      assertTrue(Math.abs(w[k] - wh[k]) <= Math.abs(w[k]) / 1024 + 1e-7f, "fp16 " + k);
      assertTrue(Math.abs(w[k] - wb[k]) <= Math.abs(w[k]) / 128 + 1e-7f, "bf16 " + k);
    }
  }

  @Test
  void quantized_models_predict_like_the_float_model_on_onnx_runtime() {
    float[] fp32 = MODEL.logits(BLOBS.test());
    int agree8 = 0;
    for (QuantizedModel q : List.of(MODEL.quantize(Precision.INT8),
        MODEL.quantize(Quantization.int8().calibrate(BLOBS.train().take(300))),
        MODEL.quantize(Precision.FP16), MODEL.quantize(Precision.BF16))) {
      float[] z = q.logits(BLOBS.test());
      assertEquals(fp32.length, z.length);
      double worst = 0;
      for (int k = 0; k < z.length; k++) {
        worst = Math.max(worst, Math.abs(z[k] - fp32[k]));
      }
      double limit = q.precision() == Precision.FP16 ? 0.01 : 0.25;
      assertTrue(worst < limit, q.provenance() + ": logits differ by up to " + worst);
      double acc = MODEL.evaluate(BLOBS.test()).accuracy();
      assertTrue(Math.abs(q.evaluate(BLOBS.test()).accuracy() - acc) <= 0.02,
          q.provenance() + " accuracy " + q.evaluate(BLOBS.test()).accuracy() + " vs " + acc);
      agree8++;
    }
    assertEquals(4, agree8);
  }

  @Test
  void a_quantized_model_runs_on_onnx_runtime_and_refuses_other_backends() {
    QuantizedModel q = MODEL.quantize(Precision.INT8);
    assertEquals("onnxruntime", Predictor.runtimeFor(q, 1));
    try (Predictor p = q.predictor(Serving.on(Backend.ONNX_RUNTIME).threads(1))) {
      assertEquals("onnxruntime", p.runtimeFor(256));
      assertArrayEquals(q.predict(BLOBS.test().rows()), p.predict(BLOBS.test().rows()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> q.predictor(Serving.on(Backend.DJL_PYTORCH)));
    assertTrue(e.getMessage().contains("djl-pytorch"), e.getMessage());
  }

  @Test
  void a_float_model_runs_on_onnx_runtime_when_asked_and_agrees_with_djl() {
    float[] djl = MODEL.logits(BLOBS.test());
    float[] x = new float[BLOBS.test().size() * 16];
    BLOBS.test().featureBuffer().get(0, x);
    try (Predictor p = MODEL.predictor(Serving.on(Backend.ONNX_RUNTIME))) {
      float[] ort = p.logits(x, BLOBS.test().size());
      for (int k = 0; k < djl.length; k++) {
        assertEquals(djl[k], ort[k], 1e-4, "logit " + k);
      }
    }
  }

  @Test
  void the_report_measures_accuracy_on_the_rows_given() {
    QuantizedModel q = MODEL.quantize(Precision.INT8, BLOBS.test());
    QuantizationReport r = q.report();
    assertEquals(MODEL.evaluate(BLOBS.test()).accuracy(), r.fp32Accuracy(), 1e-4);
    assertEquals(q.evaluate(BLOBS.test()).accuracy(), r.accuracy(), 1e-4);
    assertTrue(r.toString().contains("INT8 dynamic"), r.toString());
    assertEquals(List.of(), r.fp32Layers());
  }

  @Test
  void a_tight_budget_keeps_the_most_sensitive_layers_in_fp32_and_says_why() {
    // Per-tensor weights on a model whose first layer has one huge column make that layer's
    // quantization coarse; a zero budget must keep something in FP32 or fail clearly.
    QuantizedModel loose = MODEL.quantize(Quantization.int8().within(100, BLOBS.test()));
    assertEquals(List.of(), loose.report().fp32Layers());
    try {
      QuantizedModel tight = MODEL.quantize(Quantization.of(Precision.INT8).perTensor()
          .within(0, BLOBS.test()));
      QuantizationReport r = tight.report();
      assertTrue(r.accuracyLossPoints() <= 1e-9, r.toString());
      for (int i : r.fp32Layers()) {
        assertEquals("dense", tight.layers().get(i).encoding());
        assertTrue(r.layers().get(i).reason().startsWith("kept in FP32"), r.toString());
      }
    } catch (IllegalStateException e) {
      assertTrue(e.getMessage().contains("quantizing each layer alone costs"), e.getMessage());
    }
  }

  @Test
  void bad_settings_get_clear_errors() {
    IllegalArgumentException fp32 = assertThrows(IllegalArgumentException.class,
        () -> MODEL.quantize(Precision.FP32));
    assertTrue(fp32.getMessage().contains("FP32"), fp32.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Precision.parse("int4"));
    assertTrue(unknown.getMessage().contains("int4"), unknown.getMessage());
    Dataset wide = Fixtures.blobs(50, 20, 4, 0.9, 1);
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> MODEL.quantize(Quantization.int8().calibrate(wide)));
    assertTrue(width.getMessage().contains("20 features"), width.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Quantization.fp16().calibrate(BLOBS.train()));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Quantization.int8().calibrate(null));
    assertTrue(none.getMessage().contains("calibration rows"), none.getMessage());
    IllegalArgumentException tolerance = assertThrows(IllegalArgumentException.class,
        () -> Quantization.int8().within(-1, BLOBS.test()));
    assertTrue(tolerance.getMessage().contains("-1"), tolerance.getMessage());
    // quantize() on a QuantizedModel does not compile; the quantizer refuses it too.
    QuantizedModel q = MODEL.quantize(Precision.INT8);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> Quantizer.quantize(q, Quantization.int8()));
    assertTrue(twice.getMessage().contains("already quantized"), twice.getMessage());
  }
}
