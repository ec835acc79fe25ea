package dev.hone.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.runtime.internal.NativeMlp;

/**
 * One data-parallel replica of the model being trained: its parameters (the trained ones for
 * replica 0, detached views of them or a copy on another device for the others), their gradient
 * handles, and the scope its per-batch arrays go to.
 */
final class Replica {

  final NativeMlp mlp;
  final NDArray[] params;
  /** Whether the parameters are the trained ones' memory (so need no refresh after a step). */
  final boolean shared;
  private NDArray[] grads;

  Replica(NativeMlp mlp, boolean shared) {
    this.mlp = mlp;
    this.params = mlp.parameters();
    this.shared = shared;
  }

  /**
   * Returns the gradient handles, fetched after the first backward pass: autograd then
   * accumulates into the same tensors in place, and zeroGrad zeroes them in place.
   */
  NDArray[] grads() {
    if (grads == null) {
      grads = new NDArray[params.length];
      for (int i = 0; i < params.length; i++) {
        grads[i] = JniUtils.getGradient((PtNDArray) params[i]);
        grads[i].attach(params[i].getManager());
      }
    }
    return grads;
  }

  /** Whether a backward pass has run, so {@link #grads()} exist. */
  boolean hasGrads() {
    return grads != null;
  }

  /** Zeroes the gradients in place. */
  void zeroGrads() {
    for (NDArray p : params) {
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }
}
