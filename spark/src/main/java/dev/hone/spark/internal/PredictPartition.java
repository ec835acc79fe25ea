package dev.hone.spark.internal;

import dev.hone.model.Network;
import dev.hone.model.Predictor;
import dev.hone.runtime.Serving;
import dev.hone.runtime.internal.Logits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Predicts one partition: loads the broadcast model once, opens one predictor, and streams the
 * partition through it in batches, so memory stays at one batch however large the partition.
 * It reads Spark's internal rows: a feature array comes out as one copy of its floats, where the
 * public {@code Row} form would rebuild each array element by element (measured: about 50 us a
 * row of 784 floats, more than the prediction itself).
 */
public final class PredictPartition implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> model;
  private final int featureColumn;
  private final String featureName;
  private final boolean doubles;
  private final int[] keep;
  private final DataType[] keepTypes;
  private final int batch;
  private final int threads;

  /**
   * @param model the model's {@code .hone} bytes
   * @param featureColumn index of the feature column
   * @param featureName its name, for errors
   * @param doubles whether the features are doubles (else floats)
   * @param keep indices of the columns copied to the output, before the prediction
   * @param keepTypes their types
   * @param batch rows per predictor call
   * @param threads runtime threads of the partition's predictor
   */
  public PredictPartition(Broadcast<byte[]> model, int featureColumn, String featureName,
      boolean doubles, int[] keep, DataType[] keepTypes, int batch, int threads) {
    this.model = model;
    this.featureColumn = featureColumn;
    this.featureName = featureName;
    this.doubles = doubles;
    this.keep = keep.clone();
    this.keepTypes = keepTypes.clone();
    this.batch = batch;
    this.threads = threads;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> input) {
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
      private final List<InternalRow> pending = new ArrayList<>();
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
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.get(next++);
      }

      private void fill() {
        float[] x = new float[batch * width];
        List<Object[]> kept = new ArrayList<>(batch);
        int n = 0;
        while (n < batch && input.hasNext()) {
          InternalRow row = input.next();
          readFeatures(row, x, n * width, width);
          Object[] values = new Object[keep.length + 1];
          for (int k = 0; k < keep.length; k++) {
            Object v = row.get(keep[k], keepTypes[k]);
            // The input row's buffer is reused for the next row: keep copies of what it holds.
            values[k] = v instanceof org.apache.spark.unsafe.types.UTF8String s ? s.clone()
                : v instanceof ArrayData a ? a.copy()
                : v instanceof InternalRow r ? r.copy() : v;
          }
          kept.add(values);
          n++;
        }
        float[] logits = predictor.logits(n == batch ? x : java.util.Arrays.copyOf(x,
            n * width), n);
        pending.clear();
        next = 0;
        for (int r = 0; r < n; r++) {
          Object[] values = kept.get(r);
          values[keep.length] = Logits.argMax(logits, r * classes, classes);
          pending.add(new GenericInternalRow(values));
        }
      }
    };
  }

  private void readFeatures(InternalRow row, float[] into, int offset, int width) {
    if (row.isNullAt(featureColumn)) {
      throw new IllegalArgumentException("a row's feature column '" + featureName + "' is null;"
          + " expected " + width + " features");
    }
    ArrayData a = row.getArray(featureColumn);
    if (a.numElements() != width) {
      throw new IllegalArgumentException("feature column '" + featureName + "' has a row of "
          + a.numElements() + " values, but the model takes " + width + " features per row");
    }
    for (int i = 0; i < width; i++) {
      if (a.isNullAt(i)) {
        throw new IllegalArgumentException("feature " + i + " of column '" + featureName
            + "' is null; expected a number");
      }
      into[offset + i] = doubles ? (float) a.getDouble(i) : a.getFloat(i);
    }
  }
}
