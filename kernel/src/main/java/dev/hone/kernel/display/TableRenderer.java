package dev.hone.kernel.display;

import dev.hone.display.Html;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Shows a Tablesaw table as an HTML table and as text, with a bounded number of rows: a notebook
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
    int rows = table.rowCount();
    boolean elided = rows > maxRows;
    int head = elided ? (maxRows + 1) / 2 : rows;
    int tailStart = elided ? rows - maxRows / 2 : rows;
    StringBuilder html = new StringBuilder(256 + 64 * Math.min(rows, maxRows) * table.columnCount());
    html.append("<div class=\"hone-table\"><table>");
    if (table.name() != null && !table.name().isBlank()) {
      html.append("<caption>").append(Html.escape(table.name())).append("</caption>");
    }
    html.append("<thead><tr>");
    for (Column<?> column : table.columns()) {
      html.append("<th>").append(Html.escape(column.name())).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (int r = 0; r < head; r++) {
      row(html, table, r);
    }
    if (elided) {
      html.append("<tr>");
      for (int c = 0; c < table.columnCount(); c++) {
        html.append("<td>&hellip;</td>");
      }
      html.append("</tr>");
      for (int r = tailStart; r < rows; r++) {
        row(html, table, r);
      }
    }
    html.append("</tbody></table><p><small>")
        .append(rows)
        .append(rows == 1 ? " row" : " rows")
        .append(" &times; ")
        .append(table.columnCount())
        .append(table.columnCount() == 1 ? " column" : " columns")
        .append(elided ? " (" + maxRows + " shown)" : "")
        .append("</small></p></div>");
    return html.toString();
  }

  private static void row(StringBuilder html, Table table, int r) {
    html.append("<tr>");
    for (Column<?> column : table.columns()) {
      html.append("<td>").append(Html.escape(column.getString(r))).append("</td>");
    }
    html.append("</tr>");
  }
}
