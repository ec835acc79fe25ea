package dev.hone.export;

import dev.hone.export.internal.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.hone.layer.Activation;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.StopReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads and writes Hone's model file ({@code .hone}), described in {@code docs/model-format.md}.
 *
 * <p>Version 2 (written now): magic, version, a JSON header whose field names are fixed here
 * (not taken from Java record names), the layers' encodings (dense float32; sparse as a bitmask
 * plus kept values; shared weights as a codebook, a bitmask and bit-packed codes) compressed
 * together with Deflate (LZ77 and Huffman coding; masks as bitmaps, or as gaps between kept
 * weights when shorter), and a CRC-32 of everything before it.
 * Version 1 files (dense float32, header from record field names) still load.
 */
public final class ModelFile {

  static final byte[] MAGIC = "HONEMODL".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 2;
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().create();

  private ModelFile() {}

  /**
   * Encodes a model to the bytes of its file.
   *
   * @param model the model
   * @return the file content
   */
  public static byte[] encode(StoredModel model) {
    V2Header h = V2Header.of(model);
    byte[] header = GSON.toJson(h).getBytes(StandardCharsets.UTF_8);
    byte[] payload = LayerCodec.deflate(LayerCodec.encode(model.layers(), h.layers));
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + 4 + header.length + 4
        + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(VERSION).putInt(header.length).put(header).putInt(payload.length)
        .put(payload);
    CRC32 crc = new CRC32();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  /**
   * Writes the model atomically: to a temporary file in the same directory, flushed to disk,
   * then renamed over the target. Nothing is left behind when writing fails.
   *
   * @param model the model
   * @param file the target
   * @return bytes written
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static long write(StoredModel model, Path file) {
    return AtomicFiles.write(encode(model), file, "model");
  }


  /**
   * Reads a model file of version 1 or 2, checking magic, version, sizes and checksum.
   *
   * @param file the file
   * @return what it holds
   * @throws UncheckedIOException when it cannot be read
   * @throws IllegalArgumentException naming the file when it is not a Hone model or is corrupt
   */
  public static StoredModel read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read model file " + file + ": " + e, e);
    }
    return decode(bytes, "model file " + file);
  }

  /**
   * Decodes the bytes of a model file.
   *
   * @param bytes the content
   * @param where names the source in error messages
   * @return what it holds
   */
  public static StoredModel decode(byte[] bytes, String where) {
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
    if (version != 1 && version != VERSION) {
      throw new IllegalArgumentException(where + " has format version " + version
          + "; this Hone reads versions 1 and " + VERSION);
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
    String json = new String(bytes, buf.position(), headerLength, StandardCharsets.UTF_8);
    buf.position(buf.position() + headerLength);
    try {
      return version == 1 ? readV1(json, buf, where) : readV2(json, buf, where);
    } catch (IllegalArgumentException e) {
      throw e.getMessage() != null && e.getMessage().startsWith(where) ? e
          : new IllegalArgumentException(where + " is corrupt: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A header that parses but holds impossible values (null lists, negative sizes).
      throw new IllegalArgumentException(where + " is corrupt: " + e, e);
    }
  }

  private static <H> H header(String json, Class<H> type, String where) {
    try {
      return GSON.fromJson(json, type);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(where + " has an unreadable header: " + e.getMessage(),
          e);
    }
  }

  private static StoredModel readV2(String json, ByteBuffer buf, String where) {
    V2Header h = header(json, V2Header.class, where);
    if (h == null || h.widths == null || h.activation == null || h.provenance == null
        || h.layers == null || h.form == null) {
      throw new IllegalArgumentException(where + " has a header without form, widths,"
          + " activation, layers or provenance");
    }
    if (buf.remaining() < 8) {
      throw new IllegalArgumentException(where + " ends before its layer section");
    }
    int payloadLength = buf.getInt();
    if (payloadLength < 0 || payloadLength != buf.remaining() - 4) {
      throw new IllegalArgumentException(where + " says its layer section has " + payloadLength
          + " bytes but " + (buf.remaining() - 4) + " remain");
    }
    byte[] payload = new byte[payloadLength];
    buf.get(payload);
    try {
      List<Layer> layers = LayerCodec.decode(LayerCodec.inflate(payload,
          LayerCodec.maxInflated(h.layers)), h.layers, h.widths);
      return new StoredModel(h.form, h.widths, activation(h.activation, where), layers,
          h.provenance(), h.history(), h.preprocessingJson());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is corrupt: " + e.getMessage(), e);
    }
  }

  private static Activation activation(String name, String where) {
    try {
      return Activation.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " names an unknown activation '" + name + "'",
          e);
    }
  }

  /** The version 1 header. Its field names were the Java names of the time. */
  static final class V1Header {
    List<Integer> widths;
    String activation;
    List<String> provenance;
    List<V1Epoch> history;
    String stopReason;
    String stopNote;
  }

  /** One version 1 history entry. */
  static final class V1Epoch {
    int epoch;
    double trainLoss;
    double trainAccuracy;
    double validationLoss;
    double validationAccuracy;
    double learningRate;
    double seconds;
    double samplesPerSecond;
  }

  private static StoredModel readV1(String json, ByteBuffer buf, String where) {
    V1Header h = header(json, V1Header.class, where);
    if (h == null || h.widths == null || h.activation == null || h.provenance == null) {
      throw new IllegalArgumentException(where + " has a header without widths, activation or"
          + " provenance");
    }
    long expected = 0;
    for (int i = 0; i + 1 < h.widths.size(); i++) {
      expected += (long) h.widths.get(i) * h.widths.get(i + 1) + h.widths.get(i + 1);
    }
    expected *= 4;
    if (buf.remaining() - 4 != expected) {
      throw new IllegalArgumentException(where + " holds " + (buf.remaining() - 4)
          + " parameter bytes but widths " + h.widths + " need " + expected);
    }
    List<Layer> layers = new ArrayList<>();
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
    List<EpochStats> epochs = new ArrayList<>();
    if (h.history != null) {
      for (V1Epoch e : h.history) {
        epochs.add(new EpochStats(e.epoch, e.trainLoss, e.trainAccuracy, e.validationLoss,
            e.validationAccuracy, e.learningRate, e.seconds, e.samplesPerSecond, 0));
      }
    }
    History history = new History(epochs,
        h.stopReason == null ? StopReason.COMPLETED : StopReason.valueOf(h.stopReason),
        h.stopNote == null ? "" : h.stopNote);
    return new StoredModel("dense", h.widths, activation(h.activation, where), layers,
        Provenance.parse(h.provenance), history);
  }
}
