package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.compress.NeuronPruning;
import dev.hone.data.Split;
import dev.hone.layer.Layer;
import dev.hone.layer.SparseLayer;
import dev.hone.provenance.Provenance;
import dev.hone.train.History;
import dev.hone.train.Train;
import dev.hone.train.TrainConfig;
import dev.hone.train.TrainingListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruningTest {

  private static final Split BLOBS = Fixtures.blobs(600, 8, 3, 0.8, 7).split(0.25, 1);
  private static final TrainConfig QUIET =
      Train.epochs(4).batchSize(32).adam(1e-2).listener(TrainingListener.NONE);
  private static final TrainedModel MODEL =
      Model.mlp(8, 32, 16, 3).train(BLOBS.train(), QUIET);

  @Test
  void prune_zeroes_exactly_the_asked_share_of_every_layer() {
    PrunedModel p = MODEL.prune(0.5);
    for (Layer l : p.layers()) {
      assertInstanceOf(SparseLayer.class, l);
      assertEquals(Math.round(0.5 * l.weightCount()), l.weightCount() - l.nonZeroWeights());
    }
    assertEquals(0.5, p.sparsity(), 0.01);
  }

  @Test
  void prune_keeps_the_original_model_unchanged() {
    float[] before = MODEL.layers().get(0).weights();
    double accuracy = MODEL.evaluate(BLOBS.test()).accuracy();
    MODEL.prune(0.9);
    assertArrayEquals(before, MODEL.layers().get(0).weights());
    assertEquals(accuracy, MODEL.evaluate(BLOBS.test()).accuracy());
    assertEquals(0.0, MODEL.sparsity(), 0.01);
  }

  @Test
  void prune_keeps_the_largest_weights_and_biases() {
    PrunedModel p = MODEL.prune(0.75);
    float[] w = MODEL.layers().get(1).weights();
    float[] pw = p.layers().get(1).weights();
    float smallestKept = Float.MAX_VALUE;
    float largestPruned = 0;
    for (int i = 0; i < w.length; i++) {
      if (pw[i] == 0f) {
        largestPruned = Math.max(largestPruned, Math.abs(w[i]));
      } else {
        assertEquals(w[i], pw[i]);
        smallestKept = Math.min(smallestKept, Math.abs(w[i]));
      }
    }
    assertTrue(largestPruned <= smallestKept);
    assertArrayEquals(MODEL.layers().get(1).biases(), p.layers().get(1).biases());
  }

  @Test
  void provenance_records_the_pruning_step_with_its_sparsity() {
    Provenance p = MODEL.prune(0.5).provenance();
    assertEquals("0.5", p.last().param("sparsity").orElseThrow());
    assertTrue(p.toString().endsWith("> prune(sparsity=0.5)"), p.toString());
  }

  @Test
  void global_pruning_reaches_the_total_share_with_one_threshold() {
    PrunedModel p = MODEL.pruneGlobal(0.8);
    long weights = p.layers().stream().mapToLong(Layer::weightCount).sum();
    long zeros = p.layers().stream().mapToLong(l -> l.weightCount() - l.nonZeroWeights()).sum();
    assertEquals(Math.round(0.8 * weights), zeros);
    assertEquals("global", p.provenance().last().param("scope").orElseThrow());
  }

  @Test
  void a_map_prunes_only_the_listed_layers() {
    PrunedModel p = MODEL.prune(Map.of(0, 0.9));
    assertEquals(0.9, p.layers().get(0).sparsity(), 0.01);
    assertEquals(0.0, p.layers().get(1).sparsity(), 0.0);
    assertEquals(0.0, p.layers().get(2).sparsity(), 0.0);
  }

  @Test
  void a_layer_that_does_not_exist_is_named_in_the_error() {
    var e = assertThrows(IllegalArgumentException.class, () -> MODEL.prune(Map.of(3, 0.5)));
    assertTrue(e.getMessage().contains("layer 3 does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("0 to 2"), e.getMessage());
  }

  @Test
  void a_sparsity_outside_zero_to_one_is_rejected() {
    for (double bad : new double[] {-0.5, 1.0, 2}) {
      var e = assertThrows(IllegalArgumentException.class, () -> MODEL.prune(bad));
      assertTrue(e.getMessage().contains("was " + bad), e.getMessage());
    }
  }

  @Test
  void pruning_a_model_already_sparser_than_asked_is_an_error() {
    PrunedModel p = MODEL.prune(0.8);
    var e = assertThrows(IllegalArgumentException.class, () -> p.prune(0.5));
    assertTrue(e.getMessage().contains("already 0.8"), e.getMessage());
    PrunedModel further = p.prune(0.9);
    assertEquals(0.9, further.layers().get(0).sparsity(), 0.01);
  }

  @Test
  void pruning_further_never_brings_back_a_pruned_weight() {
    PrunedModel p = MODEL.prune(0.5);
    PrunedModel further = p.prune(0.7);
    for (int l = 0; l < p.layers().size(); l++) {
      SparseLayer a = (SparseLayer) p.layers().get(l);
      SparseLayer b = (SparseLayer) further.layers().get(l);
      for (int i = 0; i < a.weightCount(); i++) {
        assertTrue(a.kept(i) || !b.kept(i), "weight " + i + " of layer " + l + " came back");
      }
    }
  }

  @Test
  void neuron_pruning_gives_a_smaller_model_that_predicts_what_the_masked_model_predicts() {
    TrainedModel thin = MODEL.pruneNeurons(0.5);
    assertEquals(List.of(8, 16, 8, 3), thin.spec().widths());
    var kept = NeuronPruning.keptNeurons(MODEL.layers(), 0.5);
    TrainedModel masked = new TrainedModel(MODEL.spec(), NeuronPruning.mask(MODEL.layers(), kept),
        History.empty(), MODEL.provenance());
    float[] a = thin.logits(BLOBS.test());
    float[] b = masked.logits(BLOBS.test());
    for (int i = 0; i < a.length; i++) {
      assertEquals(b[i], a[i], 1e-5f, "logit " + i);
    }
    assertArrayEquals(masked.predict(BLOBS.test().rows()), thin.predict(BLOBS.test().rows()));
    assertTrue(thin.parameterCount() < MODEL.parameterCount() / 2);
  }

  @Test
  void sensitivity_scans_each_layer_and_the_whole_model() {
    Sensitivity s = MODEL.sensitivity(BLOBS.test(), 0, 0.5, 0.9);
    assertEquals(4 * 3, s.points().size());
    assertEquals(List.of("layer 0 (8x32)", "layer 1 (32x16)", "layer 2 (16x3)", "all layers"),
        s.scopes());
    double base = MODEL.evaluate(BLOBS.test()).accuracy();
    assertEquals(base, s.accuracy("all layers", 0), 0);
    assertEquals(MODEL.prune(0.9).evaluate(BLOBS.test()).accuracy(),
        s.accuracy("all layers", 0.9), 0);
    assertEquals(12, s.toTable().rowCount());
    assertTrue(s.toMimeBundle().containsKey("image/png"));
  }
}
