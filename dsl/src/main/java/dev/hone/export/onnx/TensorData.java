package dev.hone.export.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An ONNX tensor value ({@code TensorProto}): a name, an element type, dims and the elements as
 * little-endian bytes, which is how they are written ({@code raw_data}). Used for initializers
 * and for tensor attributes. Immutable: arrays are copied in and out.
 *
 * <p>Named {@code TensorData} so that it does not clash with ONNX Runtime's {@code OnnxTensor},
 * which holds a live tensor in native memory.
 *
 * <pre>{@code
 * TensorData w = TensorData.floats("w0", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
 * w.floats();        // {1, 2, 3, 4, 5, 6}
 * w.rawData().length // 24
 * }</pre>
 */
public final class TensorData {

  private final String name;
  private final ElementType type;
  private final long[] dims;
  private final byte[] raw;
  private final String docString;

  private TensorData(String name, ElementType type, long[] dims, byte[] raw, String docString) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.dims = dims.clone();
    this.raw = raw;
    this.docString = Objects.requireNonNull(docString, "docString");
    long count = checkedCount("tensor '" + name + "'", this.dims);
    long need = count * type.bytes();
    if (need != raw.length) {
      throw new IllegalArgumentException("tensor '" + name + "' has " + raw.length
          + " bytes of raw_data but dims " + Arrays.toString(this.dims) + " of " + type
          + " need " + need);
    }
  }

  /**
   * A tensor from its little-endian element bytes, as stored in {@code raw_data}.
   *
   * <pre>{@code
   * TensorData.ofRaw("zp", ElementType.UINT8, new long[] {}, new byte[] {(byte) 128});
   * }</pre>
   *
   * @param name the tensor name ("" for an unnamed attribute value)
   * @param type the element type
   * @param dims the dims, each {@code >= 0}; empty for a scalar
   * @param littleEndian the element bytes, {@code product(dims) * type.bytes()} of them
   * @return the tensor
   * @throws IllegalArgumentException naming the tensor, the dims and the byte count when they
   *     disagree
   */
  public static TensorData ofRaw(String name, ElementType type, long[] dims, byte[] littleEndian) {
    return new TensorData(name, type, dims, littleEndian.clone(), "");
  }

  /**
   * A {@link ElementType#FLOAT} tensor.
   *
   * <pre>{@code
   * TensorData.floats("b0", new long[] {3}, new float[] {0.1f, 0.2f, 0.3f});
   * }</pre>
   *
   * @param name the tensor name
   * @param dims the dims
   * @param values the elements in row-major order
   * @return the tensor
   * @throws IllegalArgumentException when the number of values does not match the dims
   */
  public static TensorData floats(String name, long[] dims, float[] values) {
    checkCount(name, dims, values.length);
    ByteBuffer b = buffer(values.length * 4);
    b.asFloatBuffer().put(values);
    return new TensorData(name, ElementType.FLOAT, dims, b.array(), "");
  }

  /**
   * An {@link ElementType#INT8} tensor.
   *
   * @param name the tensor name
   * @param dims the dims
   * @param values the elements in row-major order
   * @return the tensor
   * @throws IllegalArgumentException when the number of values does not match the dims
   */
  public static TensorData int8(String name, long[] dims, byte[] values) {
    checkCount(name, dims, values.length);
    return new TensorData(name, ElementType.INT8, dims, values.clone(), "");
  }

  /**
   * A {@link ElementType#UINT8} tensor; each byte is read as unsigned ({@code b & 0xFF}).
   *
   * <pre>{@code
   * TensorData.uint8("x_zero_point", new long[] {}, new byte[] {(byte) 128});
   * }</pre>
   *
   * @param name the tensor name
   * @param dims the dims
   * @param values the elements in row-major order
   * @return the tensor
   * @throws IllegalArgumentException when the number of values does not match the dims
   */
  public static TensorData uint8(String name, long[] dims, byte[] values) {
    checkCount(name, dims, values.length);
    return new TensorData(name, ElementType.UINT8, dims, values.clone(), "");
  }

  /**
   * An {@link ElementType#INT32} tensor.
   *
   * @param name the tensor name
   * @param dims the dims
   * @param values the elements in row-major order
   * @return the tensor
   * @throws IllegalArgumentException when the number of values does not match the dims
   */
  public static TensorData int32(String name, long[] dims, int[] values) {
    checkCount(name, dims, values.length);
    ByteBuffer b = buffer(values.length * 4);
    b.asIntBuffer().put(values);
    return new TensorData(name, ElementType.INT32, dims, b.array(), "");
  }

  /**
   * An {@link ElementType#INT64} tensor, e.g. a shape for {@code Reshape}.
   *
   * <pre>{@code
   * TensorData.int64("shape", new long[] {2}, new long[] {-1, 784});
   * }</pre>
   *
   * @param name the tensor name
   * @param dims the dims
   * @param values the elements in row-major order
   * @return the tensor
   * @throws IllegalArgumentException when the number of values does not match the dims
   */
  public static TensorData int64(String name, long[] dims, long[] values) {
    checkCount(name, dims, values.length);
    ByteBuffer b = buffer(values.length * 8);
    b.asLongBuffer().put(values);
    return new TensorData(name, ElementType.INT64, dims, b.array(), "");
  }

  /**
   * A {@link ElementType#FLOAT16} tensor from the 16 bits of each half-precision value.
   *
   * @param name the tensor name
   * @param dims the dims
   * @param bits the binary16 bit patterns in row-major order
   * @return the tensor
   * @throws IllegalArgumentException when the number of values does not match the dims
   */
  public static TensorData float16(String name, long[] dims, short[] bits) {
    return halves(name, ElementType.FLOAT16, dims, bits);
  }

  /**
   * A {@link ElementType#BFLOAT16} tensor from the 16 bits of each value (the upper half of a
   * binary32).
   *
   * @param name the tensor name
   * @param dims the dims
   * @param bits the bfloat16 bit patterns in row-major order
   * @return the tensor
   * @throws IllegalArgumentException when the number of values does not match the dims
   */
  public static TensorData bfloat16(String name, long[] dims, short[] bits) {
    return halves(name, ElementType.BFLOAT16, dims, bits);
  }

  private static TensorData halves(String name, ElementType type, long[] dims, short[] bits) {
    checkCount(name, dims, bits.length);
    ByteBuffer b = buffer(bits.length * 2);
    b.asShortBuffer().put(bits);
    return new TensorData(name, type, dims, b.array(), "");
  }

  /**
   * The tensor name.
   *
   * @return the name, "" when unnamed
   */
  public String name() {
    return name;
  }

  /**
   * The element type.
   *
   * @return the element type
   */
  public ElementType type() {
    return type;
  }

  /**
   * The dims.
   *
   * @return a copy of the dims; empty for a scalar
   */
  public long[] dims() {
    return dims.clone();
  }

  /**
   * The number of elements: the product of the dims.
   *
   * @return the element count, 1 for a scalar
   */
  public int elementCount() {
    return raw.length / type.bytes();
  }

  /**
   * The element bytes as written to {@code raw_data}.
   *
   * @return a copy of the little-endian bytes
   */
  public byte[] rawData() {
    return raw.clone();
  }

  /**
   * The documentation string.
   *
   * @return the doc string, "" when none
   */
  public String docString() {
    return docString;
  }

  /**
   * A copy with another name.
   *
   * @param newName the name
   * @return the renamed tensor
   */
  public TensorData withName(String newName) {
    return new TensorData(newName, type, dims, raw, docString);
  }

  /**
   * A copy with a documentation string.
   *
   * @param doc the doc string
   * @return the documented tensor
   */
  public TensorData withDocString(String doc) {
    return new TensorData(name, type, dims, raw, doc);
  }

  /**
   * The elements of a {@link ElementType#FLOAT} tensor.
   *
   * @return the values in row-major order
   * @throws IllegalStateException when the tensor has another element type
   */
  public float[] floats() {
    float[] out = new float[elementCount()];
    view(ElementType.FLOAT).asFloatBuffer().get(out);
    return out;
  }

  /**
   * The elements of an {@link ElementType#INT8} tensor.
   *
   * @return the values in row-major order
   * @throws IllegalStateException when the tensor has another element type
   */
  public byte[] int8s() {
    view(ElementType.INT8);
    return raw.clone();
  }

  /**
   * The elements of a {@link ElementType#UINT8} tensor; read each as {@code b & 0xFF}.
   *
   * @return the values in row-major order
   * @throws IllegalStateException when the tensor has another element type
   */
  public byte[] uint8s() {
    view(ElementType.UINT8);
    return raw.clone();
  }

  /**
   * The elements of an {@link ElementType#INT32} tensor.
   *
   * @return the values in row-major order
   * @throws IllegalStateException when the tensor has another element type
   */
  public int[] ints() {
    int[] out = new int[elementCount()];
    view(ElementType.INT32).asIntBuffer().get(out);
    return out;
  }

  /**
   * The elements of an {@link ElementType#INT64} tensor.
   *
   * @return the values in row-major order
   * @throws IllegalStateException when the tensor has another element type
   */
  public long[] longs() {
    long[] out = new long[elementCount()];
    view(ElementType.INT64).asLongBuffer().get(out);
    return out;
  }

  /**
   * The bit patterns of a {@link ElementType#FLOAT16} or {@link ElementType#BFLOAT16} tensor.
   *
   * @return the 16-bit patterns in row-major order
   * @throws IllegalStateException when the tensor has another element type
   */
  public short[] halfBits() {
    if (type != ElementType.FLOAT16 && type != ElementType.BFLOAT16) {
      throw new IllegalStateException(
          "tensor '" + name + "' is " + type + ", not FLOAT16 or BFLOAT16");
    }
    short[] out = new short[elementCount()];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  private ByteBuffer view(ElementType wanted) {
    if (type != wanted) {
      throw new IllegalStateException("tensor '" + name + "' is " + type + ", not " + wanted);
    }
    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void checkCount(String name, long[] dims, int values) {
    long need = checkedCount("tensor '" + name + "'", dims);
    if (need != values) {
      throw new IllegalArgumentException("tensor '" + name + "' has " + values
          + " values but dims " + Arrays.toString(dims) + " need " + need);
    }
  }

  /** The product of the dims, checked: none negative, at most {@code Integer.MAX_VALUE}. */
  static long checkedCount(String what, long[] dims) {
    long count = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException(
            what + " has a negative dim: " + Arrays.toString(dims));
      }
      try {
        count = Math.multiplyExact(count, d);
      } catch (ArithmeticException e) {
        count = Long.MAX_VALUE;
      }
    }
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " has dims " + Arrays.toString(dims)
          + ", more elements than Hone can hold (" + Integer.MAX_VALUE + ")");
    }
    return count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorData t && name.equals(t.name) && type == t.type
        && Arrays.equals(dims, t.dims) && Arrays.equals(raw, t.raw)
        && docString.equals(t.docString);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(dims), Arrays.hashCode(raw), docString);
  }

  @Override
  public String toString() {
    return "TensorData[" + name + " " + type + " " + Arrays.toString(dims) + "]";
  }
}
