package dev.hone.kernel.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Widgets shown together, one under the other. Make one with {@link Widgets#column}.
 *
 * <pre>{@code
 * Widgets.column(slider, out)   // the control above what it draws
 * }</pre>
 */
public final class Box extends Widget {

  private final List<Widget> children;

  Box(List<Widget> children) {
    super("VBoxModel", "VBoxView", initial(children));
    this.children = List.copyOf(children);
  }

  private static JsonObject initial(List<Widget> children) {
    JsonArray ids = new JsonArray();
    for (Widget child : children) {
      ids.add("IPY_MODEL_" + Objects.requireNonNull(child, "a child widget is null").modelId());
    }
    JsonObject s = new JsonObject();
    s.add("children", ids);
    s.addProperty("box_style", "");
    return s;
  }

  /** Returns the widgets in the box, top first. */
  public List<Widget> children() {
    return children;
  }

  @Override
  void frontEndChanged(JsonObject changes) {
    // A column's children are set by code only.
  }

  @Override
  public String toString() {
    return "Column(" + children + ")";
  }
}
