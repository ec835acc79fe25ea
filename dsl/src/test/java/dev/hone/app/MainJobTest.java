package dev.hone.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.model.Model;
import dev.hone.train.Progress;
import dev.hone.train.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainJobTest {

  @TempDir
  Path dir;

  @Test
  void the_main_job_trains_saves_and_prints_the_result_table() throws Exception {
    Path file = dir.resolve("m.hone");
    PrintStream out = System.out;
    PrintStream err = System.err;
    var captured = new ByteArrayOutputStream();
    var progress = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
      MainJob.main(new String[] {"--epochs=1", "--out", file.toString()});
    } finally {
      System.setOut(out);
      System.setErr(err);
      Progress.setDefault(() -> TrainingListener.NONE);
    }
    String table = captured.toString(StandardCharsets.UTF_8);
    for (String column : new String[] {"test_accuracy", "parameters", "file_bytes",
        "latency_p50_us", "109,386"}) {
      assertTrue(table.contains(column), table);
    }
    assertTrue(progress.toString(StandardCharsets.UTF_8).contains("epoch 1/1"), progress.toString());
    assertTrue(table.contains(String.format("%,d", Files.size(file))), table);
    assertTrue(Model.load(file).provenance().toString().startsWith("mlp(784,128,64,10)"));
    // The compression tour: one row per form, with the compact sizes.
    for (String row : new String[] {"prune(sparsity=0.5)", "prune(sparsity=0.9",
        "prune_neurons(", "cluster(bits=5", "pruned", "clustered", "file_bytes", "ratio",
        "global", "quantize(INT8", "prune(sparsity=0.5) > quantize(INT8", "quantized",
        "onnxruntime"}) {
      assertTrue(table.contains(row), "no '" + row + "' in:\n" + table);
    }
  }

  @Test
  void an_unknown_option_is_named() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MainJob.main(new String[] {"--epoch", "3"}));
    assertTrue(e.getMessage().contains("--epoch"), e.getMessage());
  }
}
