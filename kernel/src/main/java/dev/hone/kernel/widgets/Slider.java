package dev.hone.kernel.widgets;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Objects;

/**
 * What {@link IntSlider} and {@link FloatSlider} share: the widget state, range checks, and the
 * value the browser sends, clamped to the range and snapped as each kind requires.
 */
abstract sealed class Slider extends Widget permits IntSlider, FloatSlider {

  Slider(String model, String view, String description, Number min, Number max, Number step,
      Number value, String readoutFormat) {
    super(model, view, initial(description, min, max, step, value, readoutFormat));
  }

  private static JsonObject initial(String description, Number min, Number max, Number step,
      Number value, String readoutFormat) {
    Widgets.checkRange(description, min.doubleValue(), max.doubleValue(), step.doubleValue(),
        value.doubleValue());
    JsonObject s = new JsonObject();
    s.addProperty("description", Objects.requireNonNull(description, "description"));
    s.addProperty("min", min);
    s.addProperty("max", max);
    s.addProperty("step", step);
    s.addProperty("value", value);
    s.addProperty("readout", true);
    s.addProperty("readout_format", readoutFormat);
    s.addProperty("orientation", "horizontal");
    s.addProperty("_range", false);
    s.addProperty("disabled", false);
    // Observers often redraw a chart: send the value when the user lets go, not on every pixel.
    s.addProperty("continuous_update", false);
    return s;
  }

  /** Returns {@code value} as this slider holds it (whole numbers round). */
  abstract Number snap(double value);

  /** Tells this slider's observers the new value. */
  abstract void notifyObservers(Number value);

  final double current() {
    return get("value").getAsDouble();
  }

  final double lowest() {
    return get("min").getAsDouble();
  }

  final double highest() {
    return get("max").getAsDouble();
  }

  /** Moves the slider from code, in the notebook too; observers run if the value changed. */
  final void move(Number value) {
    double v = value.doubleValue();
    if (!(v >= lowest() && v <= highest())) {
      throw new IllegalArgumentException("value must be in [" + get("min") + ", " + get("max")
          + "], was " + value);
    }
    double old = current();
    set("value", value);
    if (old != v) {
      notifyObservers(value);
    }
  }

  @Override
  final void frontEndChanged(JsonObject changes) {
    if (!changes.has("value")) {
      return;
    }
    double sent = changes.get("value").getAsDouble();
    double old = current();
    // The browser rounds to the step; clamp anyway, as a stale view may send an old range.
    Number value = snap(Math.max(lowest(), Math.min(highest(), sent)));
    accept("value", new JsonPrimitive(value));
    if (value.doubleValue() != sent) {
      set("value", value);
    }
    if (old != value.doubleValue()) {
      notifyObservers(value);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + get("description").getAsString() + " = "
        + get("value") + ", range " + get("min") + ".." + get("max") + ")";
  }
}
