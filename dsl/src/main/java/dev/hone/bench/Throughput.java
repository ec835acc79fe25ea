package dev.hone.bench;

import dev.hone.data.Dataset;
import dev.hone.model.Network;
import dev.hone.model.Predictor;
import dev.hone.runtime.Serving;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Batched prediction throughput, measured on the real model with warm-up: samples per second
 * at the median batch time.
 *
 * <pre>{@code
 * Throughput t = Throughput.measure(model, mnist.test(), 256, 20, 50);
 * t.samplesPerSecond();
 * }</pre>
 *
 * @param samplesPerSecond rows per second at the median batch time
 * @param batch rows per call
 * @param medianMicrosPerBatch median time of one batched call, in microseconds
 * @param timedBatches timed calls
 */
public record Throughput(double samplesPerSecond, int batch, double medianMicrosPerBatch,
    int timedBatches) {

  /** Batches built from the data before timing; calls cycle through them. */
  private static final int MAX_DISTINCT_BATCHES = 8;

  /**
   * Times {@code timedBatches} calls of {@code batch} rows each after {@code warmupBatches}
   * untimed ones, on one open predictor (weights loaded once, as a server would). Batches are
   * taken from the data in order, wrapping around when it has fewer rows than needed, and are
   * copied out before timing so that only prediction is timed.
   *
   * @param model the model, in any form
   * @param data rows that fit the model
   * @param batch rows per call, > 0
   * @param warmupBatches untimed calls first, >= 0
   * @param timedBatches timed calls, > 0
   * @return the median throughput
   * @throws IllegalArgumentException when a count is out of range, the data is empty or does
   *     not fit the model
   */
  public static Throughput measure(Network model, Dataset data, int batch, int warmupBatches,
      int timedBatches) {
    return measure(model, Serving.auto(), data, batch, warmupBatches, timedBatches);
  }

  /**
   * Times batched predictions on a chosen runtime.
   *
   * <pre>{@code
   * Throughput.measure(model, Serving.on(Backend.ONNX_RUNTIME), mnist.test(), 256, 20, 50);
   * }</pre>
   *
   * @param model the model, in any form
   * @param serving the backend, device and threads
   * @param data rows that fit the model
   * @param batch rows per call, > 0
   * @param warmupBatches untimed calls first, >= 0
   * @param timedBatches timed calls, > 0
   * @return the median throughput
   */
  public static Throughput measure(Network model, Serving serving, Dataset data, int batch,
      int warmupBatches, int timedBatches) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(data, "data");
    if (batch <= 0 || warmupBatches < 0 || timedBatches <= 0) {
      throw new IllegalArgumentException("need batch > 0, warmupBatches >= 0 and timedBatches"
          + " > 0, were " + batch + ", " + warmupBatches + " and " + timedBatches);
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException("the data '" + data.name() + "' has no rows");
    }
    model.spec().checkFits(data);
    float[][] batches = batches(data, batch);
    long[] nanos = new long[timedBatches];
    try (Predictor p = model.predictor(serving)) {
      for (int i = 0; i < warmupBatches; i++) {
        p.logits(batches[i % batches.length], batch);
      }
      for (int i = 0; i < timedBatches; i++) {
        float[] x = batches[i % batches.length];
        long t = System.nanoTime();
        p.logits(x, batch);
        nanos[i] = System.nanoTime() - t;
      }
    }
    Arrays.sort(nanos);
    int mid = nanos.length / 2;
    double median = nanos.length % 2 == 1 ? nanos[mid] : (nanos[mid - 1] + nanos[mid]) / 2.0;
    double perBatch = Math.max(median, 1.0);
    return new Throughput(batch * 1e9 / perBatch, batch, perBatch / 1000.0, timedBatches);
  }

  private static float[][] batches(Dataset data, int batch) {
    int features = data.featureCount();
    int distinct = (int) Math.min(MAX_DISTINCT_BATCHES,
        Math.max(1, ((long) data.size() + batch - 1) / batch));
    FloatBuffer all = data.featureBuffer();
    float[][] out = new float[distinct][];
    int row = 0;
    for (int b = 0; b < distinct; b++) {
      float[] x = new float[batch * features];
      for (int r = 0; r < batch; r++) {
        all.get(row * features, x, r * features, features);
        row = (row + 1) % data.size();
      }
      out[b] = x;
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%,.0f samples/s at batch %d (median %.1f us per batch,"
        + " %d batches)", samplesPerSecond, batch, medianMicrosPerBatch, timedBatches);
  }
}
