package dev.hone.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hone.compress.MagnitudePruning;
import dev.hone.runtime.internal.NativeMlp;
import dev.hone.train.PruningSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Zhu and Gupta's gradual pruning: at each pruning step of the schedule, every layer's
 * smallest-magnitude weights are zeroed up to the scheduled sparsity (or, for a global schedule,
 * the smallest of all layers together); between pruning steps the masks are held. Weights pruned earlier are zero, hence smallest, so masks only grow.
 */
final class GradualPruningHook implements StepHook {

  private final PruningSchedule schedule;
  private NDManager root;
  private NDArray[] masks;
  private int stepsPerEpoch;

  GradualPruningHook(PruningSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void start(NativeMlp mlp, NDManager root, int stepsPerEpoch) {
    this.root = root;
    this.stepsPerEpoch = stepsPerEpoch;
    this.masks = new NDArray[mlp.layerCount()];
    if (schedule.prunesAt(0, stepsPerEpoch)) {
      prune(mlp, schedule.sparsityAt(0, stepsPerEpoch));
    }
  }

  @Override
  public void afterStep(NativeMlp mlp, long step) {
    if (schedule.prunesAt(step, stepsPerEpoch)) {
      prune(mlp, schedule.sparsityAt(step, stepsPerEpoch));
    } else {
      hold(mlp);
    }
  }

  private void prune(NativeMlp mlp, double sparsity) {
    List<float[]> weights = new ArrayList<>();
    for (int i = 0; i < masks.length; i++) {
      weights.add(mlp.weightValues(i));
    }
    List<boolean[]> keeps = schedule.acrossLayers() ? MagnitudePruning.globalKeep(weights, sparsity)
        : weights.stream().map(w -> MagnitudePruning.keep(w, sparsity)).toList();
    for (int i = 0; i < masks.length; i++) {
      boolean[] keep = keeps.get(i);
      float[] m = new float[keep.length];
      for (int k = 0; k < keep.length; k++) {
        m[k] = keep[k] ? 1f : 0f;
      }
      if (masks[i] != null) {
        masks[i].close();
      }
      masks[i] = mlp.engineLayout(m, i, root);
    }
    hold(mlp);
  }

  private void hold(NativeMlp mlp) {
    MaskHook.multiply(mlp, masks);
  }
}
