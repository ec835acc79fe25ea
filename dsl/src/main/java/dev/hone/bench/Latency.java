package dev.hone.bench;

import dev.hone.model.Network;
import dev.hone.model.Predictor;
import dev.hone.runtime.Serving;
import java.util.Arrays;
import java.util.Locale;

/**
 * Single-row prediction latency, measured on the real model with warm-up, as percentiles.
 *
 * <pre>{@code
 * Latency l = Latency.measure(model, mnist.test().row(0), 200, 2000);
 * l.p50Micros();
 * }</pre>
 *
 * @param p50Micros median, in microseconds
 * @param p90Micros 90th percentile
 * @param p99Micros 99th percentile
 * @param iterations timed calls
 */
public record Latency(double p50Micros, double p90Micros, double p99Micros, int iterations) {

  /**
   * Times {@code iterations} single-row predictions after {@code warmup} untimed ones, on one
   * open predictor (weights loaded once, as a server would).
   *
   * @param model the model, in any form (dense, pruned, clustered)
   * @param row one input row
   * @param warmup untimed calls first, >= 0; when above 0, warm-up then goes on in rounds until
   *     the median call time is steady (at least 0.5 s, at most 5 s)
   * @param iterations timed calls, > 0
   * @return the percentiles
   */
  public static Latency measure(Network model, float[] row, int warmup, int iterations) {
    return measure(model, Serving.auto(), row, warmup, iterations);
  }

  /**
   * Times single-row predictions on a chosen runtime ({@link #measure(Network, float[], int,
   * int)} on the default one).
   *
   * <pre>{@code
   * Latency.measure(model, Serving.on(Backend.ONNX_RUNTIME).threads(1), row, 500, 5000);
   * }</pre>
   *
   * @param model the model, in any form
   * @param serving the backend, device and threads
   * @param row one input row
   * @param warmup untimed calls first, >= 0
   * @param iterations timed calls, > 0
   * @return the percentiles
   */
  public static Latency measure(Network model, Serving serving, float[] row, int warmup,
      int iterations) {
    if (warmup < 0 || iterations <= 0) {
      throw new IllegalArgumentException("need warmup >= 0 and iterations > 0, were " + warmup
          + " and " + iterations);
    }
    long[] nanos = new long[iterations];
    try (Predictor p = model.predictor(serving)) {
      // Warm up by count, then until steady: the JIT compiles a heap kernel's loops only after
      // some tens of thousands of iterations (later still in a busy JVM such as the kernel's),
      // and timing before that measures the interpreter.
      for (int i = 0; i < warmup; i++) {
        p.predict(row);
      }
      if (warmup > 0) {
        warmUntilSteady(p, row);
      }
      for (int i = 0; i < iterations; i++) {
        long t = System.nanoTime();
        p.predict(row);
        nanos[i] = System.nanoTime() - t;
      }
    }
    Arrays.sort(nanos);
    return new Latency(pct(nanos, 0.5), pct(nanos, 0.9), pct(nanos, 0.99), iterations);
  }

  /** The least and the most time spent warming up until steady. */
  static final long MIN_WARMUP_NANOS = 500_000_000L;
  static final long MAX_WARMUP_NANOS = 5_000_000_000L;

  /**
   * Runs rounds of 1,000 calls until at least {@link #MIN_WARMUP_NANOS} have passed and three
   * rounds in a row did not beat the best median by more than 5% (at most
   * {@link #MAX_WARMUP_NANOS}).
   */
  private static void warmUntilSteady(Predictor p, float[] row) {
    long start = System.nanoTime();
    long best = Long.MAX_VALUE;
    int calm = 0;
    long[] round = new long[1000];
    while (true) {
      for (int i = 0; i < round.length; i++) {
        long t = System.nanoTime();
        p.predict(row);
        round[i] = System.nanoTime() - t;
      }
      Arrays.sort(round);
      long median = round[round.length / 2];
      calm = median < best * 0.95 ? 0 : calm + 1;
      best = Math.min(best, median);
      long spent = System.nanoTime() - start;
      if ((calm >= 3 && spent >= MIN_WARMUP_NANOS) || spent >= MAX_WARMUP_NANOS) {
        return;
      }
    }
  }

  private static double pct(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(i, 0)] / 1000.0;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "p50 %.1f us, p90 %.1f us, p99 %.1f us (%d calls)",
        p50Micros, p90Micros, p99Micros, iterations);
  }
}
