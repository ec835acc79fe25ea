package dev.hone.bench;

import com.google.gson.JsonObject;
import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.augment.Augmentation;
import dev.hone.data.table.FittedPipeline;
import dev.hone.data.table.Impute;
import dev.hone.data.table.Pipeline;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.runtime.Device;
import dev.hone.train.EpochStats;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A benchmark, not a test: the data figures of issue 8, against pandas + scikit-learn and
 * PyTorch in the same run, printed next to their targets.
 *
 * <p>(a) Fit and transform of impute + standardize + one-hot on a generated table (default
 * 1,000,000 rows; 6 number columns, 3 text columns of 4, 10 and 25 categories; each cell missing
 * with probability 5 %, seeded). Hone builds the Tablesaw table in memory and writes the same
 * values to a CSV that {@code dsl/bench/pandas_data_peer.py} reads with pandas before timing;
 * both sides time only {@code fit(table)} then {@code transform(table)} (dense float64 result).
 * (b) Augmentation: crop(2) + flip + rotate(10) on the 8,000 bundled standardized MNIST digits,
 * images/s on one thread, against the same transforms written with torch ops in the peer (per
 * image as in a Dataset, and batched); and against Hone's own training speed on the same digits
 * (784-128-64-10, Adam, batch 128), with and without augmentation.
 *
 * <p>Run with {@code dsl/bench/run-data-benchmark.sh}; options ({@code --k=v}): {@code rows}
 * (1000000), {@code rounds} (5), {@code epochs} (4), {@code threads} (1: DJL's and torch's),
 * {@code no-peer}, {@code python}, {@code peer}, {@code seed} (42).
 */
public final class DataBenchmark {

  private static final String[][] CATEGORIES = {
      categories("island", 4), categories("model", 10), categories("city", 25)};
  private static final int NUMERIC = 6;

  private final Map<String, String> options;
  private final int rows;
  private final int rounds;
  private final List<String[]> targets = new ArrayList<>();

  private DataBenchmark(Map<String, String> options) {
    this.options = options;
    this.rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
  }

  /**
   * Runs the benchmark.
   *
   * @param args options, see the class comment
   * @throws Exception when the peer fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = TrainingBenchmark.options(args);
    System.setProperty("ai.djl.pytorch.num_threads", o.getOrDefault("threads", "1"));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    new DataBenchmark(o).run();
  }

  private static String[] categories(String stem, int n) {
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      c[i] = stem + "_" + i;
    }
    return c;
  }

  private void run() throws Exception {
    long seed = Long.parseLong(options.getOrDefault("seed", "42"));
    log("generating %,d rows (seed %d)", rows, seed);
    Table table = generate(rows, seed);
    Path csv = Files.createTempFile("hone-data-bench-", ".csv");
    try {
      writeCsv(table, csv);
      double[] hone = pipelineSeconds(table);
      table = null;
      double[] aug = augmentation();
      double[] training = training();
      JsonObject peer = null;
      if (!options.containsKey("no-peer")) {
        peer = peer(csv);
      }
      report(hone, aug, training, peer);
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  // ------------------------------------------------------------------ (a) the table

  /** Numbers on four-decimal grids (so the CSV holds them exactly), 5 % of cells missing. */
  static Table generate(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] num = new double[NUMERIC][n];
    String[][] cat = new String[CATEGORIES.length][n];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < NUMERIC; j++) {
        double v = switch (j % 3) {
          case 0 -> 50 + 10 * gaussian(random);
          case 1 -> Math.exp(gaussian(random));
          default -> random.nextDouble() * 1000;
        };
        num[j][r] = random.nextDouble() < 0.05 ? Double.NaN : Math.round(v * 1e4) / 1e4;
      }
      for (int j = 0; j < CATEGORIES.length; j++) {
        String[] c = CATEGORIES[j];
        // skewed: low category ids are more frequent, so "most frequent" is well defined
        int k = (int) (c.length * Math.pow(random.nextDouble(), 2));
        cat[j][r] = random.nextDouble() < 0.05 ? "" : c[k];
      }
    }
    Table t = Table.create("generated");
    for (int j = 0; j < NUMERIC; j++) {
      t.addColumns(DoubleColumn.create("n" + j, num[j]));
    }
    for (int j = 0; j < CATEGORIES.length; j++) {
      t.addColumns(StringColumn.create("c" + j, cat[j]));
    }
    return t;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static void writeCsv(Table t, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", t.columnNames()));
      w.newLine();
      List<Column<?>> cols = t.columns();
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < t.rowCount(); r++) {
        line.setLength(0);
        for (int j = 0; j < cols.size(); j++) {
          if (j > 0) {
            line.append(',');
          }
          Column<?> c = cols.get(j);
          if (!c.isMissing(r)) {
            line.append(c instanceof NumericColumn<?> n ? Double.toString(n.getDouble(r))
                : c.getString(r));
          }
        }
        w.write(line.toString());
        w.newLine();
      }
    }
  }

  private static Pipeline pipeline() {
    String[] numeric = new String[NUMERIC];
    for (int j = 0; j < NUMERIC; j++) {
      numeric[j] = "n" + j;
    }
    String[] text = new String[CATEGORIES.length];
    for (int j = 0; j < text.length; j++) {
      text[j] = "c" + j;
    }
    return Pipeline.of().impute(Impute.MEAN, numeric).standardize(numeric)
        .impute(Impute.MOST_FREQUENT, text).oneHot(text);
  }

  /** Returns {median fit s, median transform s, median total s, width, sum |cell|}. */
  private double[] pipelineSeconds(Table table) {
    Pipeline p = pipeline();
    double[] fit = new double[rounds];
    double[] transform = new double[rounds];
    double[] total = new double[rounds];
    int width = 0;
    double sumAbs = 0;
    for (int r = -1; r < rounds; r++) {
      long t0 = System.nanoTime();
      FittedPipeline fitted = p.fit(table);
      long t1 = System.nanoTime();
      Table out = fitted.transform(table);
      long t2 = System.nanoTime();
      if (r >= 0) {
        fit[r] = (t1 - t0) / 1e9;
        transform[r] = (t2 - t1) / 1e9;
        total[r] = (t2 - t0) / 1e9;
        log("Hone pipeline round %d: fit %.3f s, transform %.3f s", r + 1, fit[r], transform[r]);
      } else {
        log("Hone pipeline warm-up: %.3f s", (t2 - t0) / 1e9);
        width = out.columnCount();
        for (Column<?> c : out.columns()) {
          for (double v : ((DoubleColumn) c).asDoubleArray()) {
            sumAbs += Math.abs(v);
          }
        }
      }
    }
    return new double[] {TrainingBenchmark.median(fit), TrainingBenchmark.median(transform),
        TrainingBenchmark.median(total), width, sumAbs};
  }

  // ------------------------------------------------------------------ (b) augmentation

  private static final Augmentation AUGMENT = Augmentation.images(28, 28).crop(2).flip()
      .rotate(10);

  /** Returns {median images/s crop+flip+rotate, median images/s crop+flip (no rotation)}. */
  private double[] augmentation() {
    Dataset digits = Datasets.mnist().standardized().train();
    int n = digits.size();
    float[] src = new float[n * 784];
    digits.featureBuffer().get(src);
    float[] dst = new float[src.length];
    double[] out = new double[2];
    Augmentation[] forms = {AUGMENT, Augmentation.images(28, 28).crop(2).flip()};
    for (int f = 0; f < forms.length; f++) {
      double[] rates = new double[rounds];
      for (int r = -2; r < rounds; r++) {
        SplittableRandom random = new SplittableRandom(r + 100);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          forms[f].apply(src, i * 784, dst, i * 784, random);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (r >= 0) {
          rates[r] = n / s;
        }
      }
      out[f] = TrainingBenchmark.median(rates);
      log("Hone %s: %,.0f images/s", forms[f].describe(), out[f]);
    }
    return out;
  }

  /** Returns {samples/s without augmentation, samples/s with it}: medians over epochs 2... */
  private double[] training() {
    Dataset digits = Datasets.mnist().standardized().train();
    int epochs = Integer.parseInt(options.getOrDefault("epochs", "4"));
    TrainConfig config = Train.epochs(epochs).batchSize(128).adam(1e-3).seed(42)
        .device(Device.cpu()).listener(TrainingListener.NONE);
    double[] out = new double[2];
    for (int k = 0; k < 2; k++) {
      TrainedModel m = Model.mlp(784, 128, 64, 10).train(digits,
          k == 0 ? config : config.augment(AUGMENT));
      List<EpochStats> e = m.history().epochs();
      double[] rates = e.subList(Math.min(1, e.size() - 1), e.size()).stream()
          .mapToDouble(EpochStats::samplesPerSecond).toArray();
      out[k] = TrainingBenchmark.median(rates);
      log("Hone training%s: %,.0f samples/s (epochs %s)", k == 0 ? "" : " with augmentation",
          out[k], e.stream().map(x -> String.format(Locale.ROOT, "%.0f", x.samplesPerSecond()))
              .toList());
    }
    return out;
  }

  // ------------------------------------------------------------------ the peer and the report

  private JsonObject peer(Path csv) throws IOException, InterruptedException {
    String python = options.getOrDefault("python", "/usr/bin/python3");
    String script = options.getOrDefault("peer", "dsl/bench/pandas_data_peer.py");
    String threads = options.getOrDefault("threads", "1");
    List<String> cmd = List.of(python, script, "--csv", csv.toString(), "--rounds",
        String.valueOf(rounds), "--threads", threads);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("OPENBLAS_NUM_THREADS", threads);
    pb.environment().put("OMP_NUM_THREADS", threads);
    log("Python peer: %s", String.join(" ", cmd));
    return TrainingBenchmark.lastJsonLine(pb, "the pandas / scikit-learn / torch peer");
  }

  private void report(double[] hone, double[] aug, double[] training, JsonObject peer) {
    System.out.printf(Locale.ROOT, "%n## Data: impute + standardize + one-hot on %,d rows"
        + " (%d number, %d text columns, 5%% missing), medians of %d rounds%n%n", rows, NUMERIC,
        CATEGORIES.length, rounds);
    System.out.printf("| side | fit s | transform s | fit + transform s | rows/s | result width"
        + " | sum of abs cells |%n|---|---|---|---|---|---|---|%n");
    double honeRate = rows / hone[2];
    System.out.printf(Locale.ROOT, "| Hone (Tablesaw in, Tablesaw out) | %.3f | %.3f | %.3f |"
        + " %,.0f | %d | %.6e |%n", hone[0], hone[1], hone[2], honeRate, (int) hone[3], hone[4]);
    JsonObject t = peer == null ? null : peer.getAsJsonObject("table");
    if (t != null) {
      JsonObject v = t.getAsJsonObject("versions");
      System.out.printf(Locale.ROOT, "| pandas %s + scikit-learn %s | %.3f | %.3f | %.3f | %,.0f |"
          + " %d | %.6e |%n", v.get("pandas").getAsString(), v.get("sklearn").getAsString(),
          t.get("fit_s").getAsDouble(), t.get("transform_s").getAsDouble(),
          t.get("seconds").getAsDouble(), t.get("rows_per_s").getAsDouble(),
          t.get("width").getAsInt(), t.get("sum_abs").getAsDouble());
      double ratio = honeRate / t.get("rows_per_s").getAsDouble();
      target("pipeline fit + transform, Hone rows/s / pandas + scikit-learn rows/s", ">= 2x",
          String.format(Locale.ROOT, "%.2fx (%,.0f vs %,.0f rows/s)", ratio, honeRate,
              t.get("rows_per_s").getAsDouble()), ratio >= 2);
    }
    System.out.printf(Locale.ROOT, "%n## Augmentation on 28x28 digits, one thread, medians of %d"
        + " rounds%n%n| what | images/s |%n|---|---|%n", rounds);
    System.out.printf(Locale.ROOT, "| Hone crop(2) flip rotate(10) | %,.0f |%n", aug[0]);
    System.out.printf(Locale.ROOT, "| Hone crop(2) flip (no rotation) | %,.0f |%n", aug[1]);
    JsonObject a = peer == null ? null : peer.getAsJsonObject("augment");
    if (a != null) {
      System.out.printf(Locale.ROOT, "| torch %s ops, per image (as in a Dataset) | %,.0f |%n",
          a.get("torch").getAsString(), a.get("per_image_images_per_s").getAsDouble());
      System.out.printf(Locale.ROOT, "| torch %s ops, batched by %d (one grid_sample) | %,.0f |%n",
          a.get("torch").getAsString(), a.get("batch").getAsInt(),
          a.get("batched_images_per_s").getAsDouble());
    }
    System.out.printf(Locale.ROOT, "| Hone training 784-128-64-10, batch 128 (samples/s) | %,.0f"
        + " |%n", training[0]);
    System.out.printf(Locale.ROOT, "| Hone training with crop(2) flip rotate(10) (samples/s) |"
        + " %,.0f |%n", training[1]);
    double ratio = aug[0] / training[0];
    target("augmentation images/s / training samples/s", ">= 5x", String.format(Locale.ROOT,
        "%.1fx (%,.0f vs %,.0f); training with it runs at %.0f%% of the speed without",
        ratio, aug[0], training[0], 100 * training[1] / training[0]), ratio >= 5);
    System.out.printf("%n| figure | target | measured | met |%n|---|---|---|---|%n");
    for (String[] row : targets) {
      System.out.printf("| %s | %s | %s | %s |%n", (Object[]) row);
    }
  }

  private void target(String figure, String target, String measured, boolean met) {
    targets.add(new String[] {figure, target, measured, met ? "yes" : "**no**"});
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}
