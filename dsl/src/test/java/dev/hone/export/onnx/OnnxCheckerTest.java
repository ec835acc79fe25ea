package dev.hone.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX package's own checker (full check: structure and strict shape inference) accepts
 * what the codec writes, and rejects a broken graph, which shows the harness really checks.
 */
class OnnxCheckerTest {

  @TempDir
  Path dir;

  /** Every attribute kind on standard operators, so the checker validates each encoding. */
  static OnnxModel everyAttributeKind() {
    List<OnnxNode> nodes = List.of(
        OnnxNode.of("Transpose", List.of("x"), List.of("xt"))
            .withAttribute(OnnxAttribute.ofInts("perm", 1, 0)),
        OnnxNode.of("LeakyRelu", List.of("xt"), List.of("a"))
            .withAttribute(OnnxAttribute.ofFloat("alpha", 0.1f)),
        OnnxNode.of("Constant", List.of(), List.of("bias"))
            .withAttribute(OnnxAttribute.ofTensor("value",
                TensorData.floats("", new long[] {3, 1}, new float[] {1, 2, 3}))),
        OnnxNode.of("Add", List.of("a", "bias"), List.of("s")),
        OnnxNode.of("Cast", List.of("s"), List.of("y"))
            .withAttribute(OnnxAttribute.ofInt("to", ElementType.FLOAT16.code())),
        OnnxNode.of("Constant", List.of(), List.of("fs"))
            .withAttribute(OnnxAttribute.ofFloats("value_floats", 0.5f, 1.5f)),
        OnnxNode.of("Constant", List.of(), List.of("is"))
            .withAttribute(OnnxAttribute.ofInts("value_ints", 4, 5)),
        OnnxNode.of("Constant", List.of(), List.of("label"))
            .withAttribute(OnnxAttribute.ofString("value_string", "hone")));
    OnnxGraph g = new OnnxGraph("attributes", nodes,
        List.of(TensorData.int64("unused_shape", new long[] {2}, new long[] {-1, 3})),
        List.of(OnnxValueInfo.tensor("x", ElementType.FLOAT,
            List.of(Dim.symbolic("batch"), Dim.of(3)))),
        List.of(OnnxValueInfo.tensor("y", ElementType.FLOAT16,
                List.of(Dim.of(3), Dim.symbolic("batch"))),
            OnnxValueInfo.tensor("fs", ElementType.FLOAT, List.of(Dim.of(2))),
            OnnxValueInfo.tensor("is", ElementType.INT64, List.of(Dim.of(2)))));
    return OnnxModel.of(g).withProducer("Hone", "test").withDocString("every attribute kind")
        .withMetadata("hone.form", "test");
  }

  @Test
  void the_checker_accepts_every_attribute_kind_and_tensor_attribute() {
    PythonOnnx.Result r = PythonOnnx.check(everyAttributeKind(), dir, "attributes.onnx");
    assertEquals(0, r.exitCode(), () -> "the ONNX checker rejects the model: " + r.describe());
  }

  @Test
  void the_checker_accepts_every_initializer_type() {
    OnnxModel m = OnnxRoundTripTest.everything();
    // the round-trip model's graph uses a made-up operator; keep its initializers, use Identity
    OnnxGraph g = new OnnxGraph("initializers",
        List.of(OnnxNode.of("Identity", List.of("f32"), List.of("y"))),
        m.graph().initializers(), List.of(),
        List.of(OnnxValueInfo.tensor("y", ElementType.FLOAT, List.of(Dim.of(2), Dim.of(3)))));
    PythonOnnx.Result r = PythonOnnx.check(OnnxModel.of(g), dir, "initializers.onnx");
    assertEquals(0, r.exitCode(), () -> "the ONNX checker rejects the model: " + r.describe());
  }

  @Test
  void the_checker_rejects_a_node_that_reads_an_undefined_value() {
    OnnxModel ok = OnnxFixtures.fp32Mlp().model();
    List<OnnxNode> nodes = new java.util.ArrayList<>(ok.graph().nodes());
    nodes.set(2, OnnxNode.of("Relu", List.of("nowhere"), List.of("a0")));
    OnnxGraph broken = new OnnxGraph("broken", nodes, ok.graph().initializers(),
        ok.graph().inputs(), ok.graph().outputs());
    PythonOnnx.Result r = PythonOnnx.check(OnnxModel.of(broken), dir, "broken.onnx");
    assertNotEquals(0, r.exitCode(), () -> "the checker accepted a broken model: "
        + r.describe());
    assertTrue(r.stderr().contains("nowhere"), r::describe);
  }

  @Test
  void the_checker_rejects_a_wrong_declared_shape() {
    OnnxModel ok = OnnxFixtures.fp32Mlp().model();
    OnnxGraph wrong = new OnnxGraph("wrong-shape", ok.graph().nodes(), ok.graph().initializers(),
        ok.graph().inputs(), List.of(OnnxFixtures.floats("y", OnnxFixtures.OUT + 1)));
    PythonOnnx.Result r = PythonOnnx.check(OnnxModel.of(wrong), dir, "wrong.onnx");
    assertNotEquals(0, r.exitCode(), () -> "the checker accepted a wrong output shape: "
        + r.describe());
  }
}
