package dev.hone.kernel.widgets;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;

/**
 * A slider over real numbers. Make one with {@link Widgets.floatSlider}.
 *
 * <pre>{@code
 * var sparsity = Widgets.floatSlider("learning rate", 1e-4, 1e-2, 1e-4, 1e-3);
 * sparsity.onChange(v -> out.replace(chartFor(v)));
 * }</pre>
 */
public final class FloatSlider extends Widget {

  private final List<DoubleConsumer> observers = new CopyOnWriteArrayList<>();

  FloatSlider(String description, double min, double max, double step, double value) {
    super("FloatSliderModel", "FloatSliderView", initial(description, min, max, step, value));
  }

  private static JsonObject initial(String description, double min, double max, double step, double value) {
    Widgets.checkRange(description, min, max, step, value);
    JsonObject s = new JsonObject();
    s.addProperty("description", Objects.requireNonNull(description, "description"));
    s.addProperty("min", min);
    s.addProperty("max", max);
    s.addProperty("step", step);
    s.addProperty("value", value);
    s.addProperty("readout", true);
    s.addProperty("readout_format", ".2f");
    s.addProperty("orientation", "horizontal");
    s.addProperty("_range", false);
    s.addProperty("disabled", false);
    // Observers often redraw a chart: send the value when the user lets go, not on every pixel.
    s.addProperty("continuous_update", false);
    return s;
  }

  /** Returns the current value. */
  public double value() {
    return get("value").getAsDouble();
  }

  /** Returns the smallest value. */
  public double min() {
    return get("min").getAsDouble();
  }

  /** Returns the largest value. */
  public double max() {
    return get("max").getAsDouble();
  }

  /**
   * Moves the slider, in the notebook too, and runs the observers if the value changed.
   *
   * @param value between {@link #min()} and {@link #max()}
   * @throws IllegalArgumentException if the value is out of range
   */
  public void value(double value) {
    if (value < min() || value > max()) {
      throw new IllegalArgumentException(
          "value must be in [" + min() + ", " + max() + "], was " + value);
    }
    double old = value();
    set("value", value);
    if (old != value) {
      notifyObservers(value);
    }
  }

  /**
   * Runs {@code observer} with the new value whenever it changes, from the browser or from code.
   *
   */
  public void onChange(DoubleConsumer observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  @Override
  void frontEndChanged(JsonObject changes) {
    if (!changes.has("value")) {
      return;
    }
    double old = value();
    // Clamp, as a stale view may send a value from an old range.
    double value = Math.max(min(), Math.min(max(), changes.get("value").getAsDouble()));
    accept("value", new com.google.gson.JsonPrimitive(value));
    if (value != changes.get("value").getAsDouble()) {
      set("value", value);
    }
    if (old != value) {
      notifyObservers(value);
    }
  }

  private void notifyObservers(double value) {
    observers.forEach(o -> runObserver(() -> o.accept(value)));
  }

  @Override
  public String toString() {
    return "FloatSlider(" + get("description").getAsString() + " = " + value() + ", range " + min() + ".." + max() + ")";
  }
}
