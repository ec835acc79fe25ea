package dev.hone.export.onnx;

import dev.hone.quant.HalfFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRoundTripTest {

  static final float[] FLOATS = {1.5f, -0.25f, 3e-8f, Float.MAX_VALUE, -0f, 7f};
  static final byte[] INT8S = {-128, -1, 0, 1, 127, 42};
  static final byte[] UINT8S = {0, 1, (byte) 128, (byte) 255};
  static final int[] INT32S = {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
  static final long[] INT64S = {Long.MIN_VALUE, -1, 784};
  static final short[] HALVES = {HalfFloats.toHalf(1.5f), HalfFloats.toHalf(-65504f), 0x0001,
      (short) 0x8000};
  static final short[] BFLOATS = {HalfFloats.toBFloat16(1.5f), HalfFloats.toBFloat16(-3e38f)};

  @TempDir
  Path dir;

  /** A model with every element type, every attribute kind and every optional part filled. */
  static OnnxModel everything() {
    List<TensorData> tensors = List.of(
        TensorData.floats("f32", new long[] {2, 3}, FLOATS).withDocString("row-major"),
        TensorData.int8("i8", new long[] {6}, INT8S),
        TensorData.uint8("u8", new long[] {2, 2}, UINT8S),
        TensorData.int32("i32", new long[] {4}, INT32S),
        TensorData.int64("i64", new long[] {3}, INT64S),
        TensorData.float16("f16", new long[] {2, 2}, HALVES),
        TensorData.bfloat16("bf16", new long[] {2}, BFLOATS),
        TensorData.floats("scalar", new long[] {}, new float[] {0.5f}),
        TensorData.floats("empty", new long[] {0, 3}, new float[0]));
    OnnxNode attributes = OnnxNode.of("Custom", List.of("x", "", "f32"), List.of("y", "z"))
        .named("every-attribute").inDomain("dev.hone").withDocString("attribute kinds")
        .withAttribute(OnnxAttribute.ofFloat("f", -2.5f))
        .withAttribute(OnnxAttribute.ofInt("i", -7))
        .withAttribute(OnnxAttribute.ofString("s", "grüße"))
        .withAttribute(OnnxAttribute.ofTensor("t",
            TensorData.int8("", new long[] {2}, new byte[] {-3, 3})))
        .withAttribute(OnnxAttribute.ofFloats("floats", 0.25f, -1f))
        .withAttribute(OnnxAttribute.ofInts("ints", 1, 0, Long.MAX_VALUE))
        .withAttribute(OnnxAttribute.ofInts("no-ints"));
    OnnxGraph graph = new OnnxGraph("everything",
        List.of(attributes, OnnxNode.of("Relu", List.of("y"), List.of("out"))), tensors,
        List.of(OnnxValueInfo.tensor("x", ElementType.FLOAT,
            List.of(Dim.symbolic("batch"), Dim.of(0), Dim.unknown()))),
        List.of(OnnxValueInfo.tensor("out", ElementType.BFLOAT16)))
        .withValueInfo(OnnxValueInfo.tensor("y", ElementType.INT64, List.of()))
        .withDocString("all the parts");
    return new OnnxModel(7, List.of(), "hone-test", "0.1.0", "dev.hone", 3, "doc", graph,
        Map.of()).withOpset("", 17).withOpset("dev.hone", 1)
        .withMetadata("hone.form", "quantized").withMetadata("empty", "");
  }

  @Test
  void a_model_with_every_tensor_type_and_attribute_kind_round_trips() {
    OnnxModel model = everything();
    OnnxModel back = OnnxModel.parse(model.toBytes());
    assertEquals(model, back);
    assertEquals(List.of("x", "", "f32"), back.graph().nodes().get(0).inputs(),
        "an empty input name marks an omitted optional input and is kept");
  }

  @Test
  void tensor_values_decode_to_what_was_stored() {
    OnnxGraph g = OnnxModel.parse(everything().toBytes()).graph();
    assertArrayEquals(FLOATS, g.initializer("f32").orElseThrow().floats());
    assertArrayEquals(INT8S, g.initializer("i8").orElseThrow().int8s());
    assertArrayEquals(UINT8S, g.initializer("u8").orElseThrow().uint8s());
    assertArrayEquals(INT32S, g.initializer("i32").orElseThrow().ints());
    assertArrayEquals(INT64S, g.initializer("i64").orElseThrow().longs());
    assertArrayEquals(HALVES, g.initializer("f16").orElseThrow().halfBits());
    assertArrayEquals(BFLOATS, g.initializer("bf16").orElseThrow().halfBits());
    assertArrayEquals(new long[] {2, 3}, g.initializer("f32").orElseThrow().dims());
    assertEquals(1, g.initializer("scalar").orElseThrow().elementCount());
    assertEquals(0, g.initializer("empty").orElseThrow().elementCount());
    OnnxAttribute t = g.nodes().get(0).attribute("t").orElseThrow();
    assertArrayEquals(new byte[] {-3, 3}, ((OnnxAttribute.OfTensor) t).value().int8s());
  }

  @Test
  void tensor_bytes_are_little_endian_as_onnx_requires() {
    byte[] raw = TensorData.floats("one", new long[] {1}, new float[] {1f}).rawData();
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, raw);
    byte[] shortRaw = TensorData.float16("h", new long[] {1}, new short[] {0x3C00}).rawData();
    assertArrayEquals(new byte[] {0, 0x3C}, shortRaw);
  }

  @Test
  void encoding_is_deterministic_and_parse_then_encode_gives_the_same_bytes() {
    byte[] bytes = everything().toBytes();
    assertArrayEquals(bytes, everything().toBytes());
    assertArrayEquals(bytes, OnnxModel.parse(bytes).toBytes());
  }

  @Test
  void fields_the_reader_does_not_know_are_skipped() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] model = everything().toBytes();
    ProtoWriter unknown = new ProtoWriter();
    unknown.varint(99, 12345); // a varint field
    unknown.bytes(20, new byte[] {1, 2, 3}); // training_info, a message Hone does not read
    unknown.float32(1000, 1f); // a fixed32 field
    byte[] extra = unknown.toByteArray();
    // fixed64 field 31: tag (31 << 3 | 1) then eight bytes
    byte[] fixed64 = {(byte) 0xF9, 0x01, 1, 2, 3, 4, 5, 6, 7, 8};
    out.writeBytes(extra);
    out.writeBytes(model);
    out.writeBytes(fixed64);
    assertEquals(everything(), OnnxModel.parse(out.toByteArray()));
  }

  @Test
  void a_written_file_reads_back_equal() {
    Path file = dir.resolve("everything.onnx");
    long size = everything().write(file);
    assertEquals(everything().toBytes().length, size);
    assertEquals(everything(), OnnxModel.read(file));
    everything().withMetadata("hone.form", "dense").write(file);
    assertEquals("dense", OnnxModel.read(file).metadata().get("hone.form"),
        "writing again replaces the file");
  }

  @Test
  void tensors_that_the_onnx_python_package_writes_in_typed_fields_are_read() {
    // make_tensor without raw=True fills float_data, int32_data (packed; int8, uint8, float16
    // and bfloat16 widened to int32) and int64_data, as files from other tools do
    Path file = dir.resolve("foreign.onnx");
    String script = String.join("\n",
        "import sys, onnx",
        "from onnx import helper, TensorProto as T",
        "ts = [helper.make_tensor('f32', T.FLOAT, [2, 2], [1.5, -2.0, 0.0, 3.25]),",
        "      helper.make_tensor('i8', T.INT8, [3], [-128, 0, 127]),",
        "      helper.make_tensor('u8', T.UINT8, [3], [0, 128, 255]),",
        "      helper.make_tensor('i32', T.INT32, [2], [-2147483648, 2147483647]),",
        "      helper.make_tensor('i64', T.INT64, [2], [-9223372036854775808, 784]),",
        "      helper.make_tensor('f16', T.FLOAT16, [2], [1.5, -0.25]),",
        "      helper.make_tensor('bf16', T.BFLOAT16, [2], [1.5, -0.25])]",
        "x = helper.make_tensor_value_info('x', T.FLOAT, ['batch', 2])",
        "y = helper.make_tensor_value_info('y', T.FLOAT, ['batch', 2])",
        "n = helper.make_node('LeakyRelu', ['x'], ['y'], name='act', alpha=0.1)",
        "g = helper.make_graph([n], 'foreign', [x], [y], initializer=ts)",
        "m = helper.make_model(g, producer_name='onnx-python',"
            + " opset_imports=[helper.make_opsetid('', 17)])",
        "m.ir_version = 8",
        "onnx.checker.check_model(m, full_check=True)",
        "onnx.save(m, sys.argv[1])");
    PythonOnnx.Result result = PythonOnnx.run(script, file.toString());
    assertEquals(0, result.exitCode(), result::describe);

    OnnxModel m = OnnxModel.read(file);
    OnnxGraph g = m.graph();
    assertEquals("onnx-python", m.producerName());
    assertArrayEquals(new float[] {1.5f, -2f, 0f, 3.25f}, g.initializer("f32").get().floats());
    assertArrayEquals(new byte[] {-128, 0, 127}, g.initializer("i8").get().int8s());
    assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255}, g.initializer("u8").get().uint8s());
    assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
        g.initializer("i32").get().ints());
    assertArrayEquals(new long[] {Long.MIN_VALUE, 784}, g.initializer("i64").get().longs());
    assertArrayEquals(new short[] {HalfFloats.toHalf(1.5f), HalfFloats.toHalf(-0.25f)},
        g.initializer("f16").get().halfBits());
    assertArrayEquals(new short[] {HalfFloats.toBFloat16(1.5f), HalfFloats.toBFloat16(-0.25f)},
        g.initializer("bf16").get().halfBits());
    assertEquals(OnnxAttribute.ofFloat("alpha", 0.1f),
        g.nodes().get(0).attribute("alpha").orElseThrow());
    assertEquals(List.of(Dim.symbolic("batch"), Dim.of(2)),
        g.inputs().get(0).shape().orElseThrow());
  }

  @Test
  void values_name_what_is_wrong_with_them() {
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> TensorData.ofRaw("w0", ElementType.FLOAT, new long[] {784, 128}, new byte[1000]));
    assertEquals("tensor 'w0' has 1000 bytes of raw_data but dims [784, 128] of FLOAT need"
        + " 401408", size.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> TensorData.floats("b0", new long[] {3}, new float[2]));
    assertTrue(count.getMessage().contains("'b0' has 2 values but dims [3] need 3"),
        count.getMessage());
    IllegalStateException type = assertThrows(IllegalStateException.class,
        () -> TensorData.int8("q", new long[] {1}, new byte[1]).floats());
    assertEquals("tensor 'q' is INT8, not FLOAT", type.getMessage());
    TensorData w = TensorData.int8("w", new long[] {}, new byte[1]);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> new OnnxGraph("g", List.of(), List.of(w, w), List.of(), List.of()));
    assertEquals("graph 'g' has two initializers named 'w'", twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OnnxNode.of("Cast", List.of("a"),
        List.of("b")).withAttribute(OnnxAttribute.ofInt("to", 1))
        .withAttribute(OnnxAttribute.ofInt("to", 10)));
  }

  @Test
  void with_copies_leave_the_original_unchanged() {
    OnnxModel m = OnnxFixtures.fp32Mlp().model();
    OnnxModel changed = m.withOpset("", 13).withMetadata("k", "v");
    assertEquals(List.of(new OnnxModel.OpsetImport("", 17)), m.opsetImports());
    assertEquals(List.of(new OnnxModel.OpsetImport("", 13)), changed.opsetImports());
    assertEquals(Map.of("hone.form", "fp32"), m.metadata());
    assertEquals(Map.of("hone.form", "fp32", "k", "v"), changed.metadata());
    float[] values = {1, 2};
    TensorData t = TensorData.floats("t", new long[] {2}, values);
    values[0] = 99;
    t.floats()[1] = 99;
    assertArrayEquals(new float[] {1, 2}, t.floats(), "arrays are copied in and out");
  }
}
