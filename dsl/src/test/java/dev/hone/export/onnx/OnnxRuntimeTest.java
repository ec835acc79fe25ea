package dev.hone.export.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hone.export.onnx.OnnxFixtures.Case;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported graphs pass the ONNX checker and run in ONNX Runtime, giving what a Java
 * computation of the same math gives: within {@value #TOLERANCE} relative (absolute below 1),
 * which allows for ONNX Runtime summing in another order or fusing the quantized ops into one
 * kernel, but not for one quantization step (about 1e-2 here).
 */
class OnnxRuntimeTest {

  static final double TOLERANCE = 1e-5;

  @TempDir
  Path dir;

  /** Runs the model on x and returns the named float output and the raw bytes of the others. */
  private static Map<String, Object> run(OnnxModel model, float[] x, String... outputs)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model.toBytes(), options);
        ai.onnxruntime.OnnxTensor input = ai.onnxruntime.OnnxTensor.createTensor(env,
            FloatBuffer.wrap(x), new long[] {OnnxFixtures.BATCH, x.length / OnnxFixtures.BATCH});
        OrtSession.Result result = session.run(Map.of("x", input))) {
      Map<String, Object> values = new java.util.HashMap<>();
      for (String name : outputs) {
        ai.onnxruntime.OnnxTensor t = (ai.onnxruntime.OnnxTensor) result.get(name).orElseThrow();
        if (t.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
          FloatBuffer fb = t.getFloatBuffer();
          float[] v = new float[fb.remaining()];
          fb.get(v);
          values.put(name, v);
        } else {
          ByteBuffer bb = t.getByteBuffer();
          byte[] v = new byte[bb.remaining()];
          bb.get(v);
          values.put(name, v);
        }
      }
      return values;
    }
  }

  private void checkAndRun(Case c) throws OrtException {
    PythonOnnx.Result check = PythonOnnx.check(c.model(), dir, c.name() + ".onnx");
    assertEquals(0, check.exitCode(), () -> "the ONNX checker rejects the " + c.name()
        + " model: " + check.describe());
    float[] y = (float[]) run(c.model(), c.x(), "y").get("y");
    assertClose(c.expected(), y, c.name());
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": output size");
    for (int i = 0; i < expected.length; i++) {
      double allowed = TOLERANCE * Math.max(1, Math.abs(expected[i]));
      int k = i;
      assertTrue(Math.abs(expected[i] - actual[i]) <= allowed, () -> what + ": element " + k
          + " is " + actual[k] + ", Java computes " + expected[k] + "\nexpected "
          + Arrays.toString(expected) + "\nactual   " + Arrays.toString(actual));
    }
  }

  @Test
  void an_fp32_mlp_runs_as_java_computes_it() throws OrtException {
    checkAndRun(OnnxFixtures.fp32Mlp());
  }

  @Test
  void a_dynamic_int8_layer_runs_as_java_computes_it() throws OrtException {
    Case c = OnnxFixtures.dynamicInt8();
    checkAndRun(c);
    byte[] xq = (byte[]) run(c.model(), c.x(), "x_q").get("x_q");
    assertArrayEquals(OnnxFixtures.Uint8Quantized.dynamic(c.x()).bytes(), xq,
        "DynamicQuantizeLinear quantizes the input as Java does");
  }

  @Test
  void a_static_qdq_int8_layer_runs_as_java_computes_it() throws OrtException {
    checkAndRun(OnnxFixtures.staticQdq());
  }

  @Test
  void float16_weights_cast_to_float_run_as_java_computes_them() throws OrtException {
    checkAndRun(OnnxFixtures.halfWeights(ElementType.FLOAT16));
  }

  @Test
  void bfloat16_weights_cast_to_float_run_as_java_computes_them() throws OrtException {
    checkAndRun(OnnxFixtures.halfWeights(ElementType.BFLOAT16));
  }

  @Test
  void a_model_read_back_from_its_file_gives_the_same_output() throws OrtException {
    Case c = OnnxFixtures.staticQdq();
    Path file = dir.resolve("read-back.onnx");
    c.model().write(file);
    OnnxModel back = OnnxModel.read(file);
    assertEquals(c.model(), back);
    assertArrayEquals((float[]) run(c.model(), c.x(), "y").get("y"),
        (float[]) run(back, c.x(), "y").get("y"));
  }
}
