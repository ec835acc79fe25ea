package dev.hone.kernel.widgets;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;

/**
 * A slider over real numbers. Make one with {@link Widgets#floatSlider}.
 *
 * <pre>{@code
 * var rate = Widgets.floatSlider("learning rate", 1e-4, 1e-2, 1e-4, 1e-3);
 * rate.onChange(v -> out.replace(chartFor(v)));
 * }</pre>
 */
public final class FloatSlider extends Slider {

  private final List<DoubleConsumer> observers = new CopyOnWriteArrayList<>();

  FloatSlider(String description, double min, double max, double step, double value) {
    super("FloatSliderModel", "FloatSliderView", description, min, max, step, value, ".2f");
  }

  /** Returns the current value. */
  public double value() {
    return current();
  }

  /** Returns the smallest value. */
  public double min() {
    return lowest();
  }

  /** Returns the largest value. */
  public double max() {
    return highest();
  }

  /**
   * Moves the slider, in the notebook too, and runs the observers if the value changed.
   *
   * <pre>{@code
   * rate.value(5e-3);
   * }</pre>
   *
   * @param value between {@link #min()} and {@link #max()}
   * @throws IllegalArgumentException if the value is out of range
   */
  public void value(double value) {
    move(value);
  }

  /**
   * Runs {@code observer} with the new value whenever it changes, from the browser or from code.
   *
   * <pre>{@code
   * rate.onChange(v -> out.replace(chartFor(v)));
   * }</pre>
   *
   * @param observer called with the new value
   */
  public void onChange(DoubleConsumer observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  @Override
  Number snap(double value) {
    return value;
  }

  @Override
  void notifyObservers(Number value) {
    double v = value.doubleValue();
    observers.forEach(o -> runObserver(() -> o.accept(v)));
  }
}
