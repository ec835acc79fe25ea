package dev.hone.kernel.widgets;

import com.google.gson.JsonObject;
import dev.hone.kernel.comm.CommManager;
import dev.hone.kernel.display.DisplaySink;
import dev.hone.kernel.display.Notebook;
import dev.hone.kernel.display.Renderers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An area of the notebook whose content code replaces: a table, a chart, anything a cell can show.
 * Make one with {@link Widgets#output}.
 *
 * <pre>{@code
 * var out = Widgets.output();
 * slider.onChange(v -> out.replace(table.where(table.intColumn("sparsity").isEqualTo(v))));
 * }</pre>
 *
 * <p>How it reaches the browser: the front end's Output model captures the outputs of the message
 * whose id is in its {@code msg_id} state, so the kernel sets that to the request being served (a
 * cell, or the comm message that ran an observer), publishes the content as ordinary
 * {@code display_data}, and clears {@code msg_id} again.
 */
public final class Output extends Widget {

  private final List<Map<String, String>> contents = new ArrayList<>();

  Output() {
    super("OutputModel", "OutputView", initial());
  }

  private static JsonObject initial() {
    JsonObject s = new JsonObject();
    s.addProperty("msg_id", "");
    return s;
  }

  /**
   * Shows {@code value} in place of what the area showed.
   *
   * @param value anything a cell can show; rendered by {@link Renderers}
   */
  public void replace(Object value) {
    show(Renderers.render(value), true);
  }

  /**
   * Shows {@code value} below what the area shows.
   *
   * @param value anything a cell can show
   */
  public void append(Object value) {
    show(Renderers.render(value), false);
  }

  /** Empties the area. */
  public void clear() {
    DisplaySink sink = Notebook.sink();
    sink.flush();
    capture(() -> sink.clear(false));
    synchronized (this) {
      contents.clear();
    }
  }

  /** Returns the MIME bundles the area shows now, oldest first. */
  public synchronized List<Map<String, String>> contents() {
    return List.copyOf(contents);
  }

  private void show(Map<String, String> bundle, boolean replace) {
    DisplaySink sink = Notebook.sink();
    sink.flush(); // text printed before this call belongs to the cell, not to the area
    boolean clear;
    synchronized (this) {
      clear = replace && !contents.isEmpty();
      if (replace) {
        contents.clear();
      }
      contents.add(Map.copyOf(bundle));
    }
    capture(
        () -> {
          if (clear) {
            sink.clear(true); // replaced when the new content arrives, so it does not flicker
          }
          sink.display(bundle, null);
        });
  }

  private void capture(Runnable publish) {
    set("msg_id", CommManager.current().parentMessageId());
    try {
      publish.run();
    } finally {
      set("msg_id", "");
    }
  }

  @Override
  void frontEndChanged(JsonObject changes) {
    // The front end only echoes msg_id, which the kernel owns; nothing to take from it.
  }

  @Override
  public synchronized String toString() {
    return "Output(" + contents.size() + (contents.size() == 1 ? " item)" : " items)");
  }
}
