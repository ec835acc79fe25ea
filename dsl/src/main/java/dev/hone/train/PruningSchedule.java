package dev.hone.train;

import java.util.Locale;

/**
 * Gradual magnitude pruning during training, with the polynomial schedule of Zhu and Gupta,
 * "To prune, or not to prune: exploring the efficacy of pruning for model compression" (2017):
 *
 * <pre>
 * s_t = s_f + (s_i - s_f) (1 - (t - t0) / (n dt))^3     for t0 &lt;= t &lt;= t0 + n dt
 * </pre>
 *
 * <p>where {@code t} counts optimizer steps (batches), pruning happens every {@code dt} steps
 * from {@code t0}, and {@code n dt} spans {@code startEpoch} to {@code endEpoch}. At each pruning
 * step the smallest-magnitude weights of every layer are zeroed until the layer reaches
 * {@code s_t}; between pruning steps the zeros are held. Biases are never pruned.
 *
 * <pre>{@code
 * Train.epochs(12).pruneGradually(new PruningSchedule(0.0, 0.9, 1, 9, 10));
 * }</pre>
 *
 * @param initialSparsity {@code s_i}, in [0, 1)
 * @param finalSparsity {@code s_f}, in [initialSparsity, 1)
 * @param startEpoch when pruning starts ({@code t0}, in epochs; fractions allowed), >= 0
 * @param endEpoch when the final sparsity is reached, > startEpoch
 * @param everySteps {@code dt}: optimizer steps between pruning steps, > 0
 * @param acrossLayers whether one magnitude threshold spans all layers (each layer then ends at its own
 *     sparsity, the total at {@code s_t}) instead of every layer reaching {@code s_t}
 */
public record PruningSchedule(double initialSparsity, double finalSparsity, double startEpoch,
    double endEpoch, int everySteps, boolean acrossLayers) {

  /**
   * A per-layer schedule: every layer reaches {@code s_t}.
   *
   * @param initialSparsity {@code s_i}
   * @param finalSparsity {@code s_f}
   * @param startEpoch when pruning starts
   * @param endEpoch when the final sparsity is reached
   * @param everySteps optimizer steps between pruning steps
   */
  public PruningSchedule(double initialSparsity, double finalSparsity, double startEpoch,
      double endEpoch, int everySteps) {
    this(initialSparsity, finalSparsity, startEpoch, endEpoch, everySteps, false);
  }

  /**
   * Returns a copy that prunes with one threshold over all layers (global magnitude pruning):
   * layers with many small weights, usually the large first one, lose more.
   *
   * <pre>{@code
   * Train.epochs(6).pruneGradually(new PruningSchedule(0, 0.9, 0, 4, 10).global())
   * }</pre>
   *
   * @return the global schedule
   */
  public PruningSchedule global() {
    return new PruningSchedule(initialSparsity, finalSparsity, startEpoch, endEpoch, everySteps,
        true);
  }

  /** Checks every field; the message names the bad value. */
  public PruningSchedule {
    if (!(initialSparsity >= 0 && initialSparsity < 1)) {
      throw new IllegalArgumentException("initialSparsity must be in [0, 1), was "
          + initialSparsity);
    }
    if (!(finalSparsity >= initialSparsity && finalSparsity < 1)) {
      throw new IllegalArgumentException("finalSparsity must be in [initialSparsity="
          + initialSparsity + ", 1), was " + finalSparsity);
    }
    if (!(startEpoch >= 0) || !(endEpoch > startEpoch)) {
      throw new IllegalArgumentException("need 0 <= startEpoch < endEpoch, were " + startEpoch
          + " and " + endEpoch);
    }
    if (everySteps <= 0) {
      throw new IllegalArgumentException("everySteps must be > 0, was " + everySteps);
    }
  }

  /**
   * The default schedule for a run of {@code epochs}: from 0 to {@code finalSparsity} over the
   * first three quarters of the epochs, pruning every 10 steps.
   *
   * @param finalSparsity in [0, 1)
   * @param epochs epochs of the run, > 0
   * @return the schedule
   */
  public static PruningSchedule polynomial(double finalSparsity, int epochs) {
    if (epochs <= 0) {
      throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
    }
    return new PruningSchedule(0, finalSparsity, 0, Math.max(1, 0.75 * epochs), 10);
  }

  /**
   * Returns the target sparsity after optimizer step {@code step}.
   *
   * @param step optimizer steps done so far, from 0
   * @param stepsPerEpoch batches per epoch
   * @return {@code s_t}, or 0 before {@code t0}
   */
  public double sparsityAt(long step, int stepsPerEpoch) {
    double t0 = startEpoch * stepsPerEpoch;
    double span = (endEpoch - startEpoch) * stepsPerEpoch;
    if (step < t0) {
      return 0;
    }
    double progress = Math.min(1, (step - t0) / span);
    return finalSparsity + (initialSparsity - finalSparsity) * Math.pow(1 - progress, 3);
  }

  /**
   * Returns whether step {@code step} is a pruning step: {@code t0 + k dt}, up to the end.
   *
   * @param step optimizer steps done so far
   * @param stepsPerEpoch batches per epoch
   * @return true on a pruning step
   */
  public boolean prunesAt(long step, int stepsPerEpoch) {
    long t0 = Math.round(startEpoch * stepsPerEpoch);
    long end = Math.round(endEpoch * stepsPerEpoch);
    return step >= t0 && (step == end || (step < end && (step - t0) % everySteps == 0));
  }

  /** Returns the schedule as a provenance argument. */
  public String describe() {
    return String.format(Locale.ROOT, "gradual(%s->%s, epochs=%s..%s, every=%d%s)",
        initialSparsity, finalSparsity, startEpoch, endEpoch, everySteps,
        acrossLayers ? ", global" : "");
  }
}
