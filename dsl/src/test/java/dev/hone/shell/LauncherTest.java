package dev.hone.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dsl/bin/hone-jshell as a user starts it, without HONE_CLASSPATH: it builds the class path with
 * Maven only when its cache is missing or older than the sources, and prints no escape codes.
 */
class LauncherTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path CACHE = ROOT.resolve("dsl/target/classpath.txt");

  private record Run(int exit, String out, String err) {}

  private static Run launch(Path script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "dsl/bin/hone-jshell", script.toString())
        .directory(ROOT.toFile());
    pb.environment().remove("HONE_CLASSPATH");
    Path err = Files.createTempFile("hone-jshell", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "hone-jshell finished");
    String errText = Files.readString(err);
    Files.delete(err);
    return new Run(p.exitValue(), out, errText);
  }

  @Test
  void a_stale_cache_is_rebuilt_once_then_starts_reuse_it(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("hello.jsh");
    Files.writeString(script, "System.out.println(\"launched \" + Model.class.getSimpleName());\n");
    if (Files.exists(CACHE)) {
      // Older than every pom and source: the next start must build the class path again.
      Files.setLastModifiedTime(CACHE, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
    }

    Run first = launch(script);
    assertEquals(0, first.exit(), first.out() + first.err());
    assertTrue(first.err().contains("building the dsl module"), first.err());
    assertTrue(first.out().contains("launched Model"), first.out());
    assertTrue(Files.size(CACHE) > 0, "the class path is cached in " + CACHE);

    Run second = launch(script);
    assertEquals(0, second.exit(), second.out() + second.err());
    assertFalse(second.err().contains("building"), "no Maven run on a fresh cache: " + second.err());
    assertTrue(second.out().contains("launched Model"), second.out());
    for (Run run : new Run[] {first, second}) {
      assertFalse((run.out() + run.err()).contains("\u001b["), "no escape codes: " + run.out());
    }
  }
}
