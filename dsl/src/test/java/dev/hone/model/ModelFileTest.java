package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Split;
import dev.hone.train.Train;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

  private static final Split BLOBS = Fixtures.blobs(300, 6, 3, 0.5, 3).split(0.3, 2);
  private static TrainedModel model;

  @TempDir
  Path dir;

  @BeforeAll
  static void train() {
    model = Model.mlp(6, 10, 3).train(BLOBS.train(),
        Train.epochs(3).batchSize(32).validation(0.2));
  }

  @Test
  void a_saved_model_loads_back_with_identical_predictions_history_and_provenance()
      throws IOException {
    Path file = dir.resolve("m.hone");
    long bytes = model.save(file);
    assertEquals(Files.size(file), bytes);
    TrainedModel back = Model.load(file, TrainedModel.class);
    assertArrayEquals(model.predict(BLOBS.test().rows()), back.predict(BLOBS.test().rows()));
    for (int i = 0; i < model.layers().size(); i++) {
      assertArrayEquals(model.layers().get(i).weights(), back.layers().get(i).weights());
    }
    assertEquals(model.provenance(), back.provenance());
    assertEquals(model.history(), back.history());
    assertEquals(model.spec(), back.spec());
  }

  @Test
  void saving_leaves_no_temporary_file_behind_and_replaces_an_old_file() throws IOException {
    Path file = dir.resolve("m.hone");
    Files.writeString(file, "old");
    model.save(file);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
    assertEquals(model.provenance(), Model.load(file).provenance());
  }

  @Test
  void a_flipped_byte_is_reported_as_corrupt() throws IOException {
    Path file = dir.resolve("m.hone");
    model.save(file);
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 0x40;
    Files.write(file, b);
    var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
    assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains(file.toString()),
        e.getMessage());
  }

  @Test
  void a_truncated_file_is_rejected() throws IOException {
    Path file = dir.resolve("m.hone");
    model.save(file);
    byte[] b = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(b, b.length - 100));
    var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void a_file_of_another_kind_is_not_taken_for_a_model() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "these are not the weights you are looking for");
    var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
    assertTrue(e.getMessage().contains("not a Hone model file"), e.getMessage());
  }

  @Test
  void a_missing_file_says_which() {
    Path file = dir.resolve("absent.hone");
    var e = assertThrows(UncheckedIOException.class, () -> Model.load(file));
    assertTrue(e.getMessage().contains("absent.hone"), e.getMessage());
  }
}
