package dev.hone.kernel.display;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a cell calls to show things; the kernel imports these statically at startup.
 *
 * <pre>{@code
 * display(history.chart());                 // a new output under the cell
 * String id = display(table, null);         // an output with a fresh display id ...
 * updateDisplay(id, table.first(5));        // ... replaced in place later
 * html("<b>done</b>");
 * }</pre>
 */
public final class Notebook {

  private static volatile DisplaySink sink = DisplaySink.NONE;

  private Notebook() {}

  /** Installs where displays go; the kernel calls this once at startup. */
  public static void install(DisplaySink newSink) {
    sink = Objects.requireNonNull(newSink, "sink");
  }

  /** Returns the installed sink. */
  public static DisplaySink sink() {
    return sink;
  }

  /**
   * Shows a value as a new output of the running cell.
   *
   * @param value anything; rendered by {@link Renderers}
   */
  public static void display(Object value) {
    sink.display(Renderers.render(value), null);
  }

  /**
   * Shows a value as a new output that can be updated in place.
   *
   * @param value anything; rendered by {@link Renderers}
   * @param displayId the id to use, or null for a fresh one
   * @return the display id, for {@link #updateDisplay}
   */
  public static String display(Object value, String displayId) {
    String id = displayId == null ? UUID.randomUUID().toString() : displayId;
    sink.display(Renderers.render(value), id);
    return id;
  }

  /**
   * Replaces, in place, every output shown with {@code displayId}.
   *
   * @param displayId an id returned by {@link #display}
   * @param value the new value
   */
  public static void updateDisplay(String displayId, Object value) {
    sink.update(Renderers.render(value), displayId);
  }

  /** Clears the running cell's output; with {@code wait}, only when new output arrives. */
  public static void clearOutput(boolean wait) {
    sink.clear(wait);
  }

  /** Shows HTML. */
  public static void html(String html) {
    sink.display(Map.of("text/html", html, "text/plain", html), null);
  }

  /** Shows Markdown. */
  public static void markdown(String markdown) {
    sink.display(Map.of("text/markdown", markdown, "text/plain", markdown), null);
  }
}
