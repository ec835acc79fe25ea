package dev.hone.export.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Reads one protobuf message from a byte array without copying nested messages: each nested
 * message is a reader over a slice of the same array, so byte offsets in errors are offsets in the
 * whole input. Every length is checked against what is left before anything is allocated.
 *
 * <pre>{@code
 * while (r.hasMore()) {
 *   switch (r.next()) {
 *     case 1 -> irVersion = r.varint();
 *     default -> r.skip();
 *   }
 * }
 * }</pre>
 */
final class ProtoReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] data;
  private final int end;
  private final String message;
  private int pos;
  private int field;
  private int wireType;
  private int tagAt;

  ProtoReader(byte[] data, String message) {
    this(data, 0, data.length, message);
  }

  private ProtoReader(byte[] data, int start, int end, String message) {
    this.data = data;
    this.pos = start;
    this.end = end;
    this.message = message;
  }

  boolean hasMore() {
    return pos < end;
  }

  /** Reads the next tag and returns its field number; the value is read by one of the getters. */
  int next() {
    tagAt = pos;
    long tag = rawVarint();
    field = (int) (tag >>> 3);
    wireType = (int) (tag & 7);
    if (tag >>> 3 > 0x1FFF_FFFFL || field == 0) {
      throw error("invalid field number " + (tag >>> 3) + " in " + message + " at byte " + tagAt);
    }
    if (wireType == 3 || wireType == 4) {
      throw error("field " + field + " of " + message + " at byte " + tagAt
          + " is a protobuf group (wire type " + wireType + "), which ONNX does not use");
    }
    if (wireType > FIXED32) {
      throw error("invalid wire type " + wireType + " in " + message + " at byte " + tagAt);
    }
    return field;
  }

  long varint() {
    expect(VARINT);
    return rawVarint();
  }

  float float32() {
    expect(FIXED32);
    return Float.intBitsToFloat(rawFixed32());
  }

  String string() {
    expect(LENGTH_DELIMITED);
    int n = length();
    String s = new String(data, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  byte[] bytes() {
    expect(LENGTH_DELIMITED);
    int n = length();
    byte[] b = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return b;
  }

  ProtoReader message(String name) {
    expect(LENGTH_DELIMITED);
    int n = length();
    ProtoReader nested = new ProtoReader(data, pos, pos + n, name);
    pos += n;
    return nested;
  }

  /** A repeated varint field, packed (one length-delimited run) or not (one value per tag). */
  void varints(LongStream.Builder out) {
    if (wireType == LENGTH_DELIMITED) {
      ProtoReader packed = message(message);
      while (packed.hasMore()) {
        out.add(packed.rawVarint());
      }
    } else {
      out.add(varint());
    }
  }

  /** A repeated 32-bit field such as {@code float}, packed or not, as raw bits. */
  void fixed32s(IntStream.Builder out) {
    if (wireType == LENGTH_DELIMITED) {
      int n = length();
      if (n % 4 != 0) {
        throw error("packed field " + field + " of " + message + " at byte " + tagAt + " has "
            + n + " bytes, not a multiple of 4");
      }
      for (int stop = pos + n; pos < stop; ) {
        out.add(rawFixed32());
      }
    } else {
      out.add(Float.floatToRawIntBits(float32()));
    }
  }

  void skip() {
    switch (wireType) {
      case VARINT -> rawVarint();
      case FIXED64 -> advance(8);
      case FIXED32 -> advance(4);
      default -> advance(length());
    }
  }

  private void expect(int wanted) {
    if (wireType != wanted) {
      throw error("field " + field + " of " + message + " has wire type " + wireType
          + ", expected " + wanted + " (at byte " + tagAt + ")");
    }
  }

  private int length() {
    int at = pos;
    long n = rawVarint();
    if (n < 0 || n > end - pos) {
      throw error("length " + Long.toUnsignedString(n) + " at byte " + at + " of field " + field
          + " runs past the end of the " + message + " (" + (end - pos) + " bytes left)");
    }
    return (int) n;
  }

  private void advance(int n) {
    if (n > end - pos) {
      throw error("field " + field + " of " + message + " at byte " + tagAt
          + " runs past the end of the " + message);
    }
    pos += n;
  }

  private int rawFixed32() {
    int at = pos;
    if (end - pos < 4) {
      throw error("truncated 32-bit value at byte " + at + " in " + message);
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (data[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  private long rawVarint() {
    int at = pos;
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw error("truncated varint at byte " + at + " in " + message);
      }
      byte b = data[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw error("varint longer than 10 bytes at byte " + at + " in " + message);
  }

  private static OnnxFormatException error(String what) {
    return new OnnxFormatException("not an ONNX model: " + what);
  }
}
