package dev.hone.model;

import dev.hone.compress.WeightClustering;
import dev.hone.layer.CodebookLayer;
import dev.hone.layer.Layer;
import dev.hone.layer.SparseLayer;
import dev.hone.provenance.Step;
import java.util.ArrayList;
import java.util.List;

/** Weight sharing: each layer's kept weights clustered into a codebook. */
final class Clusterer {

  private Clusterer() {}

  static ClusteredModel cluster(Network base, int bits) {
    WeightClustering.checkBits(bits);
    List<Layer> out = new ArrayList<>();
    for (Layer layer : base.layers()) {
      // A dense layer shares all its weights: it is a sparse layer that keeps everything.
      SparseLayer sparse = layer instanceof SparseLayer s ? s
          : SparseLayer.of(layer, keepAll((int) layer.weightCount()));
      long[] mask = sparse.maskWords();
      float[] values = sparse.keptValues();
      int kept = values.length;
      if (kept == 0) {
        throw new IllegalArgumentException("layer " + out.size() + " has no kept weights to"
            + " share");
      }
      WeightClustering.Result r = WeightClustering.cluster(values, 1 << bits);
      byte[] codes = new byte[kept];
      for (int i = 0; i < kept; i++) {
        codes[i] = (byte) r.codes()[i];
      }
      out.add(new CodebookLayer(layer.inputs(), layer.outputs(), bits, r.centroids(), mask, codes,
          layer.biases()));
    }
    return new ClusteredModel(base.spec(), out, base.history(), base.provenance().then(
        Step.of("cluster").with("bits", bits).with("init", "linear")));
  }

  private static boolean[] keepAll(int weights) {
    boolean[] keep = new boolean[weights];
    java.util.Arrays.fill(keep, true);
    return keep;
  }
}
