package dev.hone.kernel.widgets;

import java.util.List;

/**
 * Interactive widgets for the Hone kernel: sliders, a drop-down and an output area, with observers
 * in Java. They render in the classic notebook through Debian's {@code python3-widgetsnbextension}
 * (the ipywidgets 6 front end, {@code jupyter-js-widgets} 2.1). The kernel imports this package at
 * startup.
 *
 * <p>A sparsity slider that redraws figures measured once, without training again:
 *
 * <pre>{@code
 * Map<Integer, Table> bySparsity = ...;          // one row of accuracy and bytes per variant
 * var sparsity = Widgets.intSlider("sparsity %", 0, 90, 10, 50);
 * var out = Widgets.output();
 * out.replace(bySparsity.get(50));
 * sparsity.onChange(s -> out.replace(bySparsity.get(s)));
 * Widgets.column(sparsity, out)
 * }</pre>
 *
 * <p>A widget is shown by being a cell's last expression or by {@code display(widget)}; several
 * displays of one widget stay in step. Widgets need the kernel: outside it (plain JShell) creating
 * one fails with an {@link IllegalStateException}.
 */
public final class Widgets {

  private Widgets() {}

  /**
   * Returns a slider over whole numbers.
   *
   * <pre>{@code
   * var epochs = Widgets.intSlider("epochs", 1, 20, 1, 5);
   * }</pre>
   *
   * @param description the label beside the slider
   * @param min the smallest value
   * @param max the largest value, at least {@code min}
   * @param step the distance between values, above 0
   * @param value the starting value, in [{@code min}, {@code max}]
   * @return the slider, connected to the notebook
   * @throws IllegalArgumentException if the range, step or value do not fit
   */
  public static IntSlider intSlider(String description, int min, int max, int step, int value) {
    return new IntSlider(description, min, max, step, value);
  }

  /**
   * Returns a slider over real numbers.
   *
   * <pre>{@code
   * var dropout = Widgets.floatSlider("dropout", 0.0, 0.5, 0.05, 0.1);
   * }</pre>
   *
   * @param description the label beside the slider
   * @param min the smallest value
   * @param max the largest value, at least {@code min}
   * @param step the distance between values, above 0
   * @param value the starting value, in [{@code min}, {@code max}]
   * @return the slider, connected to the notebook
   * @throws IllegalArgumentException if the range, step or value do not fit
   */
  public static FloatSlider floatSlider(String description, double min, double max, double step, double value) {
    return new FloatSlider(description, min, max, step, value);
  }

  /**
   * Returns a drop-down list of labels.
   *
   * <pre>{@code
   * var precision = Widgets.dropdown("precision", List.of("FP32", "INT8"), "FP32");
   * }</pre>
   *
   * @param description the label beside the list
   * @param options the labels, at least one
   * @param value the label chosen at first, one of {@code options}
   * @return the drop-down, connected to the notebook
   * @throws IllegalArgumentException if {@code options} is empty or lacks {@code value}
   */
  public static Dropdown dropdown(String description, List<String> options, String value) {
    return new Dropdown(description, options, value);
  }

  /**
   * Returns an empty output area, whose content code replaces.
   *
   * <pre>{@code
   * var out = Widgets.output();
   * out.replace(model.summary());
   * }</pre>
   *
   * @return the area, connected to the notebook
   */
  public static Output output() {
    return new Output();
  }

  /**
   * Returns widgets shown one under the other.
   *
   * <pre>{@code
   * Widgets.column(slider, out)
   * }</pre>
   *
   * @param children the widgets, top first
   * @return the column, connected to the notebook
   */
  public static Box column(Widget... children) {
    return new Box(List.of(children));
  }

  static void checkRange(String description, double min, double max, double step, double value) {
    if (!(min <= max)) {
      throw new IllegalArgumentException(
          "'" + description + "': min must be at most max, was min=" + num(min) + ", max=" + num(max));
    }
    if (!(step > 0)) {
      throw new IllegalArgumentException("'" + description + "': step must be > 0, was " + num(step));
    }
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "'" + description + "': value must be in [" + num(min) + ", " + num(max) + "], was " + num(value));
    }
  }

  // An int slider's bounds read as ints: 10, not 10.0.
  private static String num(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
