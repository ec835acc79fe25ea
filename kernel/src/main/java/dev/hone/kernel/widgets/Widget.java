package dev.hone.kernel.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.hone.kernel.comm.Comm;
import dev.hone.kernel.comm.CommManager;
import dev.hone.kernel.display.Renderers;
import dev.hone.kernel.widgets.internal.Protocol;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An interactive control in the notebook, backed by a model in the front end that the kernel keeps
 * in step over a Jupyter comm.
 *
 * <p>Unlike Hone's values, a widget is live, mutable state: the user moves a slider in the browser
 * and {@code value()} changes. Its methods may be called from any thread. Observers run on the
 * kernel's cell thread, between cells, with their output going to the widget's cell.
 *
 * <pre>{@code
 * var slider = Widgets.intSlider("epochs", 1, 20, 1, 5);
 * slider.onChange(v -> System.out.println("epochs now " + v));
 * slider                       // the last expression of a cell shows the widget
 * }</pre>
 */
public abstract sealed class Widget permits Slider, Dropdown, Output, Box {

  static {
    Renderers.register(Widget.class, Widget::view);
  }

  private final Comm comm;
  private final JsonObject state;

  Widget(String modelName, String viewName, JsonObject initial) {
    state = new JsonObject();
    state.addProperty("_model_module", Protocol.MODULE);
    state.addProperty("_model_module_version", Protocol.MODULE_VERSION);
    state.addProperty("_model_name", modelName);
    state.addProperty("_view_module", Protocol.MODULE);
    state.addProperty("_view_module_version", Protocol.MODULE_VERSION);
    state.addProperty("_view_name", viewName);
    state.addProperty("msg_throttle", 1);
    state.add("_dom_classes", new com.google.gson.JsonArray());
    initial.entrySet().forEach(e -> state.add(e.getKey(), e.getValue()));
    comm = CommManager.current().open(Protocol.TARGET, openData(state), new JsonObject());
    comm.onMessage(this::received);
  }

  /** Returns the id of the widget's model, shared with the front end. */
  public String modelId() {
    return comm.id();
  }

  /** Removes the widget from the front end; later changes to it are not sent. */
  public void close() {
    comm.close();
  }

  /** Returns whether the widget is still connected to the front end. */
  public boolean isOpen() {
    return comm.isOpen();
  }

  /** Returns a copy of the state the front end has, as JSON (for tests and debugging). */
  public synchronized JsonObject state() {
    return state.deepCopy();
  }

  /**
   * Applies changes the user made in the browser. Implementations check them, update the state
   * with {@link #accept}, and run observers.
   */
  abstract void frontEndChanged(JsonObject changes);

  /** Takes a change from the front end into the state without echoing it back. */
  final synchronized void accept(String key, JsonElement value) {
    state.add(key, value);
  }

  final synchronized JsonElement get(String key) {
    return state.get(key);
  }

  /** Sets state in the kernel and sends it to the front end. */
  final void set(String key, JsonElement value) {
    JsonObject change = new JsonObject();
    change.add(key, value);
    set(change);
  }

  final void set(JsonObject changes) {
    synchronized (this) {
      changes.entrySet().forEach(e -> state.add(e.getKey(), e.getValue()));
    }
    if (comm.isOpen()) {
      comm.send(update(changes));
    }
  }

  final void set(String key, Number value) {
    set(key, new JsonPrimitive(value));
  }

  final void set(String key, String value) {
    set(key, new JsonPrimitive(value));
  }

  /** Reports an observer's failure in the cell, as a notebook user expects, and goes on. */
  static void runObserver(Runnable observer) {
    try {
      observer.run();
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
  }

  private void received(JsonObject data) {
    String method = data.has("method") ? data.get("method").getAsString() : "";
    switch (method) {
      // jupyter-js-widgets 2.x sends "backbone"; the 2.x protocols send "update".
      case "backbone" -> changed(data.get("sync_data"));
      case "update" -> changed(data.get("state"));
      case "request_state" -> comm.send(update(state()));
      default -> { /* custom messages: none of these widgets take any */ }
    }
  }

  private void changed(JsonElement changes) {
    if (changes != null && changes.isJsonObject()) {
      frontEndChanged(changes.getAsJsonObject());
    }
  }

  /**
   * The bundle that shows the widget; asking for it tells the front end to show a view. It has no
   * text/plain: the classic notebook would show the text under the widget.
   */
  private Map<String, String> view() {
    String warning = Protocol.versionWarning();
    if (!warning.isEmpty()) {
      System.err.println(warning);
    }
    if (comm.isOpen()) {
      JsonObject display = new JsonObject();
      display.addProperty("method", "display");
      comm.send(display);
    }
    JsonObject view = new JsonObject();
    view.addProperty("model_id", modelId());
    view.addProperty("version_major", 2);
    view.addProperty("version_minor", 0);
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put(Renderers.WIDGET_VIEW, view.toString());
    return bundle;
  }

  private static JsonObject openData(JsonObject state) {
    JsonObject data = state.deepCopy();
    data.add("state", state.deepCopy());
    data.add("buffer_paths", new com.google.gson.JsonArray());
    return data;
  }

  private static JsonObject update(JsonObject changes) {
    JsonObject data = new JsonObject();
    data.addProperty("method", "update");
    data.add("state", changes);
    data.add("buffer_paths", new com.google.gson.JsonArray());
    return data;
  }
}
