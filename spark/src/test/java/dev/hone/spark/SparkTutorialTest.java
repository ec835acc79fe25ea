package dev.hone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs tutorial 6 through the real launcher and jshell with this module's class path (Spark
 * included), as a reader would. dsl's TutorialTest checks that the page's code blocks are all in
 * the script; it cannot run it, since dsl does not see this module.
 */
class SparkTutorialTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void tutorial_06_runs_hone_on_spark_in_jshell() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "spark/bin/hone-spark-jshell",
        "tutorials/06-spark.jsh").directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("HONE_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "jshell finished");
    assertEquals(0, p.exitValue(), out);
    // The script prints the errors it provokes; an uncaught one is what must not appear.
    assertFalse(out.contains("|  Error") || out.contains("|  Exception")
        || out.contains("Exception in thread"), out);

    Matcher batch = Pattern.compile("wrote 2000 predictions, Spark accuracy (0\\.\\d+), local"
        + " accuracy (0\\.\\d+)").matcher(out);
    assertTrue(batch.find(), out);
    assertTrue(Double.parseDouble(batch.group(1)) > 0.85, out);
    assertEquals(Double.parseDouble(batch.group(2)), Double.parseDouble(batch.group(1)), 0.002,
        out);
    assertTrue(out.contains("Sweep of 8 variants on local[2,4]"), out);
    assertTrue(out.contains("Pareto front, accuracy vs file bytes: "), out);
    assertTrue(out.contains("most accurate: prune="), out);
    assertTrue(out.contains("prune=0.5 INT8 b=64 lr=0.001 -> ok"), out);
    assertTrue(out.contains("prune=1.5 INT8 b=64 lr=0.001 -> IllegalArgumentException"), out);
    assertTrue(out.contains("refused: the sweep has no variants"), out);
    Matcher avg = Pattern.compile("local accuracy (0\\.\\d+), 2 partitions averaged every epoch"
        + " (0\\.\\d+)").matcher(out);
    assertTrue(avg.find(), out);
    assertTrue(out.contains("provenance: mlp(784,64,10) > spark_train(epochs=4"), out);
    assertTrue(out.contains("refused: feature column 'features' has a row of 3 values, but the"
        + " model takes 784 features per row"), out);
    assertTrue(out.contains("is unreachable"), out);
  }
}
