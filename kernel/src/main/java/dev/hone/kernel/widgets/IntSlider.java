package dev.hone.kernel.widgets;

import com.google.gson.JsonObject;
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
public final class IntSlider extends Widget {

  private final List<IntConsumer> observers = new CopyOnWriteArrayList<>();

  IntSlider(String description, int min, int max, int step, int value) {
    super("IntSliderModel", "IntSliderView", initial(description, min, max, step, value));
  }

  private static JsonObject initial(String description, int min, int max, int step, int value) {
    Widgets.checkRange(description, min, max, step, value);
    JsonObject s = new JsonObject();
    s.addProperty("description", Objects.requireNonNull(description, "description"));
    s.addProperty("min", min);
    s.addProperty("max", max);
    s.addProperty("step", step);
    s.addProperty("value", value);
    s.addProperty("readout", true);
    s.addProperty("readout_format", "d");
    s.addProperty("orientation", "horizontal");
    s.addProperty("_range", false);
    s.addProperty("disabled", false);
    // Observers often redraw a chart: send the value when the user lets go, not on every pixel.
    s.addProperty("continuous_update", false);
    return s;
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
   * @param value between {@link #min()} and {@link #max()}
   * @throws IllegalArgumentException if the value is out of range
   */
  public void value(int value) {
    if (value < min() || value > max()) {
      throw new IllegalArgumentException(
          "value must be in [" + min() + ", " + max() + "], was " + value);
    }
    int old = value();
    set("value", value);
    if (old != value) {
      notifyObservers(value);
    }
  }

  /**
   * Runs {@code observer} with the new value whenever it changes, from the browser or from code.
   *
   */
  public void onChange(IntConsumer observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  @Override
  void frontEndChanged(JsonObject changes) {
    if (!changes.has("value")) {
      return;
    }
    int old = value();
    // The browser rounds to the step; clamp anyway, as a stale view may send an old range.
    int value = Math.max(min(), Math.min(max(), (int) Math.round(changes.get("value").getAsDouble())));
    accept("value", new com.google.gson.JsonPrimitive(value));
    if (value != changes.get("value").getAsDouble()) {
      set("value", value);
    }
    if (old != value) {
      notifyObservers(value);
    }
  }

  private void notifyObservers(int value) {
    observers.forEach(o -> runObserver(() -> o.accept(value)));
  }

  @Override
  public String toString() {
    return "IntSlider(" + get("description").getAsString() + " = " + value() + ", range " + min() + ".." + max() + ")";
  }
}
