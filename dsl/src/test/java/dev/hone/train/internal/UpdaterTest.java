package dev.hone.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hone.runtime.internal.Engines;
import dev.hone.train.Optimizer;
import org.junit.jupiter.api.Test;

/** Checks each update rule against torch.optim's formulas worked by hand on one weight. */
class UpdaterTest {

  private static double[] run(Optimizer o, double wd, double w0, double[] grads, double lr) {
    Engines.gradMode(false);
    try (NDManager m = Engines.engine().newBaseManager(ai.djl.Device.cpu())) {
      NDArray w = m.create(new float[] {(float) w0});
      Updater u = new Updater(o, wd, new NDArray[] {w}, m);
      double[] out = new double[grads.length];
      for (int i = 0; i < grads.length; i++) {
        NDArray g = m.create(new float[] {(float) grads[i]});
        u.apply(new NDArray[] {w}, new NDArray[] {g}, lr);
        out[i] = w.getFloat();
      }
      return out;
    }
  }

  @Test
  void sgd_steps_against_the_gradient_with_l2_decay() {
    double[] w = run(new Optimizer.Sgd(0.1), 0.5, 1.0, new double[] {2.0}, 0.1);
    assertEquals(1.0 - 0.1 * (2.0 + 0.5 * 1.0), w[0], 1e-6);
  }

  @Test
  void momentum_and_nesterov_follow_torch() {
    double[] m = run(new Optimizer.Momentum(0.1, 0.9, false), 0, 1, new double[] {1, 1}, 0.1);
    assertEquals(0.9, m[0], 1e-6);
    assertEquals(0.9 - 0.1 * (0.9 * 1 + 1), m[1], 1e-6);
    double[] n = run(new Optimizer.Momentum(0.1, 0.9, true), 0, 1, new double[] {1, 1}, 0.1);
    assertEquals(1 - 0.1 * (1 + 0.9 * 1), n[0], 1e-6);
    assertEquals(n[0] - 0.1 * (1 + 0.9 * 1.9), n[1], 1e-6);
  }

  @Test
  void adam_first_step_moves_by_the_learning_rate() {
    double[] w = run(new Optimizer.Adam(0.01), 0, 1, new double[] {3, -1}, 0.01);
    assertEquals(1 - 0.01, w[0], 1e-5);
    double m = 0.9 * 0.3 + 0.1 * -1;
    double v = 0.999 * 0.009 + 0.001 * 1;
    double step = 0.01 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
    assertEquals(w[0] - step, w[1], 1e-5);
  }

  @Test
  void adamw_decays_the_weight_before_the_adam_step() {
    double[] w = run(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0.5), 0, 2, new double[] {1},
        0.01);
    assertEquals(2 * (1 - 0.01 * 0.5) - 0.01, w[0], 1e-5);
  }

  @Test
  void rmsprop_and_adagrad_divide_by_the_root_mean_square() {
    double[] r = run(new Optimizer.RmsProp(0.01, 0.99, 1e-8), 0, 1, new double[] {2}, 0.01);
    assertEquals(1 - 0.01 * 2 / (Math.sqrt(0.01 * 4) + 1e-8), r[0], 1e-5);
    double[] a = run(new Optimizer.Adagrad(0.1, 1e-10), 0, 1, new double[] {2, 2}, 0.1);
    assertEquals(1 - 0.1, a[0], 1e-6);
    assertEquals(0.9 - 0.1 * 2 / Math.sqrt(8), a[1], 1e-6);
  }
}
