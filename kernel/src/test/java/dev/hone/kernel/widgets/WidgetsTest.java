package dev.hone.kernel.widgets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What widgets do without a kernel; with one, test_widgets.py drives them through a real client. */
class WidgetsTest {

  @Test
  void a_widget_outside_the_kernel_says_it_needs_the_kernel() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Widgets.intSlider("k", 0, 10, 1, 5));
    assertTrue(e.getMessage().contains("run this in the Hone Jupyter kernel"), e.getMessage());
  }

  @Test
  void bad_arguments_are_refused_before_anything_is_sent() {
    IllegalArgumentException step =
        assertThrows(IllegalArgumentException.class, () -> Widgets.floatSlider("rate", 0, 1, 0, 0.5));
    assertTrue(step.getMessage().contains("'rate': step must be > 0, was 0"), step.getMessage());
    IllegalArgumentException value =
        assertThrows(IllegalArgumentException.class, () -> Widgets.intSlider("k", 0, 10, 1, 11));
    assertTrue(value.getMessage().contains("value must be in [0, 10], was 11"), value.getMessage());
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> Widgets.dropdown("p", List.of(), "a"));
    assertTrue(empty.getMessage().contains("at least one option"), empty.getMessage());
  }
}
