package dev.hone.kernel.display;

import dev.hone.kernel.input.FrontendInput;
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

  /**
   * Asks the notebook for a line of text, as Python's {@code input()} does; the notebook shows a
   * text box under the cell. {@code System.console()} is null in a kernel, so this is the way to
   * prompt ({@code new Scanner(System.in).nextLine()} works too, with no prompt text).
   *
   * <pre>{@code
   * String name = input("Model name: ");
   * }</pre>
   *
   * @param prompt shown before the text box
   * @return the line typed, without its line end
   * @throws dev.hone.kernel.input.NoInputException if the client takes no input (nbconvert runs)
   * @throws java.util.concurrent.CancellationException if the cell was interrupted while waiting
   */
  public static String input(String prompt) {
    return ask(prompt, false);
  }

  /**
   * Asks the notebook for a line that is not shown as it is typed (a password, a token).
   *
   * <pre>{@code
   * String token = password("Token: ");
   * }</pre>
   *
   * @param prompt shown before the text box
   * @return the line typed
   * @throws dev.hone.kernel.input.NoInputException if the client takes no input (nbconvert runs)
   * @throws java.util.concurrent.CancellationException if the cell was interrupted while waiting
   */
  public static String password(String prompt) {
    return ask(prompt, true);
  }

  private static String ask(String prompt, boolean password) {
    try {
      return FrontendInput.installed().readLine(prompt, password);
    } catch (java.io.InterruptedIOException e) {
      java.util.concurrent.CancellationException cancelled = new java.util.concurrent.CancellationException(e.getMessage());
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  /** Shows Markdown. */
  public static void markdown(String markdown) {
    sink.display(Map.of("text/markdown", markdown, "text/plain", markdown), null);
  }
}
