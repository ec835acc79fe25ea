package dev.hone.data.table.internal;

import dev.hone.display.HtmlTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    HtmlTable h = HtmlTable.of(table.columnNames()).title(title).note(footer);
    for (int r = 0; r < table.rowCount(); r++) {
      List<Object> row = new ArrayList<>(table.columnCount());
      for (Column<?> c : table.columns()) {
        row.add(c.getString(r));
      }
      h.row(row);
    }
    out.put("text/html", h.toHtml());
    return out;
  }
}
