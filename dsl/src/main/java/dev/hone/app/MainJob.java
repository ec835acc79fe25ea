package dev.hone.app;

import dev.hone.bench.Compare;
import dev.hone.bench.Comparison;
import dev.hone.bench.Latency;
import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.model.ClusteredModel;
import dev.hone.model.Evaluation;
import dev.hone.model.Model;
import dev.hone.model.PrunedModel;
import dev.hone.model.QuantizedModel;
import dev.hone.quant.Precision;
import dev.hone.model.TrainedModel;
import dev.hone.train.Progress;
import dev.hone.train.PruningSchedule;
import dev.hone.train.TerminalProgressBar;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The main job: trains {@code mlp(784,128,64,10)} on the bundled MNIST digits with a progress
 * bar and prints a table of test accuracy, parameters, file bytes and latency; then compresses
 * it (50% pruning; 90% pruned gradually while fine-tuning; half the hidden neurons removed;
 * the 90% model's weights shared in 32 values; a 784-64-10 student distilled from it; INT8
 * weights, alone and after 50% pruning) and prints the comparison of all of them.
 *
 * <p>Options: {@code --epochs N} or {@code --epochs=N} (default 5), {@code --out FILE} (default
 * {@code target/mnist-mlp.hone}).
 */
public final class MainJob {

  private MainJob() {}

  /**
   * Runs the job.
   *
   * @param args options, see the class comment
   */
  public static void main(String[] args) {
    int epochs = 5;
    Path out = Path.of("target", "mnist-mlp.hone");
    java.util.List<String> words = new java.util.ArrayList<>();
    for (String a : args) {
      // accept --epochs=5 as well as --epochs 5; Maven passes one word per property
      words.addAll(java.util.Arrays.asList(a.split("=", 2)));
    }
    words.removeIf(String::isBlank);
    args = words.toArray(String[]::new);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, "--epochs"));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        default -> throw new IllegalArgumentException(
            "unknown option '" + args[i] + "'; expected --epochs N or --out FILE");
      }
    }
    Progress.setDefault(() -> new TerminalProgressBar(System.err));
    Split mnist = Datasets.mnist().standardized();
    System.err.printf(Locale.ROOT, "bundled MNIST: %d training and %d test digits%n",
        mnist.train().size(), mnist.test().size());
    TrainConfig config = Train.epochs(epochs).batchSize(128).adam(1e-3);
    TrainedModel model = Model.mlp(784, 128, 64, 10).train(mnist.train(), config);
    Evaluation eval = model.evaluate(mnist.test());
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long bytes = model.save(out);
    Latency latency = Latency.measure(model, mnist.test().row(0), 200, 2000);
    System.out.println();
    System.out.println(model.summary());
    System.out.println();
    System.out.println(resultTable(model, eval, bytes, latency).printAll());
    System.out.println("provenance: " + model.provenance());
    System.out.println("saved to:   " + out);
    System.out.println();
    System.out.println(compress(model, mnist, epochs).toTable().printAll());
  }

  /** The compression tour: each verb on the trained model, measured side by side. */
  static Comparison compress(TrainedModel model, Split mnist, int epochs) {
    TrainConfig tune = Train.epochs(1).batchSize(128).adam(1e-3);
    System.err.println("compressing: prune 50%, prune 90% gradually, remove half the neurons,"
        + " share weights, distill, quantize to INT8");
    PrunedModel half = model.prune(0.5);
    PrunedModel sparse = model.fineTune(mnist.train(), Train.epochs(4).batchSize(128).adam(1e-3)
        .pruneGradually(new PruningSchedule(0, 0.9, 0, 3, 10).global())).pruneGlobal(0.9);
    TrainedModel thin = model.pruneNeurons(0.5).fineTune(mnist.train(), tune);
    ClusteredModel shared = sparse.cluster(5).fineTune(mnist.train(), tune.adam(1e-4));
    TrainedModel student = Model.mlp(784, 64, 10).distill(model, mnist.train(),
        Train.epochs(epochs).batchSize(128).adam(1e-3));
    QuantizedModel int8 = model.quantize(Precision.INT8);
    QuantizedModel halfInt8 = half.quantize(Precision.INT8);
    return Compare.of(model, half, sparse, thin, shared, student, int8, halfInt8)
        .on(mnist.test());
  }

  static Table resultTable(TrainedModel model, Evaluation eval, long fileBytes, Latency latency) {
    DoubleColumn accuracy = DoubleColumn.create("test_accuracy", eval.accuracy());
    DoubleColumn loss = DoubleColumn.create("test_loss", eval.loss());
    DoubleColumn p50 = DoubleColumn.create("latency_p50_us", latency.p50Micros());
    DoubleColumn p99 = DoubleColumn.create("latency_p99_us", latency.p99Micros());
    DoubleColumn rate = DoubleColumn.create("train_samples_per_s",
        model.history().medianSamplesPerSecond());
    accuracy.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    p50.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    p99.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    LongColumn params = LongColumn.create("parameters", model.parameterCount());
    LongColumn bytes = LongColumn.create("file_bytes", fileBytes);
    params.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
    bytes.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
    return Table.create("result", StringColumn.create("model", model.spec().toString()),
        accuracy, loss, params, bytes, p50, p99, rate);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
