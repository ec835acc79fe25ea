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
      float[] w = layer.weights();
      long[] mask = new long[(w.length + 63) / 64];
      int kept = 0;
      for (int i = 0; i < w.length; i++) {
        if (!(layer instanceof SparseLayer s) || s.kept(i)) {
          mask[i >>> 6] |= 1L << i;
          kept++;
        }
      }
      float[] values = new float[kept];
      int k = 0;
      for (int i = 0; i < w.length; i++) {
        if ((mask[i >>> 6] & (1L << i)) != 0) {
          values[k++] = w[i];
        }
      }
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
}
