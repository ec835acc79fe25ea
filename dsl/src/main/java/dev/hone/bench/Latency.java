package dev.hone.bench;

import dev.hone.model.Network;
import dev.hone.model.Predictor;
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
   * @param warmup untimed calls first, >= 0; when above 0, warm-up also lasts at least 0.3 s
   * @param iterations timed calls, > 0
   * @return the percentiles
   */
  public static Latency measure(Network model, float[] row, int warmup, int iterations) {
    if (warmup < 0 || iterations <= 0) {
      throw new IllegalArgumentException("need warmup >= 0 and iterations > 0, were " + warmup
          + " and " + iterations);
    }
    long[] nanos = new long[iterations];
    try (Predictor p = model.predictor()) {
      // Warm up by count and by time: the JIT compiles a heap kernel's loops only after some
      // tens of thousands of iterations, and a short count would time the interpreter.
      long until = System.nanoTime() + (warmup > 0 ? MIN_WARMUP_NANOS : 0);
      for (int i = 0; i < warmup || System.nanoTime() < until; i++) {
        p.predict(row);
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

  /** The least warm-up time when warm-up is asked for. */
  static final long MIN_WARMUP_NANOS = 300_000_000L;

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
