package dev.hone.spark;

import dev.hone.layer.Dense;
import dev.hone.model.MlpSpec;
import dev.hone.model.TrainedModel;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.spark.internal.FeatureArrays;
import dev.hone.spark.internal.JobFailures;
import dev.hone.spark.internal.RecordCodec;
import dev.hone.spark.internal.Rows;
import dev.hone.spark.internal.ShardTrainer;
import dev.hone.spark.internal.Weights;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.LearningRateSchedule;
import dev.hone.train.StopReason;
import dev.hone.train.TrainConfig;
import dev.hone.train.internal.MlpTrainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Data-parallel training on Spark by parameter averaging, as Deeplearning4j's Spark training
 * did (Zinkevich et al. 2010, "Parallelized stochastic gradient descent"; McMahan et al. 2017
 * call the same loop federated averaging): each partition of the DataFrame is one shard; every
 * round, the driver broadcasts the current weights, each partition trains on its shard for
 * {@link #averageEvery(int)} epochs from them, and the driver averages what comes back, each
 * shard weighted by its rows. The result is a normal {@link TrainedModel} whose provenance says
 * how it was trained.
 *
 * <p>Exactness: with one partition and one round ({@code averageEvery} = epochs) it runs the
 * same trainer on the same rows from the same seeded weights as {@code spec.train(data,
 * config)} and gives the same weights. Each round restarts the optimizer's state (Adam's
 * moments, momentum) and takes the learning rate the config's schedule gives at the round's
 * first epoch, held for the round; SGD with a constant rate loses least to that.
 *
 * <pre>{@code
 * var frame = SparkData.frame(spark, mnist.train(), 4);         // 4 shards
 * TrainedModel m = SparkTraining.of(Model.mlp(784, 64, 10), Train.epochs(6).sgd(0.1))
 *     .averageEvery(1)
 *     .fit(frame);
 * m.provenance();   // mlp(784,64,10) > spark_train(epochs=6, ..., partitions=4, average_every=1)
 * }</pre>
 */
public final class SparkTraining {

  /**
   * What a distributed run did, besides the model.
   *
   * @param model the trained model
   * @param partitions shards trained in parallel
   * @param rounds averaging rounds
   * @param bytesPerRound bytes shipped per round: the weights broadcast once to each partition
   *     and sent back by each
   * @param roundSeconds wall seconds of each round
   * @param slowestTaskSeconds the slowest partition's training seconds in each round
   */
  public record Run(TrainedModel model, int partitions, int rounds, long bytesPerRound,
      List<Double> roundSeconds, List<Double> slowestTaskSeconds) {

    /** Copies the lists. */
    public Run {
      roundSeconds = List.copyOf(roundSeconds);
      slowestTaskSeconds = List.copyOf(slowestTaskSeconds);
    }
  }

  private final MlpSpec spec;
  private final TrainConfig config;
  private final int averageEvery;
  private final String features;
  private final String label;

  private SparkTraining(MlpSpec spec, TrainConfig config, int averageEvery, String features,
      String label) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.config = Objects.requireNonNull(config, "config");
    if (averageEvery <= 0) {
      throw new IllegalArgumentException("averageEvery must be > 0 epochs, was "
          + averageEvery);
    }
    if (config.validationFraction() > 0 || config.earlyStoppingPatience() > 0
        || config.pruningSchedule().isPresent()) {
      throw new IllegalArgumentException("parameter averaging trains without a validation"
          + " split, early stopping or gradual pruning (the config has " + config.describe()
          + "); validate and prune the returned model on the driver instead");
    }
    this.averageEvery = averageEvery;
    this.features = Objects.requireNonNull(features, "features");
    this.label = Objects.requireNonNull(label, "label");
  }

  /**
   * Returns a distributed training of the spec with the config, averaging after every epoch.
   *
   * <pre>{@code
   * SparkTraining t = SparkTraining.of(Model.mlp(784, 64, 10), Train.epochs(4).sgd(0.1));
   * }</pre>
   *
   * @param spec the model to train
   * @param config epochs, batch size (per partition), seed, optimizer
   * @return the training
   * @throws IllegalArgumentException when the config asks for validation, early stopping or
   *     gradual pruning, which averaging does not do
   */
  public static SparkTraining of(MlpSpec spec, TrainConfig config) {
    return new SparkTraining(spec, config, 1, SparkData.FEATURES, SparkData.LABEL);
  }

  /**
   * Returns a copy that averages after every {@code epochs} epochs (the last round may be
   * shorter). Fewer rounds ship fewer bytes; more rounds keep the shards' models closer.
   *
   * <pre>{@code
   * SparkTraining.of(spec, Train.epochs(6)).averageEvery(2);   // 3 rounds
   * }</pre>
   *
   * @param epochs epochs per round, > 0
   * @return the copy
   * @throws IllegalArgumentException when epochs is not positive
   */
  public SparkTraining averageEvery(int epochs) {
    return new SparkTraining(spec, config, epochs, features, label);
  }

  /**
   * Returns a copy that reads other columns.
   *
   * <pre>{@code
   * SparkTraining.of(spec, config).columns("pixels", "digit").fit(frame);
   * }</pre>
   *
   * @param featureColumn an {@code array<float>} or {@code array<double>} column
   * @param labelColumn an integer column of classes
   * @return the copy
   */
  public SparkTraining columns(String featureColumn, String labelColumn) {
    return new SparkTraining(spec, config, averageEvery, featureColumn, labelColumn);
  }

  /**
   * Trains on the frame's partitions and returns the model.
   *
   * <pre>{@code
   * TrainedModel m = SparkTraining.of(spec, config).fit(SparkData.frame(spark, train, 4));
   * }</pre>
   *
   * @param frame rows of features and label; each partition is one shard
   * @return the averaged model
   * @throws IllegalArgumentException naming the column or width when the frame does not fit
   */
  public TrainedModel fit(org.apache.spark.sql.Dataset<Row> frame) {
    return run(frame).model();
  }

  /**
   * Trains on the frame's partitions and returns the model with the run's figures.
   *
   * <pre>{@code
   * SparkTraining.Run r = SparkTraining.of(spec, config).run(frame);
   * r.bytesPerRound();
   * }</pre>
   *
   * @param frame rows of features and label; each partition is one shard
   * @return the model and the run's figures
   * @throws IllegalArgumentException naming the column or width when the frame does not fit
   */
  public Run run(org.apache.spark.sql.Dataset<Row> frame) {
    Objects.requireNonNull(frame, "frame");
    StructType schema = frame.schema();
    int featureIndex = FeatureArrays.checkColumn(schema, features);
    int labelIndex = labelColumn(schema);
    int width = spec.inputs();
    int classes = spec.classes();
    String featureName = features;
    JavaRDD<Rows> shards = frame.javaRDD().mapPartitions(rows -> ShardTrainer.shard(
        featureIndex, labelIndex, featureName, width, classes, rows)).cache();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(frame.sparkSession()
        .sparkContext());
    try {
      long partitions = JobFailures.run(shards::count);
      if (partitions == 0) {
        throw new IllegalArgumentException("the DataFrame has no rows to train on");
      }
      return train(jsc, shards, (int) partitions);
    } finally {
      shards.unpersist(false);
    }
  }

  private Run train(JavaSparkContext jsc, JavaRDD<Rows> shards, int partitions) {
    var specCode = RecordCodec.encode(spec);
    Weights current = Weights.of(MlpTrainer.initialLayers(spec.widths(), spec.activation(),
        config.seed()));
    int epochs = config.epochs();
    List<EpochStats> history = new ArrayList<>();
    List<Double> roundSeconds = new ArrayList<>();
    List<Double> slowest = new ArrayList<>();
    int rounds = 0;
    long bytesPerRound = 0;
    for (int first = 0; first < epochs; first += averageEvery) {
      int n = Math.min(averageEvery, epochs - first);
      // One round is exactly the local run's config; more hold each round's rate constant.
      TrainConfig round = n == epochs ? config : config.epochs(n)
          .schedule(new LearningRateSchedule.Constant())
          .optimizer(config.optimizer().withLearningRate(config.learningRateAt(first)));
      long start = System.nanoTime();
      Broadcast<Weights> b = jsc.broadcast(current);
      List<ShardTrainer.Result> results;
      try {
        long seed = config.seed() + rounds * 1_000_003L;
        results = JobFailures.run(() -> shards.map(new ShardTrainer.Round(specCode,
            RecordCodec.encode(round), b, seed)).collect());
      } finally {
        b.destroy();
      }
      results = new ArrayList<>(results);
      results.sort(Comparator.comparingInt(ShardTrainer.Result::partition));
      current = Weights.average(results.stream().map(ShardTrainer.Result::weights).toList(),
          results.stream().map(ShardTrainer.Result::rows).toList());
      double seconds = (System.nanoTime() - start) / 1e9;
      roundSeconds.add(seconds);
      slowest.add(results.stream().mapToDouble(r -> r.epochs().stream()
          .mapToDouble(e -> e[3]).sum()).max().orElse(0));
      bytesPerRound = 2L * partitions * current.floats() * Float.BYTES;
      history.addAll(epochFigures(results, first, seconds / n, current));
      rounds++;
    }
    List<Dense> layers = current.toLayers();
    Step step = config.toStep("spark_train").with("partitions", partitions)
        .with("average_every", averageEvery).with("rounds", rounds);
    TrainedModel model = new TrainedModel(spec, layers,
        new History(history, StopReason.COMPLETED, ""), Provenance.of(spec.toStep()).then(step));
    return new Run(model, partitions, rounds, bytesPerRound, roundSeconds, slowest);
  }

  private static List<EpochStats> epochFigures(List<ShardTrainer.Result> results, int first,
      double secondsPerEpoch, Weights averaged) {
    long rows = results.stream().mapToLong(ShardTrainer.Result::rows).sum();
    int n = results.get(0).epochs().size();
    long zeros = 0;
    for (float[] w : averaged.weights()) {
      for (float v : w) {
        zeros += v == 0 ? 1 : 0;
      }
    }
    long weights = 0;
    for (float[] w : averaged.weights()) {
      weights += w.length;
    }
    List<EpochStats> out = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      double loss = 0;
      double accuracy = 0;
      for (ShardTrainer.Result r : results) {
        double share = (double) r.rows() / rows;
        loss += share * r.epochs().get(e)[0];
        accuracy += share * r.epochs().get(e)[1];
      }
      out.add(new EpochStats(first + e + 1, loss, accuracy, Double.NaN, Double.NaN,
          results.get(0).epochs().get(e)[2], secondsPerEpoch, rows / secondsPerEpoch,
          (double) zeros / weights));
    }
    return out;
  }

  private int labelColumn(StructType schema) {
    if (schema.getFieldIndex(label).isEmpty()) {
      throw new IllegalArgumentException("the DataFrame has no label column '" + label
          + "'; its columns are " + String.join(", ", schema.fieldNames()));
    }
    int i = schema.fieldIndex(label);
    var t = schema.fields()[i].dataType();
    if (!(t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)
        || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType))) {
      throw new IllegalArgumentException("label column '" + label + "' is " + t.simpleString()
          + "; expected an integer class index");
    }
    return i;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SparkTraining[%s, %s, average every %d epochs]", spec,
        config.describe(), averageEvery);
  }
}
