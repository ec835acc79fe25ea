package dev.hone.model;

import dev.hone.compress.MagnitudePruning;
import dev.hone.layer.Layer;
import dev.hone.layer.SparseLayer;
import dev.hone.provenance.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Unstructured magnitude pruning of a dense or pruned model into a pruned one. */
final class Pruner {

  private Pruner() {}

  static PrunedModel perLayer(Network base, Map<Integer, Double> sparsityByLayer, Step step) {
    int n = base.layers().size();
    for (var e : sparsityByLayer.entrySet()) {
      if (e.getKey() == null || e.getKey() < 0 || e.getKey() >= n) {
        throw new IllegalArgumentException("layer " + e.getKey() + " does not exist; "
            + base.spec() + " has layers 0 to " + (n - 1));
      }
      MagnitudePruning.checkSparsity(e.getValue() == null ? Double.NaN : e.getValue());
    }
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Layer layer = base.layers().get(i);
      Double s = sparsityByLayer.get(i);
      if (s == null) {
        out.add(layer);
        continue;
      }
      checkNotSparser("layer " + i, layer.weightCount() - kept(layer), layer.weightCount(), s);
      out.add(SparseLayer.of(layer, MagnitudePruning.keep(rankable(layer), s)));
    }
    return new PrunedModel(base.spec(), out, base.history(), base.provenance().then(step));
  }

  static PrunedModel global(Network base, double sparsity) {
    MagnitudePruning.checkSparsity(sparsity);
    List<float[]> all = new ArrayList<>();
    long pruned = 0;
    long total = 0;
    for (Layer l : base.layers()) {
      all.add(rankable(l));
      pruned += l.weightCount() - kept(l);
      total += l.weightCount();
    }
    checkNotSparser("the model", pruned, total, sparsity);
    List<boolean[]> keep = MagnitudePruning.globalKeep(all, sparsity);
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      out.add(SparseLayer.of(base.layers().get(i), keep.get(i)));
    }
    return new PrunedModel(base.spec(), out, base.history(), base.provenance().then(
        Step.of("prune").with("sparsity", sparsity).with("scope", "global")));
  }

  /** Pruning never brings weights back: asking for less than what is already pruned is an error. */
  private static void checkNotSparser(String name, long prunedNow, long weights,
      double sparsity) {
    if (prunedNow > Math.round(sparsity * weights)) {
      double now = (double) prunedNow / weights;
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s is already %.4f sparse,"
          + " more than the %s asked; ask for at least %.4f", name, now, sparsity, now));
    }
  }

  /** Weights a layer keeps: a pruned layer's mask, or a dense layer's non-zero weights. */
  private static long kept(Layer layer) {
    return layer instanceof SparseLayer s ? s.keptCount() : layer.nonZeroWeights();
  }

  /**
   * The weights as pruning should rank them. Weights already pruned are 0 and must go first;
   * kept weights that training drove to exactly 0 tie with them, so they are ranked just above
   * (the smallest positive float) and a pruned weight never comes back.
   */
  private static float[] rankable(Layer layer) {
    float[] w = layer.weights();
    if (layer instanceof SparseLayer s) {
      for (int i = 0; i < w.length; i++) {
        if (s.kept(i) && w[i] == 0f) {
          w[i] = Float.MIN_VALUE;
        }
      }
    }
    return w;
  }
}
