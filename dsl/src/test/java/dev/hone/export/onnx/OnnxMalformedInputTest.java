package dev.hone.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxMalformedInputTest {

  @TempDir
  Path dir;

  private static String parseError(byte[] bytes) {
    return assertThrows(OnnxFormatException.class, () -> OnnxModel.parse(bytes)).getMessage();
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** A model of one initializer written field by field, to get bytes the API would refuse. */
  private static byte[] modelWithTensor(ProtoWriter tensor) {
    ProtoWriter graph = new ProtoWriter();
    graph.message(5, tensor); // initializer
    ProtoWriter model = new ProtoWriter();
    model.varint(1, 8); // ir_version
    model.message(7, graph); // graph
    return model.toByteArray();
  }

  private static List<String> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void empty_bytes_are_not_a_model() {
    assertEquals("not an ONNX model: the input is empty (0 bytes)", parseError(new byte[0]));
  }

  @Test
  void bytes_without_a_graph_are_not_a_model() {
    // ir_version 8 and nothing else: valid protobuf, but no model
    assertTrue(parseError(bytes(0x08, 0x08)).contains("no graph in ONNX model"));
    // a graph but no ir_version
    assertTrue(parseError(bytes(0x3A, 0x00)).contains("no ir_version in ONNX model"));
  }

  @Test
  void random_bytes_are_refused_with_a_format_error_never_another_exception() {
    Random random = new Random(42);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] noise = new byte[1 + random.nextInt(trial < 1000 ? 16 : 4096)];
      random.nextBytes(noise);
      int t = trial;
      OnnxFormatException e = assertThrows(OnnxFormatException.class,
          () -> OnnxModel.parse(noise), () -> "trial " + t + ": " + Arrays.toString(noise));
      assertTrue(e.getMessage().startsWith("not an ONNX model")
          || e.getMessage().startsWith("invalid ONNX model")
          || e.getMessage().startsWith("unsupported ONNX model"), e.getMessage());
    }
  }

  @Test
  void a_truncated_model_is_refused_or_keeps_its_whole_graph() {
    // protobuf cannot tell a message cut between two fields from a shorter one, so a cut after
    // the graph loses only the later fields; any cut inside the graph must be refused
    OnnxModel model = OnnxFixtures.staticQdq().model();
    byte[] whole = model.toBytes();
    for (int n = 0; n < whole.length; n++) {
      byte[] cut = Arrays.copyOf(whole, n);
      try {
        assertEquals(model.graph(), OnnxModel.parse(cut).graph(), "cut at " + n);
      } catch (OnnxFormatException expected) {
        // refused: fine
      }
    }
    String message = parseError(Arrays.copyOf(whole, whole.length / 2));
    assertTrue(message.contains("runs past the end") || message.contains("truncated"), message);
  }

  @Test
  void a_truncated_varint_names_its_byte() {
    assertEquals("not an ONNX model: truncated varint at byte 1 in ModelProto",
        parseError(bytes(0x08, 0x80)));
  }

  @Test
  void a_length_past_the_end_is_refused() {
    // field 7 (graph) says 5 bytes follow, but only 1 does
    assertEquals("not an ONNX model: length 5 at byte 3 of field 7 runs past the end of the"
        + " ModelProto (1 bytes left)", parseError(bytes(0x08, 0x08, 0x3A, 0x05, 0x0A)));
  }

  @Test
  void a_huge_length_is_refused_before_anything_is_allocated() {
    // 2^63 - 1 and 2^64 - 1 (which reads as -1) as the graph's length
    String max = parseError(bytes(0x08, 0x08, 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x7F));
    assertTrue(max.contains("length 9223372036854775807 at byte 3"), max);
    String minusOne = parseError(bytes(0x08, 0x08, 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0x01));
    assertTrue(minusOne.contains("length 18446744073709551615"), minusOne);
    // a 2 GiB raw_data length inside a tensor inside the graph, the outer lengths consistent
    String raw = parseError(bytes(0x08, 0x08, 0x3A, 0x0A, // ir_version 8, graph of 10 bytes
        0x2A, 0x08, // initializer of 8 bytes
        0x10, 0x01, 0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07)); // FLOAT, raw_data of 2^31 - 1 bytes
    assertEquals("not an ONNX model: length 2147483647 at byte 9 of field 9 runs past the end of"
        + " the TensorProto (0 bytes left)", raw);
    // dims of 2^40 x 2^40 elements with no data
    ProtoWriter t = new ProtoWriter();
    t.varint(1, 1L << 40);
    t.varint(1, 1L << 40);
    t.varint(2, ElementType.FLOAT.code());
    t.optionalString(8, "big");
    String dims = parseError(modelWithTensor(t));
    assertTrue(dims.contains("tensor 'big' has dims [1099511627776, 1099511627776]"), dims);
  }

  @Test
  void a_field_with_the_wrong_wire_type_is_refused() {
    // field 7 (graph) as a varint
    assertEquals("not an ONNX model: field 7 of ModelProto has wire type 0, expected 2"
        + " (at byte 2)", parseError(bytes(0x08, 0x08, 0x38, 0x00)));
    assertTrue(parseError(bytes(0x0B)).contains("protobuf group"));
  }

  @Test
  void raw_data_that_disagrees_with_the_dims_names_the_tensor_the_dims_and_the_bytes() {
    ProtoWriter t = new ProtoWriter();
    t.varint(1, 784);
    t.varint(1, 128);
    t.varint(2, ElementType.FLOAT.code());
    t.string(8, "w0");
    t.bytes(9, new byte[1000]);
    assertEquals("invalid ONNX model: tensor 'w0' has 1000 bytes of raw_data but dims [784, 128]"
        + " of FLOAT need 401408", parseError(modelWithTensor(t)));
  }

  @Test
  void typed_data_fields_that_disagree_with_the_dims_or_the_type_are_refused() {
    ProtoWriter t = new ProtoWriter();
    t.varint(1, 3);
    t.varint(2, ElementType.FLOAT.code());
    t.string(8, "b0");
    t.float32(4, 1f); // float_data, unpacked: two values for dims [3]
    t.float32(4, 2f);
    assertEquals("invalid ONNX model: tensor 'b0' has 2 values in float_data but dims [3] of"
        + " FLOAT need 3", parseError(modelWithTensor(t)));
    ProtoWriter q = new ProtoWriter();
    q.varint(1, 1);
    q.varint(2, ElementType.INT8.code());
    q.string(8, "q");
    q.float32(4, 1f);
    assertTrue(parseError(modelWithTensor(q)).contains("tensor 'q' of INT8 has float_data,"
        + " which holds only [FLOAT]"));
  }

  @Test
  void an_unsupported_element_type_is_named() {
    ProtoWriter t = new ProtoWriter();
    t.varint(2, 11); // DOUBLE
    t.string(8, "d");
    String message = parseError(modelWithTensor(t));
    assertTrue(message.startsWith("unsupported ONNX model: tensor 'd': element type 11 is not"
        + " supported"), message);
  }

  @Test
  void writing_into_a_missing_directory_names_the_path_and_leaves_nothing() throws IOException {
    Path file = dir.resolve("missing").resolve("model.onnx");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> OnnxFixtures.fp32Mlp().model().write(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertEquals(List.of(), listing(dir));
  }

  @Test
  void writing_under_a_regular_file_names_the_path_and_leaves_nothing() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "not a directory");
    Path file = plain.resolve("model.onnx");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> OnnxFixtures.fp32Mlp().model().write(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertEquals(List.of("plain.txt"), listing(dir));
    assertEquals("not a directory", Files.readString(plain));
  }

  @Test
  void a_failed_replace_removes_its_temporary_file() throws IOException {
    // the target is a non-empty directory: the bytes are written, the final move fails
    Path target = Files.createDirectory(dir.resolve("model.onnx"));
    Files.writeString(target.resolve("keep.txt"), "kept");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> OnnxFixtures.fp32Mlp().model().write(target));
    assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    assertEquals(List.of("model.onnx"), listing(dir), "no temporary file is left behind");
    assertEquals(List.of("keep.txt"), listing(target));
  }

  @Test
  void reading_names_the_file() throws IOException {
    Path missing = dir.resolve("missing.onnx");
    UncheckedIOException io = assertThrows(UncheckedIOException.class,
        () -> OnnxModel.read(missing));
    assertTrue(io.getMessage().contains(missing.toString()), io.getMessage());
    Path corrupt = Files.write(dir.resolve("corrupt.onnx"), bytes(0x08, 0x80));
    OnnxFormatException format = assertThrows(OnnxFormatException.class,
        () -> OnnxModel.read(corrupt));
    assertEquals(corrupt + ": not an ONNX model: truncated varint at byte 1 in ModelProto",
        format.getMessage());
    assertFalse(Files.exists(missing));
  }
}
