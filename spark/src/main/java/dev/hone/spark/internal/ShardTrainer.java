package dev.hone.spark.internal;

import dev.hone.data.Dataset;
import dev.hone.model.MlpSpec;
import dev.hone.model.TrainedModel;
import dev.hone.provenance.Provenance;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/** The per-partition work of parameter averaging. */
public final class ShardTrainer {

  private ShardTrainer() {}

  /**
   * What one partition sends back after a round.
   *
   * @param partition the partition's index
   * @param weights its weights after the round
   * @param rows its rows
   * @param epochs its figures for each epoch of the round
   */
  public record Result(int partition, Weights weights, int rows, List<double[]> epochs)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Reads a partition's rows into one {@link Rows} (once; the shard is then cached).
   *
   * @param features index of the feature column
   * @param label index of the label column
   * @param name the feature column's name, for errors
   * @param width features per row the model takes
   * @param classes the model's classes
   * @param rows the partition's rows
   * @return one shard, or none for an empty partition
   */
  public static Iterator<Rows> shard(int features, int label, String name, int width,
      int classes, Iterator<Row> rows) {
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      float[] f = new float[width];
      FeatureArrays.copy(r, features, name, width, f, 0);
      x.add(f);
      if (r.isNullAt(label)) {
        throw new IllegalArgumentException("a row's label is null; expected a class in 0.."
            + (classes - 1));
      }
      y.add(((Number) r.get(label)).intValue());
    }
    if (x.isEmpty()) {
      return List.<Rows>of().iterator();
    }
    float[] flat = new float[x.size() * width];
    for (int i = 0; i < x.size(); i++) {
      System.arraycopy(x.get(i), 0, flat, i * width, width);
    }
    int p = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
    int[] labels = y.stream().mapToInt(Integer::intValue).toArray();
    // ofFlat checks every label is a class and every feature finite, naming the row.
    Dataset.ofFlat("partition " + p, flat, width, labels, classes);
    return List.of(new Rows("partition " + p, flat, width, labels, classes)).iterator();
  }

  /** Trains one shard for one round from the broadcast weights. */
  public static final class Round implements Function<Rows, Result> {
    private static final long serialVersionUID = 1L;

    private final Serializable spec;
    private final Serializable config;
    private final Broadcast<Weights> start;
    private final long seed;

    /**
     * @param spec the encoded spec
     * @param config the encoded config of this round (its epochs and learning rate)
     * @param start the weights every partition starts from (the first round: the spec's seeded
     *     initial weights, as local training starts from)
     * @param seed the round's shuffling seed; each partition adds its index
     */
    public Round(Serializable spec, Serializable config, Broadcast<Weights> start, long seed) {
      this.spec = spec;
      this.config = config;
      this.start = start;
      this.seed = seed;
    }

    @Override
    public Result call(Rows shard) {
      int p = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
      MlpSpec s = RecordCodec.decode(spec, MlpSpec.class);
      // Progress belongs to the driver: a local executor shares its JVM, and the default
      // listener would draw every shard's bar into the driver's notebook.
      TrainConfig c = RecordCodec.decode(config, TrainConfig.class).seed(seed + p)
          .listener(TrainingListener.NONE);
      Dataset data = shard.toDataset();
      // The trainer that spec.train(...) runs, from the same starting weights.
      TrainedModel m = new TrainedModel(s, start.value().toLayers(), History.empty(),
          Provenance.of(s.toStep())).fineTune(data, c);
      List<double[]> epochs = new ArrayList<>();
      for (EpochStats e : m.history().epochs()) {
        epochs.add(new double[] {e.trainLoss(), e.trainAccuracy(), e.learningRate(),
            e.seconds()});
      }
      return new Result(p, Weights.of(m.denseLayers()), shard.labels().length, epochs);
    }
  }
}
