package dev.hone.spark.internal;

import dev.hone.model.Model;
import dev.hone.model.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model as the bytes of its {@code .hone} file, the form in which it travels to executors.
 * The file format is the one Hone already keeps loadable across versions, so a driver and an
 * executor agree on it, and every form (dense, pruned, clustered, quantized) round-trips with
 * its provenance.
 */
public final class ModelBytes {

  private ModelBytes() {}

  /** Returns the bytes {@code model.save(file)} writes. */
  public static byte[] of(Network model) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("hone-spark-", ".hone");
      model.save(tmp);
      return Files.readAllBytes(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the model to a temporary file: "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Returns the model whose {@code .hone} file these bytes are. */
  public static Network load(byte[] bytes) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("hone-spark-", ".hone");
      Files.write(tmp, bytes);
      return Model.load(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("could not stage the model in a temporary file: "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless; the model is already in memory
      }
    }
  }
}
