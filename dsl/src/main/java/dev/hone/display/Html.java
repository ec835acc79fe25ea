package dev.hone.display;

/** Small helpers for the HTML that Hone values show in notebooks. */
public final class Html {

  private Html() {}

  /**
   * Escapes text for HTML element content and attribute values.
   *
   * @param text any text
   * @return the text with {@code & < > " '} escaped
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
