package dev.hone.display;

import java.util.Map;

/**
 * A value that knows how to show itself in a notebook.
 *
 * <p>The map is a Jupyter MIME bundle: keys are MIME types, values are the content. It always
 * holds {@code "text/plain"}; text types ({@code text/html}, {@code image/svg+xml}) are the text
 * itself and binary types ({@code image/png}) are base64, as Jupyter's wire format wants them.
 * The Hone kernel renders any {@code Displayable} through this one method.
 *
 * <pre>{@code
 * Map<String, String> bundle = model.summary().toMimeBundle();
 * String html = bundle.get("text/html");
 * }</pre>
 */
public interface Displayable {

  /**
   * Returns this value as a Jupyter MIME bundle.
   *
   * @return MIME type to content; never empty, always with {@code text/plain}
   */
  Map<String, String> toMimeBundle();
}
