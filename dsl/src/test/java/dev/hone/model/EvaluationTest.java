package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationTest {

  private final Evaluation e = new Evaluation(0.5, new int[][] {{8, 2}, {1, 9}});

  @Test
  void accuracy_is_the_diagonal_share() {
    assertEquals(17 / 20.0, e.accuracy(), 1e-12);
    assertEquals(20, e.samples());
  }

  @Test
  void per_class_accuracy_is_recall() {
    assertArrayEquals(new double[] {0.8, 0.9}, e.perClassAccuracy(), 1e-12);
    assertEquals(2, e.toTable().rowCount());
  }

  @Test
  void the_confusion_matrix_is_a_copy() {
    e.confusion()[0][0] = 100;
    assertEquals(8, e.confusion()[0][0]);
  }

  @Test
  void a_non_square_matrix_is_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new Evaluation(0, new int[][] {{1, 2}}));
  }

  @Test
  void html_shows_the_matrix() {
    String html = e.toMimeBundle().get("text/html");
    assertTrue(html.contains("<b>8</b>") && html.contains("0.8500"), html);
  }
}
