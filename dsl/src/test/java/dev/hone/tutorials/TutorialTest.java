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
    String out = runScript("tutorials/01-train.jsh", 5);
    Matcher acc = Pattern.compile("test accuracy (0\\.\\d+)").matcher(out);
    assertTrue(acc.find(), out);
    assertTrue(Double.parseDouble(acc.group(1)) > 0.9, out);
    assertTrue(out.contains("epoch 3/3"), out);
    assertTrue(out.contains("reloaded accuracy " + acc.group(1).replaceAll("0+$", "")), out);
    assertTrue(out.contains("provenance: mlp(784,128,64,10) > train("), out);
  }

  @Test
  void tutorial_02_compresses_a_model_in_jshell() throws Exception {
    String out = runScript("tutorials/02-compress.jsh", 10);

    double[] base = reportLine(out, "base");
    double[] p50 = reportLine(out, "prune50");
    assertEquals(0.5, p50[0], 1e-4, out);
    assertTrue(p50[2] < base[2], "a pruned file is smaller\n" + out);
    assertEquals(base[1], reportLine(out, "base again")[1], "the original is unchanged\n" + out);
    assertEquals(0.0, reportLine(out, "base again")[0], out);

    double[] p90 = reportLine(out, "prune90");
    double[] p90tuned = reportLine(out, "prune90+ft");
    assertEquals(0.9, p90tuned[0], 1e-4, "fine-tuning holds the masks\n" + out);
    assertTrue(p90tuned[1] > p90[1], "fine-tuning recovers accuracy\n" + out);

    Matcher layers = Pattern.compile("global90 layer \\d+x\\d+ sparsity (\\d\\.\\d+)")
        .matcher(out);
    List<Double> global = new ArrayList<>();
    while (layers.find()) {
      global.add(Double.parseDouble(layers.group(1)));
    }
    assertEquals(3, global.size(), out);
    assertTrue(global.get(0) > global.get(1), "global pruning takes more of layer 0\n" + out);
    assertTrue(out.contains("mixed layer 64x10 sparsity 0.0000"), out);
    assertEquals(0.9, reportLine(out, "gradual90")[0], 1e-4, out);
    assertTrue(out.contains("all layers"), out);

    assertTrue(out.contains("thin spec: mlp(784,64,32,10)"), out);
    assertTrue(reportLine(out, "thin+ft")[1] > 0.9, out);
    double[] clustered = reportLine(out, "cluster5+ft");
    assertTrue(clustered[3] > 10, "clustered ratio " + clustered[3] + "\n" + out);
    assertTrue(out.contains("reloaded predictions same: true"), out);
    assertTrue(reportLine(out, "distilled")[1] > 0.8, out);
    assertTrue(reportLine(out, "alone")[1] > 0.8, out);
    assertTrue(out.contains("Comparison of 6 models"), out);
    assertTrue(out.contains("Pareto front, accuracy vs file bytes: "), out);

    double[] linear50 = reportLine(out, "linear50");
    double[] scaled = reportLine(out, "scaled");
    assertEquals(0.5, scaled[0], 1e-4, out);
    assertEquals(linear50[1], scaled[1], 0.02, "scaling a linear net barely moves accuracy\n"
        + out);
    Matcher factor = Pattern.compile("logits scaled by (\\d\\.\\d+)").matcher(out);
    assertTrue(factor.find(), out);
    assertEquals(0.125, Double.parseDouble(factor.group(1)), 0.01, out);
  }

  /** Parses a report line of tutorial 2: sparsity, accuracy, file bytes, ratio. */
  private static double[] reportLine(String out, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + ":") + "\\s+form \\w+\\s+"
        + "sparsity (\\d\\.\\d+)\\s+accuracy (\\d\\.\\d+)\\s+file bytes\\s+(\\d+)\\s+"
        + "ratio\\s+(\\d+\\.\\d)x").matcher(out);
    assertTrue(m.find(), "a report line for " + name + "\n" + out);
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))};
  }

  @Test
  void tutorial_03_quantizes_a_model_in_jshell() throws Exception {
    String out = runScript("tutorials/03-quantize.jsh", 10);

    assertTrue(out.contains("chain same as base.prune(0.5).quantize(INT8): true"), out);
    QuantLine fp32 = precisionLine(out, "fp32");
    assertEquals("dense FP32", fp32.form + " " + fp32.precision, out);
    QuantLine int8 = precisionLine(out, "int8");
    assertEquals("quantized INT8", int8.form + " " + int8.precision, out);
    assertTrue(int8.ofFp32 < 0.3, "an INT8 file is about a quarter of FP32\n" + out);
    assertEquals(fp32.accuracy, int8.accuracy, 0.01, "INT8 within 1 point\n" + out);
    for (String half : List.of("fp16", "bf16")) {
      QuantLine h = precisionLine(out, half);
      assertEquals(half.toUpperCase(java.util.Locale.ROOT), h.precision, out);
      assertTrue(h.ofFp32 > int8.ofFp32 && h.ofFp32 < 0.55, half + " about half\n" + out);
      assertEquals(fp32.accuracy, h.accuracy, 0.01, out);
    }
    assertTrue(precisionLine(out, "p50+int8").ofFp32 < int8.ofFp32, out);
    assertTrue(out.contains("INT8 dynamic, per channel, symmetric; accuracy on mnist:test:std: "),
        out);
    assertTrue(out.contains("layer 2: INT8  quantized"), out);
    assertTrue(out.contains("int8_0 (relu)"), "summary shows INT8 layers\n" + out);

    assertEquals(fp32.accuracy, precisionLine(out, "minmax").accuracy, 0.01, out);
    assertEquals(fp32.accuracy, precisionLine(out, "percentile").accuracy, 0.01, out);
    assertEquals(fp32.accuracy, precisionLine(out, "entropy").accuracy, 0.01,
        "entropy keeps the input's min/max range, so it keeps the accuracy\n" + out);
    List<String> minmaxRanges = inputRanges(out, "minmax");
    List<String> entropyRanges = inputRanges(out, "entropy");
    assertEquals(3, entropyRanges.size(), out);
    assertEquals(minmaxRanges.get(0), entropyRanges.get(0),
        "the page says the network's input keeps min/max under entropy\n" + out);
    assertEquals("[-0.42, 2.82]", entropyRanges.get(0), out);
    assertTrue(upper(entropyRanges.get(1)) < upper(minmaxRanges.get(1)),
        "entropy clips the ReLU activations of layer 1\n" + out);
    assertTrue(upper(inputRanges(out, "percentile").get(1)) < upper(minmaxRanges.get(1)), out);
    QuantLine perTensor = precisionLine(out, "per-tensor");
    assertTrue(perTensor.ofFp32 < int8.ofFp32, "one scale per tensor stores less\n" + out);
    assertEquals(fp32.accuracy, perTensor.accuracy, 0.01, out);
    assertEquals(fp32.accuracy, precisionLine(out, "asymmetric").accuracy, 0.01, out);

    Matcher clippedLine = Pattern.compile("validation accuracy: fp32 (\\d\\.\\d+), "
        + "percentile\\(90\\) (\\d\\.\\d+)").matcher(out);
    assertTrue(clippedLine.find(), out);
    assertTrue(Double.parseDouble(clippedLine.group(2))
        < Double.parseDouble(clippedLine.group(1)) - 0.005,
        "the page shows percentile(90) breaking a 0.5-point budget\n" + out);
    assertTrue(out.contains("kept in FP32: quantizing it alone costs"), out);
    Matcher fp32Layers = Pattern.compile("fp32 layers: \\[([\\d, ]+)\\]").matcher(out);
    assertTrue(fp32Layers.find(), "the budget keeps some layer in FP32\n" + out);
    assertTrue(out.contains("allowed 0.50)"), out);
    Matcher holdout = Pattern.compile("holdout accuracy: fp32 (\\d\\.\\d+), percentile\\(90\\) "
        + "(\\d\\.\\d+), percentile\\(90\\) within 0.5 (\\d\\.\\d+)").matcher(out);
    assertTrue(holdout.find(), out);
    assertEquals(Double.parseDouble(holdout.group(1)), Double.parseDouble(holdout.group(3)),
        0.01, "the budget keeps the accuracy on rows it did not choose on\n" + out);
    assertTrue(out.contains("dense_1 (relu)") || out.contains("dense_2 (logits)"),
        "an FP32 layer in the summary\n" + out);
    assertTrue(out.contains("refused: no quantized model stays within 0.00 points"), out);

    Matcher saved = Pattern.compile("saved (\\d+) bytes, reloaded quantized INT8 model")
        .matcher(out);
    assertTrue(saved.find(), out);
    assertEquals(int8.fileBytes, Long.parseLong(saved.group(1)), "fileBytes is what save writes\n"
        + out);
    assertTrue(out.contains("reloaded predictions same: true"), out);
    assertTrue(out.contains("reloaded report: INT8 dynamic, per channel, symmetric, accuracy "
        + int8.accuracy), out);
    assertTrue(out.contains("loaded quantized INT8 model"), out);
    assertTrue(out.contains("onnx predictions same: true"), out);

    assertTrue(out.contains("fp32 pruned to 0.9 at batch 1: hone-sparse, int8 at batch 256:"
        + " onnxruntime"), out);
    assertTrue(out.contains("refused: a quantized model runs on ONNX Runtime"), out);
    Matcher speed = Pattern.compile("(FP32|INT8) on ([12]) thread\\(s\\): p50 (\\d+\\.\\d) us at"
        + " batch 1, ([\\d,]+) rows/s at batch 256").matcher(out);
    int timings = 0;
    while (speed.find()) {
      timings++;
      assertTrue(Double.parseDouble(speed.group(3)) > 0, out);
    }
    assertEquals(4, timings, out);
    assertTrue(out.contains("Comparison of 4 models in 5 rows"), out);
    for (String row : List.of("dense @ djl-pytorch", "dense @ onnxruntime",
        "quantize(FP16) @ onnxruntime", "quantize(INT8) @ onnxruntime",
        "prune(sparsity=0.5) > fine_tune(epochs=2) > quantize(INT8) @ onnxruntime")) {
      assertTrue(out.contains(row + "  |"), "a comparison row " + row + "\n" + out);
    }
    assertTrue(out.contains("Pareto front, accuracy vs file bytes: "), out);
  }

  /** The input ranges a line of tutorial 3 prints for one calibration, layer by layer. */
  private static List<String> inputRanges(String out, String name) {
    Matcher line = Pattern.compile("(?m)^  " + Pattern.quote(name) + " input ranges: (.*)$")
        .matcher(out);
    assertTrue(line.find(), "input ranges of " + name + "\n" + out);
    List<String> ranges = new ArrayList<>();
    Matcher r = Pattern.compile("\\[-?\\d+\\.\\d+, -?\\d+\\.\\d+\\]").matcher(line.group(1));
    while (r.find()) {
      ranges.add(r.group());
    }
    return ranges;
  }

  private static double upper(String range) {
    return Double.parseDouble(range.substring(range.indexOf(", ") + 2, range.length() - 1));
  }

  /** A report line of tutorial 3. */
  private record QuantLine(String form, String precision, double accuracy, long fileBytes,
      double ofFp32) {}

  private static QuantLine precisionLine(String out, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + ":") + "\\s+form (\\w+)\\s+"
        + "precision (\\w+)\\s+accuracy (\\d\\.\\d+)\\s+file bytes\\s+(\\d+)\\s+"
        + "of fp32 (\\d\\.\\d+)\\s+ratio\\s+\\d+\\.\\dx").matcher(out);
    assertTrue(m.find(), "a report line for " + name + "\n" + out);
    return new QuantLine(m.group(1), m.group(2), Double.parseDouble(m.group(3)),
        Long.parseLong(m.group(4)), Double.parseDouble(m.group(5)));
  }

  @Test
  void tutorial_07_optimizes_a_model_in_jshell() throws Exception {
    String out = runScript("tutorials/07-optimize.jsh", 15);
    assertTrue(out.contains("train 6401 rows, validation 1599 rows (mnist:train:std:test),"
        + " test 2000 rows (mnist:test:std)"), out);

    String simpleTrials = out.substring(out.indexOf("simplenet: validation"),
        out.indexOf("simplenet chosen: "));
    List<TrialLine> trials = trialLines(simpleTrials);
    assertTrue(trials.size() >= 10, "the search tries many models\n" + out);
    for (int i = 0; i < trials.size(); i++) {
      assertEquals(i, trials.get(i).index, "trials are numbered in order\n" + out);
    }
    assertEquals("dense", trials.get(0).name, out);
    assertTrue(trials.stream().anyMatch(t -> !t.within), "some branch breaks the budget\n" + out);
    for (String technique : List.of("scope=global", "gradual(", "cluster(bits=",
        "prune_neurons(", "distill(", "quantize(INT8)", "quantize(FP16)")) {
      assertTrue(trials.stream().anyMatch(t -> t.name.contains(technique)),
          "the page describes a " + technique + " trial\n" + out);
    }
    Outcome simple = outcome(out, "simplenet");
    TrialLine smallestWithin = trials.stream().filter(t -> t.within)
        .min(java.util.Comparator.comparingLong(t -> t.bytes)).orElseThrow();
    assertEquals(smallestWithin.name, simple.chosen, "the chosen model is the smallest trial"
        + " within the budget\n" + out);
    assertEquals(smallestWithin.bytes, simple.bytesAfter, out);
    assertTrue(out.contains("best for file bytes within -0.50 points: " + simple.chosen), out);
    assertTrue(out.contains("on the held-out 'mnist:test:std' "), out);

    assertTrue(out.contains("Comparison of 5 models on 'mnist:test:std'"), out);
    for (String row : List.of("prune(sparsity=0.9) > fine_tune(epochs=2)  |", "quantize(INT8)  |",
        "mlp(784,64,32,10) distill(epochs=10, T=4.0, alpha=0.7)  |", simple.chosen + "  |")) {
      assertTrue(out.contains(row), "a comparison row " + row + "\n" + out);
    }
    assertTrue(out.contains("same seed, same trials: true"), out);
    assertTrue(out.contains("interrupted: 6 trials, interrupted, best so far "), out);

    outcome(out, "lenet");
    assertTrue(out.contains("best for batch-256 rows/s within -0.50 points: "), out);
    String fashionTrials = out.substring(out.indexOf("best for batch-256 rows/s"),
        out.indexOf("fashion chosen: "));
    assertTrue(trialLines(fashionTrials).size() >= 3, out);
    Outcome fashion = outcome(out, "fashion");
    assertTrue(fashion.testAfter > 0.8, out);
  }

  /** A progress line of tutorial 7. */
  private record TrialLine(int index, double accuracy, long bytes, String name, boolean within) {}

  private static List<TrialLine> trialLines(String out) {
    Matcher m = Pattern.compile("(?m)^  trial\\s+(\\d+)  val (\\d\\.\\d+)\\s+([\\d,]+) bytes  (.*?)"
        + "(  \\(budget broken\\))?$").matcher(out);
    List<TrialLine> lines = new ArrayList<>();
    while (m.find()) {
      lines.add(new TrialLine(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)),
          Long.parseLong(m.group(3).replace(",", "")), m.group(4), m.group(5) == null));
    }
    return lines;
  }

  /** What tutorial 7 prints about one search, checked against its budget. */
  private record Outcome(String chosen, long bytesAfter, double testAfter) {}

  private static Outcome outcome(String out, String name) {
    Matcher chosen = Pattern.compile("(?m)^" + name + " chosen: (.*) \\((\\w+)\\)$").matcher(out);
    assertTrue(chosen.find(), "the model chosen for " + name + "\n" + out);
    Matcher bytes = Pattern.compile(name + " file bytes: ([\\d,]+) -> ([\\d,]+) \\((\\d+\\.\\d)x"
        + " smaller\\)").matcher(out);
    assertTrue(bytes.find(), out);
    long before = Long.parseLong(bytes.group(1).replace(",", ""));
    long after = Long.parseLong(bytes.group(2).replace(",", ""));
    assertTrue(after * 5 < before, name + ": at least 5x smaller than dense\n" + out);
    Matcher val = Pattern.compile(name + " validation accuracy: (\\d\\.\\d+) -> (\\d\\.\\d+) "
        + "\\(budget: at least (\\d\\.\\d+)\\)").matcher(out);
    assertTrue(val.find(), out);
    assertEquals(Double.parseDouble(val.group(1)) - 0.005, Double.parseDouble(val.group(3)),
        1e-4, out);
    assertTrue(Double.parseDouble(val.group(2)) >= Double.parseDouble(val.group(3)),
        name + ": the chosen model keeps the validation budget\n" + out);
    Matcher test = Pattern.compile(name + " test accuracy: (\\d\\.\\d+) -> (\\d\\.\\d+) "
        + "\\(([+-]\\d+\\.\\d+) points\\)").matcher(out);
    assertTrue(test.find(), name + ": the held-out test accuracy\n" + out);
    double testAfter = Double.parseDouble(test.group(2));
    assertEquals(100 * (testAfter - Double.parseDouble(test.group(1))),
        Double.parseDouble(test.group(3)), 0.011, out);
    assertTrue(Pattern.compile(name + " search: \\d+ trials in \\d+ s, ").matcher(out).find(),
        out);
    return new Outcome(chosen.group(1), after, testAfter);
  }

  @Test
  void tutorial_04_prepares_tables_filters_and_augments_in_jshell() throws Exception {
    String out = runScript("tutorials/04-data.jsh", 10);
    assertTrue(out.contains("(rows with any)  |          |       10"), out);
    assertTrue(out.contains("-> Adelie") && out.contains("reloaded predicts Adelie"), out);
    assertTrue(out.contains("Chinstrap"), out);
    Matcher acc = Pattern.compile("test accuracy: raw (0\\.\\d+), standardized (\\d\\.\\d+)")
        .matcher(out);
    assertTrue(acc.find(), out);
    assertTrue(Double.parseDouble(acc.group(2)) > 0.9, out);
    assertTrue(out.contains("correlated features dropped: ["), out);
    assertTrue(out.contains("mislabel filter: precision"), out);
    Matcher digits = Pattern.compile("1,000 digits, 40 epochs, mean of 3 seeds: plain"
        + " (0\\.\\d+), augmented (0\\.\\d+)").matcher(out);
    assertTrue(digits.find(), out);
    assertTrue(Double.parseDouble(digits.group(2)) > Double.parseDouble(digits.group(1)),
        "augmentation helps after 40 epochs on 1,000 digits: " + digits.group());
  }

  @Test
  void tutorial_05_tunes_the_batch_size_and_trains_in_parallel_in_jshell() throws Exception {
    String out = runScript("tutorials/05-speed.jsh", 10);
    // The page quotes this run's figures; CI's log keeps them.
    System.out.println(out);
    Matcher schedule = Pattern.compile("seed schedule: train\\(epochs=20, batch=128, "
        + "adam\\(lr=0\\.01\\), step\\(0\\.1, every 10\\), seed=42\\), test accuracy "
        + "(0\\.\\d+)").matcher(out);
    assertTrue(schedule.find(), out);
    Matcher defaults = Pattern.compile("defaults: train\\(epochs=20, batch=32, "
        + "adam\\(lr=0\\.001\\), seed=42\\), test accuracy (0\\.\\d+)").matcher(out);
    assertTrue(defaults.find(), out);
    assertTrue(Double.parseDouble(schedule.group(1)) > 0.9, out);
    assertTrue(Double.parseDouble(defaults.group(1)) > 0.9, out);

    assertTrue(out.contains("Batch sizes for mlp(784,128,64,10), 4 epochs, target 0.93: use "),
        out);
    Matcher recommended = Pattern.compile("recommended batch size: (\\d+) \\((.*)\\)")
        .matcher(out);
    assertTrue(recommended.find(), out);
    assertTrue(List.of("32", "64", "128", "256", "512", "1024").contains(recommended.group(1)),
        out);
    assertTrue(recommended.group(2).startsWith("batch " + recommended.group(1))
        || recommended.group(2).startsWith("no run reached"), out);

    Matcher data = Pattern.compile("data parallel, batch 256: 1 replica ([\\d,]+) samples/s, 2"
        + " replicas ([\\d,]+) samples/s \\((\\d+\\.\\d+)x\\); test accuracy (0\\.\\d+) and"
        + " (0\\.\\d+)").matcher(out);
    assertTrue(data.find(), out);
    assertEquals(Double.parseDouble(data.group(4)), Double.parseDouble(data.group(5)), 0.01,
        "two replicas train the same model\n" + out);

    assertTrue(out.contains("PipelineParallel(mlp(784,128,64,10), stages=[1, 2], micro=4"), out);
    Matcher unsplit = Pattern.compile("unsplit trainer: [\\d,]+ samples/s, test accuracy "
        + "(0\\.\\d+)").matcher(out);
    assertTrue(unsplit.find(), out);
    Matcher piped = Pattern.compile("pipeline stages=\\[1, 2\\], micro=(\\d): [\\d,]+ "
        + "samples/s \\((\\d+\\.\\d+)x unsplit\\), test accuracy (0\\.\\d+)").matcher(out);
    int pipelines = 0;
    while (piped.find()) {
      pipelines++;
      assertEquals(Double.parseDouble(unsplit.group(1)), Double.parseDouble(piped.group(3)),
          0.005, "the pipeline trains the same model\n" + out);
    }
    assertEquals(3, pipelines, out);

    Matcher sweep = Pattern.compile("sweep of 3 runs: one at a time (\\d+\\.\\d) s, 2 workers "
        + "(\\d+\\.\\d) s").matcher(out);
    assertTrue(sweep.find(), out);
    assertTrue(out.contains("3 runs on 2 worker(s)"), out);
    Matcher ensemble = Pattern.compile("ensemble of 3 seeds: members \\[.*\\], ensemble "
        + "(0\\.\\d+)").matcher(out);
    assertTrue(ensemble.find(), out);
    assertTrue(Double.parseDouble(ensemble.group(1)) > 0.9, out);
  }

  /**
   * Runs a tutorial script through the real launcher and jshell, as a reader would, and checks
   * that it ended cleanly: exit 0, no jshell error, no exception.
   */
  private static String runScript(String script, int minutes) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "dsl/bin/hone-jshell", script)
        .directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("HONE_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), "jshell finished");
    assertEquals(0, p.exitValue(), out);
    // A script's jshell errors read "Error:" (no "|  " prefix), and hone-jshell stops there.
    assertFalse(out.contains("|  Error") || out.contains("Exception")
        || Pattern.compile("(?m)^Error:").matcher(out).find(), out);
    return out;
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
