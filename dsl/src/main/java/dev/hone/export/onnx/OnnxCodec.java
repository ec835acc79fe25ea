package dev.hone.export.onnx;

import dev.hone.export.onnx.OnnxModel.OpsetImport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The subset of {@code onnx.proto} that Hone reads and writes, field by field. Field numbers are
 * the spec's; each is named in a comment where it is written or read.
 *
 * <p>Writing follows proto2 as the ONNX Python package does: fields in field-number order,
 * empty strings and zero model versions left out, repeated numbers unpacked except tensor data,
 * which always goes to {@code raw_data}. Reading also accepts packed repeated numbers and the
 * typed data fields ({@code float_data}, {@code int32_data}, {@code int64_data}) that other tools
 * write, and skips every field it does not know.
 */
final class OnnxCodec {

  /** The element types that onnx.proto stores in {@code int32_data}, each value widened. */
  private static final List<ElementType> INT32_DATA_TYPES = List.of(ElementType.INT32,
      ElementType.INT8, ElementType.UINT8, ElementType.FLOAT16, ElementType.BFLOAT16);

  private OnnxCodec() {}

  // ---------------------------------------------------------------- writing

  static byte[] encode(OnnxModel m) {
    ProtoWriter w = new ProtoWriter();
    w.varint(1, m.irVersion()); // ir_version
    w.optionalString(2, m.producerName()); // producer_name
    w.optionalString(3, m.producerVersion()); // producer_version
    w.optionalString(4, m.domain()); // domain
    if (m.modelVersion() != 0) {
      w.varint(5, m.modelVersion()); // model_version
    }
    w.optionalString(6, m.docString()); // doc_string
    w.message(7, graph(m.graph())); // graph
    for (OpsetImport o : m.opsetImports()) {
      ProtoWriter op = new ProtoWriter();
      op.optionalString(1, o.domain()); // OperatorSetIdProto.domain
      op.varint(2, o.version()); // OperatorSetIdProto.version
      w.message(8, op); // opset_import
    }
    for (Map.Entry<String, String> e : m.metadata().entrySet()) {
      ProtoWriter kv = new ProtoWriter();
      kv.string(1, e.getKey()); // StringStringEntryProto.key
      kv.string(2, e.getValue()); // StringStringEntryProto.value
      w.message(14, kv); // metadata_props
    }
    return w.toByteArray();
  }

  private static ProtoWriter graph(OnnxGraph g) {
    ProtoWriter w = new ProtoWriter();
    for (OnnxNode n : g.nodes()) {
      w.message(1, node(n)); // node
    }
    w.optionalString(2, g.name()); // name
    for (TensorData t : g.initializers()) {
      w.message(5, tensor(t)); // initializer
    }
    w.optionalString(10, g.docString()); // doc_string
    for (OnnxValueInfo v : g.inputs()) {
      w.message(11, valueInfo(v)); // input
    }
    for (OnnxValueInfo v : g.outputs()) {
      w.message(12, valueInfo(v)); // output
    }
    for (OnnxValueInfo v : g.valueInfo()) {
      w.message(13, valueInfo(v)); // value_info
    }
    return w;
  }

  private static ProtoWriter node(OnnxNode n) {
    ProtoWriter w = new ProtoWriter();
    for (String in : n.inputs()) {
      w.string(1, in); // input ("" marks an omitted optional input)
    }
    for (String out : n.outputs()) {
      w.string(2, out); // output
    }
    w.optionalString(3, n.name()); // name
    w.string(4, n.opType()); // op_type
    for (OnnxAttribute a : n.attributes()) {
      w.message(5, attribute(a)); // attribute
    }
    w.optionalString(6, n.docString()); // doc_string
    w.optionalString(7, n.domain()); // domain
    return w;
  }

  private static ProtoWriter attribute(OnnxAttribute a) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, a.name()); // name
    if (a instanceof OnnxAttribute.OfFloat f) {
      w.float32(2, f.value()); // f
    } else if (a instanceof OnnxAttribute.OfInt i) {
      w.varint(3, i.value()); // i
    } else if (a instanceof OnnxAttribute.OfString s) {
      w.string(4, s.value()); // s
    } else if (a instanceof OnnxAttribute.OfTensor t) {
      w.message(5, tensor(t.value())); // t
    } else if (a instanceof OnnxAttribute.OfFloats fs) {
      for (float f : fs.values()) {
        w.float32(7, f); // floats
      }
    } else if (a instanceof OnnxAttribute.OfInts is) {
      for (long i : is.values()) {
        w.varint(8, i); // ints
      }
    }
    w.varint(20, a.type().code()); // type
    return w;
  }

  private static ProtoWriter tensor(TensorData t) {
    ProtoWriter w = new ProtoWriter();
    for (long d : t.dims()) {
      w.varint(1, d); // dims
    }
    w.varint(2, t.type().code()); // data_type
    w.optionalString(8, t.name()); // name
    w.bytes(9, t.rawData()); // raw_data, little-endian
    w.optionalString(12, t.docString()); // doc_string
    return w;
  }

  private static ProtoWriter valueInfo(OnnxValueInfo v) {
    ProtoWriter tensorType = new ProtoWriter();
    tensorType.varint(1, v.elementType().code()); // TypeProto.Tensor.elem_type
    if (v.shape().isPresent()) {
      ProtoWriter shape = new ProtoWriter();
      for (Dim d : v.shape().get()) {
        ProtoWriter dim = new ProtoWriter();
        if (d.isFixed()) {
          dim.varint(1, d.value()); // Dimension.dim_value
        } else {
          dim.optionalString(2, d.param()); // Dimension.dim_param; neither means unknown
        }
        shape.message(1, dim); // TensorShapeProto.dim
      }
      tensorType.message(2, shape); // TypeProto.Tensor.shape
    }
    ProtoWriter type = new ProtoWriter();
    type.message(1, tensorType); // TypeProto.tensor_type
    ProtoWriter w = new ProtoWriter();
    w.string(1, v.name()); // name
    w.message(2, type); // type
    return w;
  }

  // ---------------------------------------------------------------- reading

  static OnnxModel decode(byte[] bytes) {
    try {
      return readModel(bytes);
    } catch (IllegalArgumentException e) {
      // a value's own check failed (a negative dim, a tensor whose bytes disagree with its
      // dims): the bytes were wrong, so it is a format error
      throw new OnnxFormatException("invalid ONNX model: " + e.getMessage(), e);
    }
  }

  private static OnnxModel readModel(byte[] bytes) {
    if (bytes.length == 0) {
      throw new OnnxFormatException("not an ONNX model: the input is empty (0 bytes)");
    }
    ProtoReader r = new ProtoReader(bytes, "ModelProto");
    long irVersion = -1;
    String producerName = "";
    String producerVersion = "";
    String domain = "";
    long modelVersion = 0;
    String doc = "";
    OnnxGraph graph = null;
    List<OpsetImport> opsets = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    while (r.hasMore()) {
      switch (r.next()) {
        case 1 -> irVersion = r.varint(); // ir_version
        case 2 -> producerName = r.string(); // producer_name
        case 3 -> producerVersion = r.string(); // producer_version
        case 4 -> domain = r.string(); // domain
        case 5 -> modelVersion = r.varint(); // model_version
        case 6 -> doc = r.string(); // doc_string
        case 7 -> graph = readGraph(r.message("GraphProto")); // graph
        case 8 -> opsets.add(readOpset(r.message("OperatorSetIdProto"))); // opset_import
        case 14 -> readEntry(r.message("StringStringEntryProto"), metadata); // metadata_props
        default -> r.skip();
      }
    }
    if (graph == null) {
      throw new OnnxFormatException("not an ONNX model: no graph in ONNX model (field 7 of"
          + " ModelProto is missing in " + bytes.length + " bytes)");
    }
    if (irVersion == -1) {
      throw new OnnxFormatException(
          "not an ONNX model: no ir_version in ONNX model (field 1 of ModelProto is missing)");
    }
    return new OnnxModel(irVersion, opsets, producerName, producerVersion, domain, modelVersion,
        doc, graph, metadata);
  }

  private static OpsetImport readOpset(ProtoReader r) {
    String domain = "";
    long version = 0;
    while (r.hasMore()) {
      switch (r.next()) {
        case 1 -> domain = r.string(); // domain
        case 2 -> version = r.varint(); // version
        default -> r.skip();
      }
    }
    return new OpsetImport(domain, version);
  }

  private static void readEntry(ProtoReader r, Map<String, String> into) {
    String key = "";
    String value = "";
    while (r.hasMore()) {
      switch (r.next()) {
        case 1 -> key = r.string(); // key
        case 2 -> value = r.string(); // value
        default -> r.skip();
      }
    }
    if (into.putIfAbsent(key, value) != null) {
      throw new OnnxFormatException("invalid ONNX model: metadata key '" + key
          + "' appears twice");
    }
  }

  private static OnnxGraph readGraph(ProtoReader r) {
    List<OnnxNode> nodes = new ArrayList<>();
    String name = "";
    List<TensorData> initializers = new ArrayList<>();
    String doc = "";
    List<OnnxValueInfo> inputs = new ArrayList<>();
    List<OnnxValueInfo> outputs = new ArrayList<>();
    List<OnnxValueInfo> valueInfo = new ArrayList<>();
    while (r.hasMore()) {
      switch (r.next()) {
        case 1 -> nodes.add(readNode(r.message("NodeProto"))); // node
        case 2 -> name = r.string(); // name
        case 5 -> initializers.add(readTensor(r.message("TensorProto"))); // initializer
        case 10 -> doc = r.string(); // doc_string
        case 11 -> inputs.add(readValueInfo(r.message("ValueInfoProto"))); // input
        case 12 -> outputs.add(readValueInfo(r.message("ValueInfoProto"))); // output
        case 13 -> valueInfo.add(readValueInfo(r.message("ValueInfoProto"))); // value_info
        default -> r.skip();
      }
    }
    return new OnnxGraph(name, nodes, initializers, inputs, outputs, valueInfo, doc);
  }

  private static OnnxNode readNode(ProtoReader r) {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    List<ProtoReader> attributes = new ArrayList<>();
    String doc = "";
    String domain = "";
    while (r.hasMore()) {
      switch (r.next()) {
        case 1 -> inputs.add(r.string()); // input
        case 2 -> outputs.add(r.string()); // output
        case 3 -> name = r.string(); // name
        case 4 -> opType = r.string(); // op_type
        case 5 -> attributes.add(r.message("AttributeProto")); // attribute, read below
        case 6 -> doc = r.string(); // doc_string
        case 7 -> domain = r.string(); // domain
        default -> r.skip();
      }
    }
    String where = "node '" + name + "' (" + opType + ")";
    List<OnnxAttribute> attrs = new ArrayList<>();
    for (ProtoReader a : attributes) {
      attrs.add(readAttribute(a, where));
    }
    return new OnnxNode(opType, inputs, outputs, name, domain, attrs, doc);
  }

  private static OnnxAttribute readAttribute(ProtoReader r, String node) {
    String name = "";
    float f = 0;
    long i = 0;
    String s = null;
    TensorData t = null;
    IntStream.Builder floats = IntStream.builder();
    LongStream.Builder ints = LongStream.builder();
    long type = 0;
    List<Integer> seen = new ArrayList<>();
    while (r.hasMore()) {
      int field = r.next();
      seen.add(field);
      switch (field) {
        case 1 -> name = r.string(); // name
        case 2 -> f = r.float32(); // f
        case 3 -> i = r.varint(); // i
        case 4 -> s = r.string(); // s (bytes; Hone's are UTF-8 text)
        case 5 -> t = readTensor(r.message("TensorProto")); // t
        case 7 -> r.fixed32s(floats); // floats
        case 8 -> r.varints(ints); // ints
        case 20 -> type = r.varint(); // type
        default -> r.skip();
      }
    }
    if (type == 0) {
      // IR version 1 files carry no type; the one value field present says what it is.
      type = seen.contains(2) ? 1 : seen.contains(3) ? 2 : seen.contains(4) ? 3
          : seen.contains(5) ? 4 : seen.contains(7) ? 6 : seen.contains(8) ? 7 : 0;
    }
    String where = "attribute '" + name + "' of " + node;
    return switch ((int) type) {
      case 1 -> OnnxAttribute.ofFloat(name, f);
      case 2 -> OnnxAttribute.ofInt(name, i);
      case 3 -> OnnxAttribute.ofString(name, s == null ? "" : s);
      case 4 -> {
        if (t == null) {
          throw new OnnxFormatException("invalid ONNX model: " + where
              + " has type TENSOR but no tensor");
        }
        yield OnnxAttribute.ofTensor(name, t);
      }
      case 6 -> {
        int[] bits = floats.build().toArray();
        float[] values = new float[bits.length];
        for (int k = 0; k < bits.length; k++) {
          values[k] = Float.intBitsToFloat(bits[k]);
        }
        yield OnnxAttribute.ofFloats(name, values);
      }
      case 7 -> OnnxAttribute.ofInts(name, ints.build().toArray());
      default -> throw new OnnxFormatException("unsupported ONNX model: " + where + " has type "
          + type + "; Hone reads FLOAT(1), INT(2), STRING(3), TENSOR(4), FLOATS(6), INTS(7)");
    };
  }

  private static TensorData readTensor(ProtoReader r) {
    LongStream.Builder dimsIn = LongStream.builder();
    long dataType = 0;
    IntStream.Builder floatData = IntStream.builder();
    LongStream.Builder int32Data = LongStream.builder();
    LongStream.Builder int64Data = LongStream.builder();
    String name = "";
    byte[] raw = null;
    String doc = "";
    long dataLocation = 0;
    while (r.hasMore()) {
      switch (r.next()) {
        case 1 -> r.varints(dimsIn); // dims
        case 2 -> dataType = r.varint(); // data_type
        case 4 -> r.fixed32s(floatData); // float_data
        case 5 -> r.varints(int32Data); // int32_data
        case 7 -> r.varints(int64Data); // int64_data
        case 8 -> name = r.string(); // name
        case 9 -> raw = r.bytes(); // raw_data
        case 12 -> doc = r.string(); // doc_string
        case 14 -> dataLocation = r.varint(); // data_location
        default -> r.skip();
      }
    }
    String what = "tensor '" + name + "'";
    if (dataLocation == 1) {
      throw new OnnxFormatException("unsupported ONNX model: " + what + " keeps its data in an"
          + " external file (data_location EXTERNAL), which Hone does not read");
    }
    ElementType type;
    try {
      type = ElementType.fromCode(dataType);
    } catch (OnnxFormatException e) {
      throw new OnnxFormatException("unsupported ONNX model: " + what + ": " + e.getMessage(), e);
    }
    long[] dims = dimsIn.build().toArray();
    int[] floats = floatData.build().toArray();
    long[] int32s = int32Data.build().toArray();
    long[] int64s = int64Data.build().toArray();
    int typedFields = (floats.length > 0 ? 1 : 0) + (int32s.length > 0 ? 1 : 0)
        + (int64s.length > 0 ? 1 : 0);
    if (typedFields > 1 || (typedFields == 1 && raw != null)) {
      throw new OnnxFormatException("invalid ONNX model: " + what + " has its data in more than"
          + " one of raw_data, float_data, int32_data and int64_data");
    }
    byte[] data = raw != null ? raw
        : floats.length > 0 ? typed(what, dims, type, "float_data", floats.length,
            List.of(ElementType.FLOAT), (b, k) -> b.putInt(floats[k]))
        : int32s.length > 0 ? typed(what, dims, type, "int32_data", int32s.length,
            INT32_DATA_TYPES, (b, k) -> putLow(b, int32s[k], type.bytes()))
        : int64s.length > 0 ? typed(what, dims, type, "int64_data", int64s.length,
            List.of(ElementType.INT64), (b, k) -> b.putLong(int64s[k]))
        : new byte[0];
    return TensorData.ofRaw(name, type, dims, data).withDocString(doc);
  }

  private interface Put {
    void put(ByteBuffer b, int index);
  }

  /** Turns the values of a typed data field into the little-endian bytes raw_data would hold. */
  private static byte[] typed(String what, long[] dims, ElementType type, String field, int count,
      List<ElementType> allowed, Put put) {
    if (!allowed.contains(type)) {
      throw new OnnxFormatException("invalid ONNX model: " + what + " of " + type + " has "
          + field + ", which holds only " + allowed);
    }
    long need = TensorData.checkedCount(what, dims);
    if (need != count) {
      throw new OnnxFormatException("invalid ONNX model: " + what + " has " + count
          + " values in " + field + " but dims " + Arrays.toString(dims) + " of " + type
          + " need " + need);
    }
    ByteBuffer b = ByteBuffer.allocate(count * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < count; k++) {
      put.put(b, k);
    }
    return b.array();
  }

  private static void putLow(ByteBuffer b, long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      b.put((byte) (value >>> (8 * i)));
    }
  }

  private static OnnxValueInfo readValueInfo(ProtoReader r) {
    String name = "";
    ProtoReader type = null;
    while (r.hasMore()) {
      switch (r.next()) {
        case 1 -> name = r.string(); // name
        case 2 -> type = r.message("TypeProto"); // type
        default -> r.skip();
      }
    }
    String what = "value '" + name + "'";
    ProtoReader tensor = null;
    while (type != null && type.hasMore()) {
      int field = type.next();
      if (field == 1) {
        tensor = type.message("TypeProto.Tensor"); // tensor_type
      } else if (field == 6) { // denotation
        type.skip();
      } else {
        throw new OnnxFormatException("unsupported ONNX model: " + what + " is not a tensor"
            + " (TypeProto field " + field + "); Hone reads tensor values only");
      }
    }
    if (tensor == null) {
      throw new OnnxFormatException("unsupported ONNX model: " + what + " has no tensor type");
    }
    long elemType = 0;
    List<Dim> shape = null;
    while (tensor.hasMore()) {
      switch (tensor.next()) {
        case 1 -> elemType = tensor.varint(); // elem_type
        case 2 -> shape = readShape(tensor.message("TensorShapeProto")); // shape
        default -> tensor.skip();
      }
    }
    ElementType t;
    try {
      t = ElementType.fromCode(elemType);
    } catch (OnnxFormatException e) {
      throw new OnnxFormatException("unsupported ONNX model: " + what + ": " + e.getMessage(), e);
    }
    return new OnnxValueInfo(name, t, Optional.ofNullable(shape));
  }

  private static List<Dim> readShape(ProtoReader r) {
    List<Dim> dims = new ArrayList<>();
    while (r.hasMore()) {
      if (r.next() != 1) {
        r.skip();
        continue;
      }
      ProtoReader d = r.message("TensorShapeProto.Dimension"); // dim
      Dim dim = Dim.unknown();
      while (d.hasMore()) {
        switch (d.next()) {
          case 1 -> dim = Dim.of(d.varint()); // dim_value
          case 2 -> dim = symbolicDim(d.string()); // dim_param
          default -> d.skip();
        }
      }
      dims.add(dim);
    }
    return dims;
  }

  private static Dim symbolicDim(String param) {
    return param.isEmpty() ? Dim.unknown() : Dim.symbolic(param);
  }
}
