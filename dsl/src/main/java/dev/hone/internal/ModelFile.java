package dev.hone.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.hone.model.Activation;
import dev.hone.model.Dense;
import dev.hone.model.MlpSpec;
import dev.hone.model.Provenance;
import dev.hone.model.TrainedModel;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.StopReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads and writes Hone's model file ({@code .hone}), described in {@code docs/model-format.md}:
 * magic, version, a JSON header (spec, provenance, history, layer shapes), the parameters as
 * little-endian float32, and a CRC-32 of everything before it.
 */
public final class ModelFile {

  static final byte[] MAGIC = "HONEMODL".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().create();

  private ModelFile() {}

  /** The JSON header. Field names are part of the format. */
  static final class Header {
    List<Integer> widths;
    String activation;
    List<String> provenance;
    List<EpochStats> history;
    String stopReason;
    String stopNote;
  }

  /**
   * Writes the model atomically: to a temporary file in the same directory, flushed to disk,
   * then renamed over the target.
   *
   * @param model the model
   * @param file the target
   * @return bytes written
   */
  public static long write(TrainedModel model, Path file) {
    Header h = new Header();
    h.widths = model.spec().widths();
    h.activation = model.spec().activation().name();
    h.provenance = model.provenance().steps();
    h.history = model.history().epochs();
    h.stopReason = model.history().stopReason().name();
    h.stopNote = model.history().stopNote();
    byte[] header = GSON.toJson(h).getBytes(StandardCharsets.UTF_8);
    long floats = model.parameterCount();
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 8 + header.length
        + floats * 4 + 4)).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(VERSION).putInt(header.length).put(header);
    for (Dense d : model.layers()) {
      buf.asFloatBuffer().put(d.weightBuffer());
      buf.position(buf.position() + d.inputs() * d.outputs() * 4);
      buf.asFloatBuffer().put(d.biasBuffer());
      buf.position(buf.position() + d.outputs() * 4);
    }
    CRC32 crc = new CRC32();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        buf.flip();
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
      return buf.limit();
    } catch (IOException e) {
      throw new UncheckedIOException("could not save model to " + file + ": " + e.getMessage(), e);
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

  /**
   * Reads a model file, checking magic, version, sizes and checksum.
   *
   * @param file the file
   * @return the model
   */
  public static TrainedModel read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read model file " + file + ": " + e, e);
    }
    String where = "model file " + file;
    int minimum = MAGIC.length + 8 + 4;
    if (bytes.length < minimum) {
      throw new IllegalArgumentException(where + " has " + bytes.length + " bytes; a Hone model"
          + " file has at least " + minimum + " (is it truncated?)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new IllegalArgumentException(where + " is not a Hone model file: it does not start"
            + " with 'HONEMODL' (save models with model.save(path))");
      }
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version != VERSION) {
      throw new IllegalArgumentException(where + " has format version " + version
          + "; this Hone reads version " + VERSION);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN)
        .getInt();
    if (stored != (int) crc.getValue()) {
      throw new IllegalArgumentException(where + " is corrupt: its CRC-32 is "
          + Integer.toHexString(stored) + " but the content gives "
          + Long.toHexString(crc.getValue()) + " (truncated or changed after saving)");
    }
    int headerLength = buf.getInt();
    if (headerLength <= 0 || headerLength > bytes.length - minimum) {
      throw new IllegalArgumentException(where + " has a header length of " + headerLength
          + " bytes, more than the file holds");
    }
    Header h;
    try {
      h = GSON.fromJson(new String(bytes, buf.position(), headerLength, StandardCharsets.UTF_8),
          Header.class);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(where + " has an unreadable header: " + e.getMessage(),
          e);
    }
    if (h == null || h.widths == null || h.activation == null || h.provenance == null) {
      throw new IllegalArgumentException(where + " has a header without widths, activation or"
          + " provenance");
    }
    buf.position(buf.position() + headerLength);
    MlpSpec spec = new MlpSpec(h.widths, Activation.valueOf(h.activation));
    long expected = spec.parameterCount() * 4L;
    if (buf.remaining() - 4 != expected) {
      throw new IllegalArgumentException(where + " holds " + (buf.remaining() - 4)
          + " parameter bytes but " + spec + " needs " + expected);
    }
    List<Dense> layers = new ArrayList<>();
    for (int i = 0; i + 1 < h.widths.size(); i++) {
      int in = h.widths.get(i);
      int out = h.widths.get(i + 1);
      float[] w = new float[in * out];
      float[] b = new float[out];
      buf.asFloatBuffer().get(w);
      buf.position(buf.position() + w.length * 4);
      buf.asFloatBuffer().get(b);
      buf.position(buf.position() + b.length * 4);
      layers.add(new Dense(in, out, w, b));
    }
    History history = new History(h.history == null ? List.of() : h.history,
        h.stopReason == null ? StopReason.COMPLETED : StopReason.valueOf(h.stopReason),
        h.stopNote == null ? "" : h.stopNote);
    return new TrainedModel(spec, layers, history, new Provenance(h.provenance));
  }
}
