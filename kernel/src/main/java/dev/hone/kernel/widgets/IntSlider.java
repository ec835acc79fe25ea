package dev.hone.kernel.widgets;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A slider over whole numbers. Make one with {@link Widgets#intSlider}.
 *
 * <pre>{@code
 * var sparsity = Widgets.intSlider("sparsity %", 0, 90, 10, 50);
 * sparsity.onChange(v -> out.replace(results.get(v)));
 * }</pre>
 */
public final class IntSlider extends Slider {

  private final List<IntConsumer> observers = new CopyOnWriteArrayList<>();

  IntSlider(String description, int min, int max, int step, int value) {
    super("IntSliderModel", "IntSliderView", description, min, max, step, value, "d");
  }

  /** Returns the current value. */
  public int value() {
    return get("value").getAsInt();
  }

  /** Returns the smallest value. */
  public int min() {
    return get("min").getAsInt();
  }

  /** Returns the largest value. */
  public int max() {
    return get("max").getAsInt();
  }

  /**
   * Moves the slider, in the notebook too, and runs the observers if the value changed.
   *
   * <pre>{@code
   * sparsity.value(70);
   * }</pre>
   *
   * @param value between {@link #min()} and {@link #max()}
   * @throws IllegalArgumentException if the value is out of range
   */
  public void value(int value) {
    move(value);
  }

  /**
   * Runs {@code observer} with the new value whenever it changes, from the browser or from code.
   *
   * <pre>{@code
   * sparsity.onChange(v -> out.replace(results.get(v)));
   * }</pre>
   *
   * @param observer called with the new value
   */
  public void onChange(IntConsumer observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  @Override
  Number snap(double value) {
    return (int) Math.round(value);
  }

  @Override
  void notifyObservers(Number value) {
    int v = value.intValue();
    observers.forEach(o -> runObserver(() -> o.accept(v)));
  }
}
