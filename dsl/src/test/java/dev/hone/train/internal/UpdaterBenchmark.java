package dev.hone.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hone.runtime.internal.Engines;
import dev.hone.train.Optimizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A benchmark, not a test: microseconds per Adam step over the parameters of
 * {@code mlp(784,128,64,10)}: DJL's fused native update, Hone's in-place engine one and Hone's
 * Java-heap one (the default on the CPU), in
 * alternating blocks of 50 steps (best and median of 20 blocks each, so other processes on the
 * machine show up as a spread, not as a bias against one side).
 *
 * <pre>{@code
 * mvn -q -o -B -pl dsl test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dhone.main=dev.hone.train.internal.UpdaterBenchmark
 * }</pre>
 */
public final class UpdaterBenchmark {

  private UpdaterBenchmark() {}

  /**
   * Runs it.
   *
   * @param args none
   */
  public static void main(String[] args) {
    long[][] shapes = {{128, 784}, {128}, {64, 128}, {64}, {10, 64}, {10}};
    try (NDManager m = Engines.engine().newBaseManager(ai.djl.Device.cpu())) {
      Engines.gradMode(false);
      NDArray[][] params = new NDArray[3][shapes.length];
      NDArray[] grads = new NDArray[shapes.length];
      for (int i = 0; i < shapes.length; i++) {
        params[0][i] = m.randomNormal(new Shape(shapes[i]));
        params[1][i] = params[0][i].duplicate();
        params[2][i] = params[0][i].duplicate();
        grads[i] = m.randomNormal(new Shape(shapes[i])).mul(0.01f);
      }
      Optimizer adam = new Optimizer.Adam(1e-3);
      Updater[] updaters = {new Updater(adam, 0, params[0], m, true, Long.MAX_VALUE, false),
          new Updater(adam, 0, params[1], m, true, Updater.IN_PLACE_MIN_SIZE, false),
          new Updater(adam, 0, params[2], m, true, Updater.IN_PLACE_MIN_SIZE)};
      String[] names = {"DJL fused adamUpdate", "engine in-place (large)", "Java heap (default)"};
      int blocks = 20;
      int steps = 50;
      double[][] micros = new double[updaters.length][blocks];
      for (int b = -2; b < blocks; b++) {
        for (int u = 0; u < updaters.length; u++) {
          long t0 = System.nanoTime();
          for (int s = 0; s < steps; s++) {
            updaters[u].apply(params[u], grads, 1e-3);
          }
          if (b >= 0) {
            micros[u][b] = (System.nanoTime() - t0) / 1e3 / steps;
          }
        }
      }
      for (int u = 0; u < updaters.length; u++) {
        double[] s = micros[u].clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-26s best %6.0f us/step, median %6.0f%n", names[u], s[0],
            (s[blocks / 2 - 1] + s[blocks / 2]) / 2);
      }
    }
  }
}
