package dev.hone.train.internal;

import ai.djl.ndarray.NDManager;
import dev.hone.runtime.internal.NativeMlp;
import java.util.List;

/**
 * Keeps shared weights shared while fine-tuning (Deep Compression's centroid fine-tuning): after
 * each optimizer step, every weight of a cluster is set to the mean of the cluster's updated
 * weights, and pruned weights (cluster -1) to zero. With plain SGD this moves each centroid by
 * the learning rate times the mean gradient of its weights; the paper sums the gradients instead,
 * which differs by a constant factor per centroid.
 */
public final class SharedWeightsHook implements StepHook {

  private final List<int[]> assignments;
  private final int[] clusters;

  /**
   * Makes the hook.
   *
   * @param assignments per layer, the cluster of each weight (row-major), -1 for pruned
   * @param clusters per layer, the number of clusters
   */
  public SharedWeightsHook(List<int[]> assignments, int[] clusters) {
    this.assignments = assignments;
    this.clusters = clusters.clone();
  }

  @Override
  public void start(NativeMlp mlp, NDManager root, int stepsPerEpoch) {
    share(mlp);
  }

  @Override
  public void afterStep(NativeMlp mlp, long step) {
    share(mlp);
  }

  /** Returns each layer's centroids as the trainer left them. */
  public static float[] centroids(float[] weights, int[] assignment, int clusters) {
    double[] sum = new double[clusters];
    int[] count = new int[clusters];
    for (int i = 0; i < weights.length; i++) {
      int c = assignment[i];
      if (c >= 0) {
        sum[c] += weights[i];
        count[c]++;
      }
    }
    float[] centroids = new float[clusters];
    for (int c = 0; c < clusters; c++) {
      centroids[c] = count[c] == 0 ? 0f : (float) (sum[c] / count[c]);
    }
    return centroids;
  }

  private void share(NativeMlp mlp) {
    for (int l = 0; l < assignments.size(); l++) {
      int[] a = assignments.get(l);
      float[] w = mlp.weightValues(l);
      float[] c = centroids(w, a, clusters[l]);
      for (int i = 0; i < w.length; i++) {
        w[i] = a[i] < 0 ? 0f : c[a[i]];
      }
      mlp.setWeightValues(l, w);
    }
  }
}
