package dev.hone.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hone.runtime.internal.NativeMlp;
import java.util.List;

/**
 * Holds pruned weights at exactly zero: after every step each weight is multiplied by its 0/1
 * mask, on the engine and in place. Whatever the optimizer did to a pruned weight (momentum,
 * Adam's moments, weight decay), it is zero again before the next forward pass.
 */
public final class MaskHook implements StepHook {

  private final List<float[]> masks;
  private NDArray[] onEngine;

  /**
   * Makes the hook.
   *
   * @param masks one 0/1 mask per layer, row-major {@code [inputs, outputs]}; null entries mean
   *     the layer is not masked
   */
  public MaskHook(List<float[]> masks) {
    this.masks = masks;
  }

  @Override
  public void start(NativeMlp mlp, NDManager root, int stepsPerEpoch) {
    onEngine = new NDArray[mlp.layerCount()];
    for (int i = 0; i < onEngine.length; i++) {
      if (masks.get(i) != null) {
        onEngine[i] = mlp.engineLayout(masks.get(i), i, root);
      }
    }
    apply(mlp);
  }

  @Override
  public void afterStep(NativeMlp mlp, long step) {
    apply(mlp);
  }

  private void apply(NativeMlp mlp) {
    multiply(mlp, onEngine);
  }

  /** Multiplies each layer's weight by its mask, in place; null masks leave a layer alone. */
  static void multiply(NativeMlp mlp, NDArray[] masks) {
    NDArray[] params = mlp.parameters();
    for (int i = 0; i < masks.length; i++) {
      if (masks[i] != null) {
        params[2 * i].muli(masks[i]);
      }
    }
  }
}
