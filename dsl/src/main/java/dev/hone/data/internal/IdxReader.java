package dev.hone.data.internal;

import dev.hone.data.DataFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed.
 *
 * <p>The format (LeCun's MNIST page): two zero bytes, a type byte, a byte with the number of
 * dimensions, then each dimension as a big-endian int32, then the values, row-major. Only type
 * {@code 0x08} (unsigned byte) is accepted; it is the one MNIST-like data uses.
 *
 * <p>Reading is strict, because a silently short or padded file would train on garbage: the
 * content must be exactly as long as its header says. Gzip is recognised by its magic bytes
 * ({@code 1f 8b}), not by the file name, since names often lie after a manual download.
 */
public final class IdxReader {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int TYPE_UNSIGNED_BYTE = 0x08;
  // Java arrays top out a little below Integer.MAX_VALUE.
  private static final long MAX_VALUES = Integer.MAX_VALUE - 8L;

  private IdxReader() {}

  /**
   * Reads an IDX file from disk.
   *
   * @param path the file, raw or gzip-compressed
   * @return the decoded file
   * @throws DataFileException when the file is missing, malformed, truncated, too long or not
   *     valid gzip
   * @throws UncheckedIOException when the file cannot be read for another reason
   */
  public static IdxFile read(Path path) {
    Objects.requireNonNull(path, "path");
    String name = path.toString();
    if (!Files.isRegularFile(path)) {
      throw new DataFileException(
          name, "no such file" + (Files.isDirectory(path) ? " (it is a directory)" : "")
              + "; expected an IDX file such as train-images-idx3-ubyte.gz");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an IDX file from a stream, to its end. The caller keeps ownership and closes the
   * stream.
   *
   * @param in the bytes, raw or gzip-compressed
   * @param name the name that error messages show (a path, a resource name)
   * @return the decoded file
   * @throws DataFileException when the content is malformed, truncated, too long or not valid gzip
   * @throws UncheckedIOException when the stream fails for another reason
   */
  public static IdxFile read(InputStream in, String name) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    boolean gzip;
    try {
      buffered.mark(2);
      gzip = buffered.read() == GZIP_MAGIC_1 && buffered.read() == GZIP_MAGIC_2;
      buffered.reset();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
    if (!gzip) {
      try {
        return decode(buffered, name, "file");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
      }
    }
    try {
      return decode(new GZIPInputStream(buffered, 1 << 16), name, "decompressed content");
    } catch (IOException e) {
      // Inside a gzip stream, an I/O error almost always means damaged or cut-off compressed data.
      throw new DataFileException(
          name, "gzip data is corrupt or truncated (" + e.getMessage() + "); expected a complete"
              + " gzip file, download or copy it again", e);
    }
  }

  private static IdxFile decode(InputStream in, String name, String what) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length < 4) {
      throw new DataFileException(
          name, "the " + what + " has " + magic.length + " bytes; expected at least a 4-byte IDX"
              + " header (00 00 08 <dimension count>)");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new DataFileException(
          name, "not an IDX file: starts with " + hex(magic) + "; expected 00 00 08 <dimension"
              + " count>, e.g. 00 00 08 03 for images or 00 00 08 01 for labels");
    }
    int type = magic[2] & 0xFF;
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new DataFileException(
          name, String.format(
              "IDX value type 0x%02X is not supported; expected 0x08 (unsigned byte) as in MNIST",
              type));
    }
    int rank = magic[3] & 0xFF;
    if (rank == 0) {
      throw new DataFileException(name, "IDX header declares 0 dimensions; expected at least 1");
    }
    byte[] dimBytes = in.readNBytes(4 * rank);
    if (dimBytes.length < 4 * rank) {
      throw new DataFileException(
          name, "truncated header: " + rank + " dimensions need " + (4 + 4 * rank)
              + " header bytes but the " + what + " has " + (4 + dimBytes.length));
    }
    ByteBuffer header = ByteBuffer.wrap(dimBytes); // big-endian by default, as IDX is
    int[] dims = new int[rank];
    long values = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = header.getInt();
      if (dims[d] <= 0) {
        throw new DataFileException(
            name, "dimension " + d + " is " + dims[d] + "; expected a positive size");
      }
      values *= dims[d];
      if (values > MAX_VALUES) {
        throw new DataFileException(
            name, "dimensions " + Arrays.toString(dims) + " describe more than " + MAX_VALUES
                + " values; expected a file that fits in one Java array");
      }
    }
    long headerSize = 4L + 4L * rank;
    byte[] data = in.readNBytes((int) values);
    if (data.length < values) {
      throw new DataFileException(
          name, "truncated: header " + Arrays.toString(dims) + " needs " + (headerSize + values)
              + " bytes (" + headerSize + " header + " + values + " data) but the " + what
              + " has " + (headerSize + data.length));
    }
    long extra = in.transferTo(OutputStream.nullOutputStream());
    if (extra > 0) {
      throw new DataFileException(
          name, "the " + what + " has " + (headerSize + values + extra) + " bytes, " + extra
              + " more than the " + (headerSize + values) + " (" + headerSize + " header + "
              + values + " data) that header " + Arrays.toString(dims) + " describes; expected"
              + " exactly that many");
    }
    return new IdxFile(name, dims, data);
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(String.format("%02x", b & 0xFF));
    }
    return out.toString();
  }
}
