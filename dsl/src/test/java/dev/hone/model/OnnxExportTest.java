package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hone.data.Dataset;
import dev.hone.data.Split;
import dev.hone.export.onnx.Dim;
import dev.hone.export.onnx.ElementType;
import dev.hone.export.onnx.OnnxFormatException;
import dev.hone.export.onnx.OnnxGraph;
import dev.hone.export.onnx.OnnxModel;
import dev.hone.export.onnx.OnnxNode;
import dev.hone.export.onnx.OnnxValueInfo;
import dev.hone.export.onnx.PythonOnnx;
import dev.hone.layer.Activation;
import dev.hone.quant.Calibration;
import dev.hone.quant.Precision;
import dev.hone.quant.Quantization;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form exports to ONNX that the checker accepts and ONNX Runtime runs as Hone does. */
class OnnxExportTest {

  private static final Split BLOBS = Fixtures.blobs(600, 12, 3, 0.9, 5).split(0.25, 2);
  private static final TrainConfig QUIET =
      Train.epochs(4).batchSize(32).adam(1e-2).listener(TrainingListener.NONE);
  private static final TrainedModel MODEL =
      Model.mlp(12, 32, 16, 3).train(BLOBS.train(), QUIET);

  @TempDir
  Path dir;

  private static Map<String, Network> forms() {
    Map<String, Network> m = new LinkedHashMap<>();
    m.put("fp32", MODEL);
    m.put("pruned", MODEL.prune(0.7));
    m.put("clustered", MODEL.cluster(4));
    m.put("fp16", MODEL.quantize(Precision.FP16));
    m.put("bf16", MODEL.quantize(Precision.BF16));
    m.put("int8-dynamic", MODEL.quantize(Precision.INT8));
    m.put("int8-dynamic-asym-tensor", MODEL.quantize(Quantization.int8().asymmetric()
        .perTensor()));
    m.put("int8-static", MODEL.quantize(Quantization.int8()
        .calibrate(BLOBS.train().take(200), Calibration.entropy())));
    m.put("int8-static-tensor", MODEL.quantize(Quantization.int8().perTensor()
        .calibrate(BLOBS.train().take(200))));
    m.put("pruned-int8", MODEL.prune(0.5).quantize(Precision.INT8));
    for (Activation a : List.of(Activation.GELU, Activation.TANH, Activation.SIGMOID,
        Activation.LEAKY_RELU, Activation.IDENTITY)) {
      m.put(a.name().toLowerCase(java.util.Locale.ROOT), Model.mlp(12, 8, 3).activation(a)
          .train(BLOBS.train(), QUIET));
    }
    return m;
  }

  private static float[] ort(Path file, Dataset data) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] x = new float[data.size() * data.featureCount()];
    data.featureBuffer().get(0, x);
    try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
            new long[] {data.size(), data.featureCount()});
        OrtSession.Result r = s.run(Map.of("x", in))) {
      FloatBuffer z = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
      float[] out = new float[z.remaining()];
      z.get(out);
      return out;
    }
  }

  @Test
  void every_form_passes_the_onnx_checker_and_runs_in_onnx_runtime_as_in_hone()
      throws Exception {
    for (Map.Entry<String, Network> e : forms().entrySet()) {
      Network m = e.getValue();
      Path file = dir.resolve(e.getKey() + ".onnx");
      long bytes = m.exportOnnx(file);
      assertEquals(Files.size(file), bytes);
      PythonOnnx.Result check = PythonOnnx.check(file);
      assertEquals(0, check.exitCode(), e.getKey() + ": " + check.describe());
      float[] hone = m.logits(BLOBS.test());
      float[] onnx = ort(file, BLOBS.test());
      assertEquals(hone.length, onnx.length);
      for (int k = 0; k < hone.length; k++) {
        assertEquals(hone[k], onnx[k], 1e-4 * Math.max(1, Math.abs(hone[k])),
            e.getKey() + " logit " + k);
      }
    }
  }

  @Test
  void exported_files_load_back_with_the_same_predictions() {
    for (Map.Entry<String, Network> e : forms().entrySet()) {
      Network m = e.getValue();
      Path file = dir.resolve(e.getKey() + ".onnx");
      m.exportOnnx(file);
      Network back = Model.loadOnnx(file);
      assertEquals(m instanceof QuantizedModel ? "quantized" : "dense", back.form(),
          e.getKey());
      assertEquals(m.spec(), back.spec());
      assertEquals(m.provenance(), back.provenance(), e.getKey());
      assertArrayEquals(m.logits(BLOBS.test()), back.logits(BLOBS.test()), 1e-5f,
          e.getKey());
      if (m instanceof QuantizedModel) {
        assertEquals(m.layers(), back.layers(), e.getKey());
      }
    }
  }

  @Test
  void int8_and_fp16_agree_with_fp32_within_stated_tolerances() {
    float[] fp32 = MODEL.logits(BLOBS.test());
    // FP16 keeps 11 significant bits, INT8 weights 8 and activations 8: the logits move by a
    // few quantization steps at most on this model.
    Map<Network, Double> tolerance = Map.of(MODEL.quantize(Precision.FP16), 0.02,
        MODEL.quantize(Precision.INT8), 0.3,
        MODEL.quantize(Quantization.int8().calibrate(BLOBS.train().take(200))), 0.3);
    for (Map.Entry<Network, Double> e : tolerance.entrySet()) {
      float[] z = e.getKey().logits(BLOBS.test());
      int agree = 0;
      for (int r = 0; r < BLOBS.test().size(); r++) {
        int a = 0;
        int b = 0;
        for (int c = 1; c < 3; c++) {
          a = fp32[r * 3 + c] > fp32[r * 3 + a] ? c : a;
          b = z[r * 3 + c] > z[r * 3 + b] ? c : b;
        }
        agree += a == b ? 1 : 0;
        for (int c = 0; c < 3; c++) {
          double scale = Math.max(1, Math.abs(fp32[r * 3 + c]));
          assertTrue(Math.abs(z[r * 3 + c] - fp32[r * 3 + c]) <= e.getValue() * scale,
              e.getKey().provenance() + " row " + r + ": " + z[r * 3 + c] + " vs "
                  + fp32[r * 3 + c]);
        }
      }
      assertTrue(agree >= 0.98 * BLOBS.test().size(), agree + " rows agree");
    }
  }

  @Test
  void a_foreign_or_damaged_onnx_file_is_refused_with_its_name() throws Exception {
    OnnxGraph g = new OnnxGraph("other", List.of(OnnxNode.of("Relu", List.of("a"),
        List.of("b"))), List.of(), List.of(OnnxValueInfo.tensor("a", ElementType.FLOAT,
        List.of(Dim.of(2)))), List.of(OnnxValueInfo.tensor("b", ElementType.FLOAT,
        List.of(Dim.of(2)))));
    Path foreign = dir.resolve("foreign.onnx");
    OnnxModel.of(g).write(foreign);
    OnnxFormatException e = assertThrows(OnnxFormatException.class,
        () -> Model.loadOnnx(foreign));
    assertTrue(e.getMessage().contains("foreign.onnx")
        && e.getMessage().contains("not a model Hone exported"), e.getMessage());

    Path good = dir.resolve("good.onnx");
    MODEL.quantize(Precision.INT8).exportOnnx(good);
    byte[] all = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.onnx");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    OnnxFormatException c = assertThrows(OnnxFormatException.class, () -> Model.loadOnnx(cut));
    assertTrue(c.getMessage().contains("cut.onnx"), c.getMessage());

    Path text = dir.resolve("notes.onnx");
    Files.writeString(text, "this is not a model");
    assertThrows(OnnxFormatException.class, () -> Model.loadOnnx(text));
  }

  @Test
  void an_unwritable_export_path_names_the_file_and_leaves_nothing() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("m.onnx");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> MODEL.exportOnnx(missing));
    assertTrue(e.getMessage().contains("m.onnx") || e.getMessage().contains("no-such-dir"),
        e.getMessage());
    assertFalse(Files.exists(missing.getParent()));
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count(), "nothing half-written remains");
    }
  }

  @Test
  void a_pruned_model_loads_back_dense_with_its_zeros() {
    PrunedModel p = MODEL.prune(0.8);
    Path file = dir.resolve("pruned.onnx");
    p.exportOnnx(file);
    TrainedModel back = assertInstanceOf(TrainedModel.class, Model.loadOnnx(file));
    assertEquals(p.sparsity(), back.sparsity(), 1e-9);
  }
}
