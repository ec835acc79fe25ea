package dev.hone.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.kernel.eval.CellEvaluator;
import dev.hone.kernel.eval.CellResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTest {

  @Test
  void every_built_in_startup_import_names_something_that_exists() {
    List<String> failed = new ArrayList<>();
    int imports = 0;
    try (CellEvaluator evaluator = new CellEvaluator(new PrintStream(new ByteArrayOutputStream()))) {
      for (String line : Startup.builtIn().lines().map(String::strip).toList()) {
        if (line.isEmpty() || line.startsWith("//")) {
          continue;
        }
        imports++;
        CellResult result = evaluator.run(line, "startup", 1);
        result.error().ifPresent(e -> failed.add(line + " -> " + e.evalue()));
      }
    }
    assertTrue(imports > 10, "startup.jsh has only " + imports + " lines");
    assertEquals(List.of(), failed);
  }
}
