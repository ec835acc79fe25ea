package dev.hone.kernel.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A drop-down list of labels, one of them chosen. Make one with {@link Widgets#dropdown}.
 *
 * <pre>{@code
 * var precision = Widgets.dropdown("precision", List.of("FP32", "INT8"), "FP32");
 * precision.onChange(p -> out.replace(summaries.get(p)));
 * }</pre>
 */
public final class Dropdown extends Widget {

  private final List<String> options;
  private final List<Consumer<String>> observers = new CopyOnWriteArrayList<>();

  Dropdown(String description, List<String> options, String value) {
    super("DropdownModel", "DropdownView", initial(description, options, value));
    this.options = List.copyOf(options);
  }

  private static JsonObject initial(String description, List<String> options, String value) {
    Objects.requireNonNull(options, "options");
    if (options.isEmpty()) {
      throw new IllegalArgumentException("a dropdown needs at least one option, was " + options);
    }
    if (!options.contains(value)) {
      throw new IllegalArgumentException("value must be one of " + options + ", was " + value);
    }
    JsonObject s = new JsonObject();
    s.addProperty("description", Objects.requireNonNull(description, "description"));
    JsonArray labels = new JsonArray();
    options.forEach(labels::add);
    s.add("_options_labels", labels);
    s.addProperty("value", value);
    s.addProperty("disabled", false);
    return s;
  }

  /** Returns the chosen label. */
  public String value() {
    return get("value").getAsString();
  }

  /** Returns the labels, in order. */
  public List<String> options() {
    return new ArrayList<>(options);
  }

  /**
   * Chooses a label, in the notebook too, and runs the observers if the choice changed.
   *
   * @param value one of {@link #options()}
   * @throws IllegalArgumentException if the label is not an option
   */
  public void value(String value) {
    if (!options.contains(value)) {
      throw new IllegalArgumentException("value must be one of " + options + ", was " + value);
    }
    String old = value();
    set("value", value);
    if (!old.equals(value)) {
      notifyObservers(value);
    }
  }

  /**
   * Runs {@code observer} with the chosen label whenever it changes, from the browser or from code.
   *
   */
  public void onChange(Consumer<String> observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  @Override
  void frontEndChanged(JsonObject changes) {
    if (!changes.has("value")) {
      return;
    }
    String value = changes.get("value").getAsString();
    String old = value();
    if (!options.contains(value)) {
      set("value", old); // a stale view chose a label that is gone: show the real choice again
      return;
    }
    accept("value", changes.get("value"));
    if (!old.equals(value)) {
      notifyObservers(value);
    }
  }

  private void notifyObservers(String value) {
    observers.forEach(o -> runObserver(() -> o.accept(value)));
  }

  @Override
  public String toString() {
    return "Dropdown(" + get("description").getAsString() + " = " + value() + " of " + options + ")";
  }
}
