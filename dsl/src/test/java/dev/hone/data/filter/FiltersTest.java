package dev.hone.data.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.model.Model;
import dev.hone.runtime.Device;
import dev.hone.train.Train;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Filters by task, quality and correlation on seeded synthetic data. */
class FiltersTest {

  /** Three classes; f0 tells the class, f1 = 2 * f0 + tiny noise, f2 = exp(f0), f3 noise. */
  private static Dataset synthetic(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * 4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3 == 0 && i % 2 == 0 ? 2 : i % 3 == 0 ? 1 : 0;
      double f0 = y[i] * 2 + r.nextGaussian() * 0.3;
      x[i * 4] = (float) f0;
      x[i * 4 + 1] = (float) (2 * f0 + r.nextGaussian() * 0.01);
      x[i * 4 + 2] = (float) Math.exp(f0);
      x[i * 4 + 3] = (float) r.nextGaussian();
    }
    return Dataset.ofFlat("syn", x, 4, y, 3).withClassNames(List.of("a", "b", "c"));
  }

  @Test
  void keep_classes_and_relabel_renumber_and_name_the_classes() {
    Dataset d = synthetic(60, 1);
    Dataset two = Filters.keepClasses(d, "c", "a");
    assertEquals(List.of("c", "a"), two.classNames());
    assertEquals(d.classCounts()[2] + d.classCounts()[0], two.size());
    Dataset merged = Filters.relabel(d, Map.of("a", "x", "b", "y", "c", "y"));
    assertEquals(2, merged.classes());
    var e = assertThrows(IllegalArgumentException.class, () -> Filters.keepClasses(d, "a", "z"));
    assertTrue(e.getMessage().contains("no class 'z'") && e.getMessage().contains("[a, b, c]"));
    assertThrows(IllegalArgumentException.class,
        () -> Filters.relabel(d, Map.of("a", "x", "b", "x")));
  }

  @Test
  void balance_down_and_up_equalise_the_class_counts() {
    Dataset d = synthetic(60, 2);
    int[] counts = d.classCounts();
    int min = Arrays.stream(counts).min().orElseThrow();
    int max = Arrays.stream(counts).max().orElseThrow();
    assertArrayEquals(new int[] {min, min, min}, Filters.balance(d, Balance.DOWN, 3).classCounts());
    assertArrayEquals(new int[] {max, max, max}, Filters.balance(d, Balance.UP, 3).classCounts());
  }

  @Test
  void a_feature_nearly_equal_to_another_is_dropped_by_pearson_and_a_monotone_one_by_spearman() {
    Dataset d = synthetic(300, 3);
    FeatureSelection p = Filters.correlated(d, 0.95, Correlation.PEARSON);
    assertTrue(p.dropped().contains("f1"), p.dropped().toString());
    assertTrue(p.kept().contains("f0") && p.kept().contains("f3"));
    FeatureSelection s = Filters.correlated(d, 0.95, Correlation.SPEARMAN);
    assertEquals(List.of("f1", "f2"), s.dropped(), "exp(f0) has rank correlation 1 with f0");
    assertEquals(2, s.data().featureCount());
    assertEquals(d.classNames(), s.data().classNames());
  }

  @Test
  void ranking_puts_informative_features_first_and_top_k_keeps_them() {
    Dataset d = synthetic(300, 4);
    var mi = Filters.rank(d, Correlation.MUTUAL_INFORMATION);
    assertEquals("f3", mi.stringColumn("feature").get(3), "noise ranks last");
    FeatureSelection top = Filters.topK(d, 1, Correlation.PEARSON);
    assertEquals(1, top.kept().size());
    assertTrue(!top.kept().contains("f3"));
    assertThrows(IllegalArgumentException.class, () -> Filters.topK(d, 5, Correlation.PEARSON));
  }

  @Test
  void flipped_labels_are_found_by_their_out_of_fold_probability() {
    Dataset clean = synthetic(300, 5);
    int[] y = clean.labels();
    int[] flipped = {7, 40, 111, 222, 280};
    for (int r : flipped) {
      y[r] = (y[r] + 1) % 3;
    }
    float[] x = new float[clean.size() * 4];
    clean.featureBuffer().get(x);
    Dataset noisy = Dataset.ofFlat("noisy", x, 4, y, 3);
    Mislabeled m = Model.mlp(4, 16, 3).findMislabeled(noisy,
        Train.epochs(15).batchSize(32).adam(1e-2).seed(1).device(Device.cpu()), 5, 0.2);
    List<Integer> found = Arrays.stream(m.rows()).boxed().toList();
    long hits = Arrays.stream(flipped).filter(found::contains).count();
    assertTrue(hits >= 4, "recall: found " + found);
    assertTrue(found.size() <= 10, "precision: found " + found);
    assertEquals(noisy.size() - found.size(), m.cleaned().size());
  }
}
