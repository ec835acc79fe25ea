package dev.hone.model;

import dev.hone.layer.Activation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.train.Train;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

  @Test
  void mlp_needs_at_least_two_widths() {
    var e = assertThrows(IllegalArgumentException.class, () -> Model.mlp(784));
    assertTrue(e.getMessage().contains("at least two widths"), e.getMessage());
  }

  @Test
  void mlp_rejects_a_width_that_is_not_positive_and_names_it() {
    var e = assertThrows(IllegalArgumentException.class, () -> Model.mlp(784, 0, 10));
    assertTrue(e.getMessage().contains("width 1") && e.getMessage().contains("is 0"),
        e.getMessage());
  }

  @Test
  void features_that_do_not_match_the_first_layer_are_rejected_naming_both_sizes() {
    var data = Fixtures.blobs(40, 5, 3, 0.1, 1);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Model.mlp(7, 8, 3).train(data, Train.epochs(1)));
    assertTrue(e.getMessage().contains("5 features") && e.getMessage().contains("7 inputs"),
        e.getMessage());
  }

  @Test
  void classes_that_do_not_match_the_last_layer_are_rejected() {
    var data = Fixtures.blobs(40, 5, 3, 0.1, 1);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Model.mlp(5, 8, 4).train(data, Train.epochs(1)));
    assertTrue(e.getMessage().contains("3 classes") && e.getMessage().contains("4 outputs"),
        e.getMessage());
  }

  @Test
  void spec_counts_parameters_like_the_trained_model() {
    var spec = Model.mlp(784, 128, 64, 10);
    assertEquals(109_386, spec.parameterCount());
    assertEquals("mlp(784,128,64,10)", spec.toString());
    assertEquals("mlp(4,3, tanh)", Model.mlp(4, 3).activation(Activation.TANH).toString());
  }
}
