package dev.hone.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.train.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one optimizer step to the parameters, in place, following {@code torch.optim}'s update
 * rules. Its state arrays (moments) belong to the manager given at construction.
 *
 * <p>Adam and plain SGD run as one fused native call per parameter (DJL's {@code adamUpdate} and
 * {@code sgdUpdate}), which saves about a dozen engine calls and temporaries per parameter and
 * step; the other rules are composed from array ops. The caller turns grad mode off first.
 */
final class Updater {

  private final Optimizer optimizer;
  private final double weightDecay;
  private final NDArray[] first;
  private final NDArray[] second;
  private final List<NDArray> temporaries = new ArrayList<>();
  private final boolean fused;
  private long step;

  Updater(Optimizer optimizer, double weightDecay, NDArray[] params, NDManager manager) {
    this(optimizer, weightDecay, params, manager, true);
  }

  /** As above; {@code allowFused = false} forces the array-op rules (tests compare the two). */
  Updater(Optimizer optimizer, double weightDecay, NDArray[] params, NDManager manager,
      boolean allowFused) {
    this.optimizer = optimizer;
    this.weightDecay = weightDecay;
    first = new NDArray[params.length];
    second = new NDArray[params.length];
    fused = allowFused && fusable(optimizer, weightDecay);
    boolean needsFirst = optimizer instanceof Optimizer.Momentum
        || optimizer instanceof Optimizer.Adam;
    boolean needsSecond = optimizer instanceof Optimizer.Adam
        || optimizer instanceof Optimizer.RmsProp || optimizer instanceof Optimizer.Adagrad;
    for (int i = 0; i < params.length; i++) {
      if (needsFirst) {
        first[i] = manager.zeros(params[i].getShape());
      }
      if (needsSecond) {
        second[i] = manager.zeros(params[i].getShape());
      }
    }
  }

  /**
   * Updates every parameter from its gradient. Results of out-of-place ops land on their first
   * operand's manager, which for state arrays is the long-lived one, so every temporary is
   * registered with {@link #t} and closed before returning.
   *
   * @param params the parameters, changed in place
   * @param grads their gradients, same order
   * @param lr the learning rate for this step
   */
  void apply(NDArray[] params, NDArray[] grads, double lr) {
    step++;
    if (fused) {
      applyFused(params, grads, lr);
      return;
    }
    try {
      applyAll(params, grads, lr);
    } finally {
      temporaries.forEach(NDArray::close);
      temporaries.clear();
    }
  }

  /**
   * Whether the fused native update computes the same rule: Adam with L2 decay or decoupled decay
   * (not both at once), and SGD without momentum.
   */
  static boolean fusable(Optimizer optimizer, double weightDecay) {
    if (optimizer instanceof Optimizer.Adam a) {
      return !(weightDecay > 0 && a.decoupledWeightDecay() > 0);
    }
    return optimizer instanceof Optimizer.Sgd;
  }

  /**
   * DJL's native Adam computes {@code w -= lrc * m / (sqrt(v) + eps')}; torch.optim.Adam computes
   * {@code w -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)} with {@code c_i = 1 - beta_i^t}.
   * Multiplying both terms of the fraction by {@code sqrt(c2)} shows they agree for
   * {@code lrc = lr * sqrt(c2) / c1} and {@code eps' = eps * sqrt(c2)}. Its decoupled decay is
   * {@code w -= lr * wd * w} before the moments, as AdamW's; its L2 decay adds {@code wd * w} to
   * the gradient, as Adam's {@code weight_decay}. A clip bound below 0 turns clipping off.
   */
  private void applyFused(NDArray[] params, NDArray[] grads, double lr) {
    for (int i = 0; i < params.length; i++) {
      PtNDArray w = (PtNDArray) params[i];
      PtNDArray g = (PtNDArray) grads[i];
      if (optimizer instanceof Optimizer.Adam a) {
        double c1 = 1 - Math.pow(a.beta1(), step);
        double c2 = 1 - Math.pow(a.beta2(), step);
        boolean decoupled = a.decoupledWeightDecay() > 0;
        JniUtils.adamUpdate(w, g, (PtNDArray) first[i], (PtNDArray) second[i], (float) lr,
            (float) (lr * Math.sqrt(c2) / c1),
            (float) (decoupled ? a.decoupledWeightDecay() : weightDecay), 1f, -1f,
            (float) a.beta1(), (float) a.beta2(), (float) (a.epsilon() * Math.sqrt(c2)),
            decoupled);
      } else {
        // grad = (g + wd * w) * lr; w -= grad. With momentum 0 the state array is not read.
        JniUtils.sgdUpdate(w, g, g, (float) lr, (float) weightDecay, 1f, -1f, 0f);
      }
    }
  }

  private NDArray t(NDArray temporary) {
    temporaries.add(temporary);
    return temporary;
  }

  private void applyAll(NDArray[] params, NDArray[] grads, double lr) {
    for (int i = 0; i < params.length; i++) {
      NDArray w = params[i];
      NDArray g = weightDecay > 0 ? t(grads[i].add(t(w.mul((float) weightDecay)))) : grads[i];
      if (optimizer instanceof Optimizer.Sgd) {
        w.subi(t(g.mul((float) lr)));
      } else if (optimizer instanceof Optimizer.Momentum m) {
        momentum(w, g, first[i], m, lr);
      } else if (optimizer instanceof Optimizer.Adam a) {
        adam(w, g, first[i], second[i], a, lr);
      } else if (optimizer instanceof Optimizer.RmsProp r) {
        float rho = (float) r.rho();
        second[i].muli(rho).addi(t(g.square()).muli(1 - rho));
        w.subi(t(g.div(t(second[i].sqrt()).addi((float) r.epsilon()))).muli((float) lr));
      } else if (optimizer instanceof Optimizer.Adagrad a) {
        second[i].addi(t(g.square()));
        w.subi(t(g.div(t(second[i].sqrt()).addi((float) a.epsilon()))).muli((float) lr));
      } else {
        throw new IllegalStateException("no update rule for " + optimizer);
      }
    }
  }

  private void momentum(NDArray w, NDArray g, NDArray v, Optimizer.Momentum m, double lr) {
    float mu = (float) m.momentum();
    // torch.optim.SGD starts the buffer at g on the first step, then v = mu*v + g.
    if (step == 1) {
      v.addi(g);
    } else {
      v.muli(mu).addi(g);
    }
    w.subi(m.nesterov() ? t(g.add(t(v.mul(mu)))).muli((float) lr) : t(v.mul((float) lr)));
  }

  private void adam(NDArray w, NDArray g, NDArray m, NDArray v, Optimizer.Adam a, double lr) {
    if (a.decoupledWeightDecay() > 0) {
      w.muli((float) (1 - lr * a.decoupledWeightDecay()));
    }
    float b1 = (float) a.beta1();
    float b2 = (float) a.beta2();
    m.muli(b1).addi(t(g.mul(1 - b1)));
    v.muli(b2).addi(t(g.square()).muli(1 - b2));
    double c1 = 1 - Math.pow(a.beta1(), step);
    double c2 = 1 - Math.pow(a.beta2(), step);
    // torch.optim.Adam: w -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)
    NDArray denom = t(v.sqrt()).muli((float) (1 / Math.sqrt(c2))).addi((float) a.epsilon());
    w.subi(t(m.div(denom)).muli((float) (lr / c1)));
  }
}
