package dev.hone.export.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protocol buffers wire format, written by hand: a tag is {@code field << 3 | wireType} as a
 * varint, followed by a varint (wire type 0), four little-endian bytes (5) or a varint length and
 * that many bytes (2). Nested messages are encoded first and then written as length-delimited
 * bytes, which copies each level once but keeps every message a plain function of its value.
 */
final class ProtoWriter {

  /** Protobuf caps a message at 2 GiB; larger models need ONNX external data, not written here. */
  static final long MAX_MESSAGE_BYTES = Integer.MAX_VALUE - 8;

  private byte[] buf = new byte[64];
  private int size;

  void varint(int field, long value) {
    tag(field, ProtoReader.VARINT);
    rawVarint(value);
  }

  void float32(int field, float value) {
    tag(field, ProtoReader.FIXED32);
    int bits = Float.floatToRawIntBits(value);
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (bits >>> (8 * i));
    }
  }

  /** Writes a string field, or nothing when it is empty (proto2 reads an absent string as ""). */
  void optionalString(int field, String value) {
    if (!value.isEmpty()) {
      string(field, value);
    }
  }

  /** Writes a string field even when it is empty: for repeated fields, where "" has a meaning. */
  void string(int field, String value) {
    bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  void bytes(int field, byte[] value) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    rawVarint(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, buf, size, value.length);
    size += value.length;
  }

  void message(int field, ProtoWriter message) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    rawVarint(message.size);
    ensure(message.size);
    System.arraycopy(message.buf, 0, buf, size, message.size);
    size += message.size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buf[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[size++] = (byte) value;
  }

  private void ensure(int more) {
    long needed = (long) size + more;
    if (needed > MAX_MESSAGE_BYTES) {
      throw new IllegalStateException("the ONNX model needs more than " + MAX_MESSAGE_BYTES
          + " bytes, the protobuf limit; models this large need external data, which Hone does"
          + " not write");
    }
    if (needed > buf.length) {
      long grown = Math.min(MAX_MESSAGE_BYTES, Math.max(needed, 2L * buf.length));
      buf = Arrays.copyOf(buf, (int) grown);
    }
  }
}
