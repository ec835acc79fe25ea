package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Split;
import dev.hone.train.StopReason;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactFileTest {

  private static final Split BLOBS = Fixtures.blobs(600, 8, 3, 0.8, 7).split(0.25, 1);
  private static final TrainConfig QUIET =
      Train.epochs(4).batchSize(32).adam(1e-2).listener(TrainingListener.NONE);
  private static final TrainedModel MODEL =
      Model.mlp(8, 64, 32, 3).train(BLOBS.train(), QUIET);

  @TempDir
  Path dir;

  private void roundTrip(Network m, Class<? extends Network> form) {
    Path file = dir.resolve(m.form() + ".hone");
    long written = m.save(file);
    assertEquals(written, m.fileBytes(), "fileBytes() is the size of the real file");
    Network back = Model.load(file);
    assertInstanceOf(form, back);
    assertArrayEquals(m.logits(BLOBS.test()), back.logits(BLOBS.test()),
        "predictions differ after loading");
    for (int i = 0; i < m.layers().size(); i++) {
      assertEquals(m.layers().get(i), back.layers().get(i));
    }
    assertEquals(m.provenance(), back.provenance());
    assertEquals(m.history(), back.history());
  }

  @Test
  void a_pruned_model_round_trips_bit_for_bit() {
    roundTrip(MODEL.prune(0.8).fineTune(BLOBS.train(), QUIET), PrunedModel.class);
  }

  @Test
  void a_clustered_model_round_trips_bit_for_bit() {
    roundTrip(MODEL.prune(0.5).cluster(4), ClusteredModel.class);
    roundTrip(MODEL.cluster(8), ClusteredModel.class);
  }

  @Test
  void masks_round_trip_as_bitmaps_and_as_gaps() {
    // Half-pruned layers store their mask as a bitmap, 97%-pruned ones as gaps.
    roundTrip(MODEL.prune(0.5), PrunedModel.class);
    roundTrip(MODEL.prune(0.97), PrunedModel.class);
    roundTrip(MODEL.prune(0.97).cluster(2), ClusteredModel.class);
  }

  @Test
  void a_dense_model_round_trips_bit_for_bit() {
    roundTrip(MODEL, TrainedModel.class);
  }

  @Test
  void the_file_shrinks_with_sparsity_and_shared_weights() {
    long dense = MODEL.fileBytes();
    long half = MODEL.prune(0.5).fileBytes();
    long tenth = MODEL.prune(0.9).fileBytes();
    long shared = MODEL.prune(0.9).cluster(4).fileBytes();
    assertTrue(half < dense && tenth < half && shared < tenth,
        dense + " > " + half + " > " + tenth + " > " + shared);
    assertTrue(MODEL.prune(0.9).cluster(4).compressionRatio() > 4,
        "ratio " + MODEL.prune(0.9).cluster(4).compressionRatio());
  }

  @Test
  void a_file_saved_by_format_version_1_still_loads() throws IOException {
    Path file = dir.resolve("v1.hone");
    try (InputStream in = getClass().getResourceAsStream("mlp-6-5-3-format-v1.hone")) {
      Files.copy(in, file);
    }
    TrainedModel m = Model.load(file, TrainedModel.class);
    assertEquals(List.of(6, 5, 3), m.spec().widths());
    // Values printed when the file was written with the version 1 code.
    assertArrayEquals(new float[] {0.8863907f, -0.82750034f, -0.26839966f, -0.4559992f,
        0.025660297f, 0.2601632f, -0.66038144f, 0.6795033f, -0.43370453f, -0.49155015f,
        0.17306307f, 0.80283713f, -0.1940942f, -0.84223306f, -0.7201844f},
        m.layers().get(1).weights());
    assertArrayEquals(new int[] {1, 2, 2}, m.predict(new float[][] {{1, 0, 0, 0, 0, 0},
        {0, 0, 3, 0, 0, 0}, {0, 3, 0, 0, 0, 0}}));
    assertEquals("mlp(6,5,3) > train(epochs=2, batch=16, adam(lr=0.01), seed=7, data=blobs-v1)",
        m.provenance().toString());
    assertEquals("7", m.provenance().last("train").orElseThrow().param("seed").orElseThrow());
    assertEquals(2, m.history().epochs().size());
    assertEquals(StopReason.COMPLETED, m.history().stopReason());
  }

  @Test
  void a_truncated_compact_file_is_rejected_with_its_name() throws IOException {
    Path file = dir.resolve("p.hone");
    MODEL.prune(0.9).cluster(4).save(file);
    byte[] b = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(b, b.length - 7));
    var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void a_changed_byte_in_a_compact_file_is_reported_as_corrupt() throws IOException {
    Path file = dir.resolve("p.hone");
    MODEL.prune(0.9).save(file);
    byte[] b = Files.readAllBytes(file);
    b[b.length - 20] ^= 0x10;
    Files.write(file, b);
    var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void a_header_with_impossible_sizes_is_rejected_before_anything_is_allocated()
      throws IOException {
    Path file = dir.resolve("p.hone");
    MODEL.prune(0.9).save(file);
    byte[] b = Files.readAllBytes(file);
    int headerLength = java.nio.ByteBuffer.wrap(b, 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .getInt();
    String header = new String(b, 16, headerLength, java.nio.charset.StandardCharsets.UTF_8);
    // Same length, so the rest of the file stays in place; then a valid CRC over the change.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"kept\":(\\d+)")
        .matcher(header);
    assertTrue(m.find(), header);
    String forged = header.substring(0, m.start(1)) + "9".repeat(m.group(1).length())
        + header.substring(m.end(1));
    byte[] f = forged.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    System.arraycopy(f, 0, b, 16, f.length);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b, 0, b.length - 4);
    java.nio.ByteBuffer.wrap(b, b.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt((int) crc.getValue());
    Files.write(file, b);
    var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("corrupt"),
        e.getMessage());
  }

  @Test
  void loading_as_the_wrong_form_names_both() throws IOException {
    Path file = dir.resolve("p.hone");
    MODEL.prune(0.5).save(file);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Model.load(file, TrainedModel.class));
    assertTrue(e.getMessage().contains("pruned") && e.getMessage().contains("TrainedModel"),
        e.getMessage());
  }

  @Test
  void an_unwritable_path_fails_clearly_and_leaves_nothing_behind() throws IOException {
    Path missing = dir.resolve("no-such-dir").resolve("m.hone");
    var e = assertThrows(UncheckedIOException.class, () -> MODEL.prune(0.5).save(missing));
    assertTrue(e.getMessage().contains("no-such-dir"), e.getMessage());
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    assertTrue(readOnly.toFile().setWritable(false));
    try {
      if (Files.isWritable(readOnly)) {
        return; // root ignores directory permissions; the missing-directory case above stands
      }
      assertThrows(UncheckedIOException.class, () -> MODEL.save(readOnly.resolve("m.hone")));
      try (var files = Files.list(readOnly)) {
        assertFalse(files.findAny().isPresent());
      }
    } finally {
      readOnly.toFile().setWritable(true);
    }
  }
}
