package dev.hone.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WeightClusteringTest {

  @Property(tries = 100)
  void every_weight_goes_to_its_nearest_centroid_and_centroids_are_cluster_means(
      @ForAll @IntRange(min = 1, max = 400) int n, @ForAll @IntRange(min = 1, max = 64) int k,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * 0.1);
    }
    WeightClustering.Result res = WeightClustering.cluster(v, k);
    float[] c = res.centroids();
    assertTrue(c.length >= 1 && c.length <= k, "centroids: " + c.length);
    double[] sum = new double[c.length];
    int[] count = new int[c.length];
    for (int i = 0; i < n; i++) {
      int code = res.codes()[i];
      sum[code] += v[i];
      count[code]++;
      double own = Math.abs(v[i] - c[code]);
      for (float other : c) {
        assertTrue(own <= Math.abs(v[i] - other) + 1e-6, "weight " + v[i] + " is nearer "
            + other + " than its centroid " + c[code]);
      }
    }
    for (int j = 0; j < c.length; j++) {
      assertTrue(count[j] > 0, "empty cluster " + j);
      assertEquals(sum[j] / count[j], c[j], 1e-6);
    }
  }

  @Test
  void fewer_distinct_values_than_clusters_give_one_centroid_each() {
    WeightClustering.Result r = WeightClustering.cluster(new float[] {1, 1, 2, 2, 2}, 16);
    assertEquals(2, r.centroids().length);
    assertEquals(1f, r.centroids()[0]);
    assertEquals(2f, r.centroids()[1]);
  }

  @Test
  void bits_outside_two_to_eight_are_rejected_with_their_value() {
    for (int bad : new int[] {0, 1, 9}) {
      var e = assertThrows(IllegalArgumentException.class, () -> WeightClustering.checkBits(bad));
      assertTrue(e.getMessage().contains("was " + bad), e.getMessage());
    }
  }
}
