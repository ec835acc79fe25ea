package dev.hone.data.table.internal;

import dev.hone.display.Html;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Renders a small Tablesaw table as a MIME bundle (plain text and an HTML table). */
public final class TableHtml {

  private TableHtml() {}

  /**
   * Returns the table as text/plain and text/html.
   *
   * @param title shown above the table
   * @param table the table
   * @param footer a line under it ("" for none)
   * @return the bundle
   */
  public static Map<String, String> bundle(String title, Table table, String footer) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("text/plain", title + "\n" + table.printAll() + (footer.isEmpty() ? "" : "\n" + footer));
    StringBuilder h = new StringBuilder();
    h.append("<p><b>").append(Html.escape(title)).append("</b></p><table><tr>");
    for (Column<?> c : table.columns()) {
      h.append("<th>").append(Html.escape(c.name())).append("</th>");
    }
    h.append("</tr>");
    for (int r = 0; r < table.rowCount(); r++) {
      h.append("<tr>");
      for (Column<?> c : table.columns()) {
        h.append("<td>").append(Html.escape(c.getString(r))).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");
    if (!footer.isEmpty()) {
      h.append("<p>").append(Html.escape(footer)).append("</p>");
    }
    out.put("text/html", h.toString());
    return out;
  }
}
