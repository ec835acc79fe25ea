package dev.hone.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, so the reader is checked against files we fully control. */
final class IdxTestFiles {

  private IdxTestFiles() {}

  /** Returns the raw IDX bytes: 00 00 08 rank, the dims as big-endian ints, then the data. */
  static byte[] idx(int[] dims, byte[] data) {
    ByteBuffer out = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    out.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) {
      out.putInt(d);
    }
    return out.put(data).array();
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code count} images of {@code h x w} pixels whose values follow a simple pattern. */
  static Path images(Path file, int count, int h, int w, boolean gzip) {
    byte[] data = new byte[count * h * w];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 % 256);
    }
    byte[] raw = idx(new int[] {count, h, w}, data);
    return write(file, gzip ? gzip(raw) : raw);
  }

  static Path labels(Path file, int[] labels, boolean gzip) {
    byte[] data = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      data[i] = (byte) labels[i];
    }
    byte[] raw = idx(new int[] {labels.length}, data);
    return write(file, gzip ? gzip(raw) : raw);
  }
}
