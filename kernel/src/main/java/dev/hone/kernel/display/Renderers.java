package dev.hone.kernel.display;

import dev.hone.display.Displayable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The one place that decides how a value is shown: a registry from class to a function that makes
 * a Jupyter MIME bundle.
 *
 * <p>Hone's own values implement {@link Displayable} and need no registration; Tablesaw tables and
 * XChart charts are registered here. A cell or the startup script can add more:
 *
 * <pre>{@code
 * Renderers.register(java.time.Duration.class, d -> Map.of("text/plain", d.toSeconds() + " s"));
 * }</pre>
 *
 * <p>The most recently registered renderer whose class matches wins, so a user's registration
 * overrides a built-in one. Every bundle gets {@code text/plain}, except a widget's view.
 */
public final class Renderers {

  private record Entry(Class<?> type, Function<Object, Map<String, String>> render) {}

  private static final List<Entry> ENTRIES = new ArrayList<>();

  /** The MIME type of a Jupyter widget's view, the one kind of bundle without text. */
  public static final String WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

  static {
    register(Displayable.class, Displayable::toMimeBundle);
    register(Table.class, TableRenderer::render);
    register(Chart.class, ChartRenderer::render);
  }

  private Renderers() {}

  /**
   * Registers how values of {@code type} (and its subtypes) are shown.
   *
   * @param type the class or interface
   * @param render makes the MIME bundle; {@code text/plain} is added if missing
   * @param <T> the value type
   */
  public static synchronized <T> void register(
      Class<T> type, Function<? super T, Map<String, String>> render) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(render, "render");
    ENTRIES.add(new Entry(type, value -> render.apply(type.cast(value))));
  }

  /**
   * Returns the MIME bundle for a value; a value no renderer claims is shown as text.
   *
   * @param value anything, null included
   * @return MIME type to content, with {@code text/plain} unless it is a widget view
   */
  public static Map<String, String> render(Object value) {
    Function<Object, Map<String, String>> render = null;
    if (value != null) {
      synchronized (Renderers.class) {
        for (int i = ENTRIES.size() - 1; i >= 0; i--) {
          if (ENTRIES.get(i).type().isInstance(value)) {
            render = ENTRIES.get(i).render();
            break;
          }
        }
      }
    }
    Map<String, String> bundle = new LinkedHashMap<>();
    if (render != null) {
      bundle.putAll(render.apply(value));
    }
    // A widget view gets no text: the classic notebook's widget JavaScript (ipywidgets 6) draws
    // the widget beside the output, and would show the text under it as well.
    if (!bundle.containsKey(WIDGET_VIEW)) {
      bundle.putIfAbsent("text/plain", plainText(value));
    }
    return bundle;
  }

  /** Returns the text JShell users expect: strings quoted, arrays listed. */
  static String plainText(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
    if (value instanceof Character c) {
      return "'" + c + "'";
    }
    if (value.getClass().isArray()) {
      String deep = Arrays.deepToString(new Object[] {value});
      return deep.substring(1, deep.length() - 1);
    }
    return String.valueOf(value);
  }
}
