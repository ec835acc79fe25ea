package dev.hone.kernel.display;

import dev.hone.display.HtmlTable;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Shows a Tablesaw table as an HTML table (drawn by dsl's {@link HtmlTable}, as every Hone table
 * is) and as text, with a bounded number of rows: a notebook
 * that shows a million-row table must not send a million rows to the browser.
 *
 * <p>The bound is {@value #DEFAULT_MAX_ROWS} rows (the first and last halves), or the system
 * property {@code hone.kernel.tableRows}.
 */
final class TableRenderer {

  static final int DEFAULT_MAX_ROWS = 20;

  private TableRenderer() {}

  static int maxRows() {
    return Integer.getInteger("hone.kernel.tableRows", DEFAULT_MAX_ROWS);
  }

  static Map<String, String> render(Table table) {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/html", html(table, maxRows()));
    bundle.put("text/plain", table.print(maxRows()));
    return bundle;
  }

  static String html(Table table, int maxRows) {
    return HtmlTable.of(table, maxRows).toHtml();
  }
}
