package dev.hone.parallel;

import java.util.List;

/**
 * One batch's mean cross-entropy and the gradient of every parameter, as a pipeline computed
 * them.
 *
 * <pre>{@code
 * PipelineGradients g = PipelineParallel.of(spec).gradients(model, batch);
 * float[] firstWeightGradient = g.gradients().get(0);   // [inputs, outputs], row-major
 * }</pre>
 *
 * @param loss the batch's mean cross-entropy
 * @param gradients weight ({@code [inputs, outputs]} row-major) then bias, per layer
 */
public record PipelineGradients(double loss, List<float[]> gradients) {

  /** Copies the list (the arrays are the caller's to keep). */
  public PipelineGradients {
    gradients = List.copyOf(gradients);
  }
}
