package dev.hone.export.onnx;

/**
 * The tensor element types Hone exports, with their {@code TensorProto.DataType} codes.
 *
 * <pre>{@code
 * ElementType.fromCode(10);   // FLOAT16
 * ElementType.INT8.bytes();   // 1
 * }</pre>
 */
public enum ElementType {
  /** IEEE 754 binary32. */
  FLOAT(1, 4),
  /** Unsigned 8-bit integer. */
  UINT8(2, 1),
  /** Signed 8-bit integer. */
  INT8(3, 1),
  /** Signed 32-bit integer. */
  INT32(6, 4),
  /** Signed 64-bit integer. */
  INT64(7, 8),
  /** IEEE 754 binary16, kept as its 16 bits. */
  FLOAT16(10, 2),
  /** The upper 16 bits of a binary32 (brain floating point), kept as its 16 bits. */
  BFLOAT16(16, 2);

  private final int code;
  private final int bytes;

  ElementType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /**
   * The {@code TensorProto.DataType} code.
   *
   * @return the code, e.g. 1 for {@link #FLOAT}
   */
  public int code() {
    return code;
  }

  /**
   * The size of one element in bytes.
   *
   * @return 1, 2, 4 or 8
   */
  public int bytes() {
    return bytes;
  }

  /**
   * The element type with the given {@code TensorProto.DataType} code.
   *
   * @param code the code
   * @return the element type
   * @throws OnnxFormatException when the code is not one of the types listed here
   */
  public static ElementType fromCode(long code) {
    for (ElementType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    StringBuilder supported = new StringBuilder();
    for (ElementType t : values()) {
      supported.append(supported.length() == 0 ? "" : ", ").append(t).append('=').append(t.code);
    }
    throw new OnnxFormatException(
        "element type " + code + " is not supported (supported: " + supported + ")");
  }
}
