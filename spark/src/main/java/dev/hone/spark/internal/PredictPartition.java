package dev.hone.spark.internal;

import dev.hone.model.Network;
import dev.hone.model.Predictor;
import dev.hone.runtime.Serving;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Predicts one partition: loads the broadcast model once, opens one predictor, and streams the
 * partition through it in batches, so memory stays at one batch however large the partition.
 */
public final class PredictPartition implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> model;
  private final int featureColumn;
  private final String featureName;
  private final int[] keep;
  private final int batch;
  private final int threads;

  /**
   * @param model the model's {@code .hone} bytes
   * @param featureColumn index of the feature column
   * @param featureName its name, for errors
   * @param keep indices of the columns copied to the output, before the prediction
   * @param batch rows per predictor call
   * @param threads runtime threads of the partition's predictor
   */
  public PredictPartition(Broadcast<byte[]> model, int featureColumn, String featureName,
      int[] keep, int batch, int threads) {
    this.model = model;
    this.featureColumn = featureColumn;
    this.featureName = featureName;
    this.keep = keep.clone();
    this.batch = batch;
    this.threads = threads;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    if (!input.hasNext()) {
      return input;
    }
    Network net = ModelBytes.load(model.value());
    Predictor predictor = net.predictor(Serving.auto().threads(threads));
    TaskContext task = TaskContext.get();
    if (task != null) {
      // Closed however the task ends: exhausted, failed or killed.
      task.addTaskCompletionListener((TaskCompletionListener) ctx -> predictor.close());
    }
    int width = net.spec().inputs();
    int classes = net.spec().classes();
    return new Iterator<>() {
      private final List<Row> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < pending.size()) {
          return true;
        }
        if (!input.hasNext()) {
          if (task == null) {
            predictor.close();
          }
          return false;
        }
        fill();
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.get(next++);
      }

      private void fill() {
        List<Row> in = new ArrayList<>(batch);
        while (in.size() < batch && input.hasNext()) {
          in.add(input.next());
        }
        float[] x = new float[in.size() * width];
        for (int r = 0; r < in.size(); r++) {
          FeatureArrays.copy(in.get(r), featureColumn, featureName, width, x, r * width);
        }
        float[] logits = predictor.logits(x, in.size());
        pending.clear();
        next = 0;
        for (int r = 0; r < in.size(); r++) {
          Object[] values = new Object[keep.length + 1];
          for (int k = 0; k < keep.length; k++) {
            values[k] = in.get(r).get(keep[k]);
          }
          values[keep.length] = argMax(logits, r * classes, classes);
          pending.add(RowFactory.create(values));
        }
      }
    };
  }

  private static int argMax(float[] z, int from, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (z[from + i] > z[from + best]) {
        best = i;
      }
    }
    return best;
  }
}
