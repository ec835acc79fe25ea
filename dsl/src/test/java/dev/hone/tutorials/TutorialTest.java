package dev.hone.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the tutorials' scripts through the real launcher and jshell, as a reader would. */
class TutorialTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void tutorial_01_trains_evaluates_and_reloads_a_model_in_jshell() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "dsl/bin/hone-jshell",
        "tutorials/01-train.jsh").directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("HONE_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "jshell finished");
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains("|  Error") || out.contains("Exception"), out);
    Matcher acc = Pattern.compile("test accuracy (0\\.\\d+)").matcher(out);
    assertTrue(acc.find(), out);
    assertTrue(Double.parseDouble(acc.group(1)) > 0.9, out);
    assertTrue(out.contains("epoch 3/3"), out);
    assertTrue(out.contains("reloaded accuracy " + acc.group(1).replaceAll("0+$", "")), out);
    assertTrue(out.contains("provenance: mlp(784,128,64,10) > train("), out);
  }

  @Test
  void every_java_block_of_a_tutorial_page_is_in_its_script() throws IOException {
    try (var pages = Files.list(ROOT.resolve("tutorials"))) {
      for (Path md : pages.filter(f -> f.toString().endsWith(".md")).toList()) {
        Path jsh = Path.of(md.toString().replaceFirst("\\.md$", ".jsh"));
        assertTrue(Files.exists(jsh), "a script for " + md);
        String script = Files.readString(jsh);
        for (String block : javaBlocks(Files.readString(md))) {
          assertTrue(script.contains(block.strip()), md + " shows code that " + jsh
              + " does not run:\n" + block);
        }
      }
    }
  }

  private static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }
}
