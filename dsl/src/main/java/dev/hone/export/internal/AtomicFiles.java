package dev.hone.export.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes whole files so that a reader never sees half of one and a failure leaves nothing. */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes the bytes to a new file beside the target, forces them to disk, then moves the file
   * over the target (atomically where the file system can).
   *
   * @param bytes the content
   * @param file the target; its directory must exist
   * @param what names the content in errors, e.g. {@code "model"} or {@code "ONNX model"}
   * @return the number of bytes written
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static long write(byte[] bytes, Path file, String what) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UncheckedIOException(new IOException("could not write " + what + " to " + file
          + ": the directory " + dir + " does not exist; create it first"));
    }
    Path tmp = null;
    try {
      // A new file rather than Files.createTempFile, whose 0600 mode would outlive the move;
      // CREATE_NEW keeps the umask's permissions and never touches an existing file.
      Path candidate = dir.resolve("." + target.getFileName() + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try (FileChannel ch = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        tmp = candidate;
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      return bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + what + " to " + file + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original error matters more than a leftover temporary file
        }
      }
    }
  }
}
