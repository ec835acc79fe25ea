package dev.hone.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs scripts through the real launcher, dsl/bin/hone-jshell, and the real JShell tool. */
class ScriptRunnerTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir
  Path dir;

  private record Run(int status, String out) {}

  private Run launch(String script, String... flags) throws Exception {
    Path file = dir.resolve("s.jsh");
    Files.writeString(file, script);
    List<String> command = new ArrayList<>(List.of("bash", "dsl/bin/hone-jshell"));
    command.addAll(List.of(flags));
    command.add(file.toString());
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectErrorStream(true);
    pb.environment().put("HONE_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "jshell finished");
    return new Run(p.exitValue(), out);
  }

  @Test
  void a_chain_continued_on_dot_lines_runs_whole() throws Exception {
    Run run = launch("""
        var config = Train.epochs(20).batchSize(64)   // as Java is written
            .adam(1e-2)
            .seed(7);
        System.out.println("seed " + config.seed() + " batch " + config.batchSize());
        """);
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("seed 7 batch 64"), run.out());
  }

  @Test
  void a_script_stops_at_its_first_error_and_names_the_line() throws Exception {
    Run run = launch("""
        System.out.println("before");
        var config = Train.epochs(20)
            .noSuchSetting(3);
        System.out.println("after the error");
        """);
    assertEquals(1, run.status(), run.out());
    assertTrue(run.out().contains("before"), run.out());
    assertTrue(run.out().contains("cannot find symbol"), run.out());
    assertTrue(run.out().contains("s.jsh line 3"), run.out());
    assertFalse(run.out().contains("after the error"), run.out());
  }

  @Test
  void an_exception_stops_the_script_too() throws Exception {
    Run run = launch("""
        Integer.parseInt("twelve");
        System.out.println("after the exception");
        """);
    assertEquals(1, run.status(), run.out());
    assertTrue(run.out().contains("NumberFormatException"), run.out());
    assertTrue(run.out().contains("s.jsh line 1"), run.out());
    assertFalse(run.out().contains("after the exception"), run.out());
  }

  @Test
  void keep_going_runs_past_errors_and_still_fails() throws Exception {
    Run run = launch("""
        undefinedName + 1;
        System.out.println("after the error");
        /exit
        """, "--keep-going");
    assertEquals(1, run.status(), run.out());
    assertTrue(run.out().contains("after the error"), run.out());
    assertTrue(run.out().contains("1 error(s)"), run.out());
  }

  @Test
  void a_script_exit_status_comes_back() throws Exception {
    Run run = launch("System.out.println(\"hi\");\n/exit 3\n");
    assertEquals(3, run.status(), run.out());
    assertTrue(run.out().contains("hi"), run.out());
  }
}
