package dev.hone.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The one way Hone draws a table in HTML, so that every value's table looks the same: a title,
 * a header row, numbers right-aligned, counts with thousands separators, and an optional note
 * under it. Cells are escaped here; callers pass text, numbers or {@link #strong(Object)} cells.
 *
 * <pre>{@code
 * String html = HtmlTable.of("layer", "parameters")
 *     .title("mlp(784,10)")
 *     .row("dense_0", 7_850L)        // "7,850", right-aligned
 *     .footer("total", 7_850L)
 *     .toHtml();
 * }</pre>
 *
 * <p>A builder: it collects rows and is not shared between threads.
 */
public final class HtmlTable {

  /** Text that reads as a number: it is right-aligned. */
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d[\\d,]*)?(\\.\\d+)?([eE][-+]?\\d+)?%?x?");

  /** A cell in bold (the diagonal of a confusion matrix), or with a hover text, or both. */
  private record Cell(Object value, boolean strong, String hint) {}

  private final List<String> header;
  private final List<List<Object>> rows = new ArrayList<>();
  private final List<List<Object>> footers = new ArrayList<>();
  private final List<Boolean> rowHeads = new ArrayList<>();
  private String title = "";
  private String note = "";

  private HtmlTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /**
   * Starts a table with these column names.
   *
   * @param header the column names
   * @return an empty table
   */
  public static HtmlTable of(String... header) {
    return new HtmlTable(List.of(header));
  }

  /**
   * Starts a table with these column names.
   *
   * @param header the column names
   * @return an empty table
   */
  public static HtmlTable of(List<String> header) {
    return new HtmlTable(header);
  }

  /**
   * Draws a Tablesaw table, the first and last rows of it when it has more than {@code maxRows},
   * with an ellipsis row between and a count of rows and columns under it.
   *
   * <pre>{@code
   * String html = HtmlTable.of(Tables.penguins(), 20).toHtml();
   * }</pre>
   *
   * @param table any table; its cells are written as its columns print them
   * @param maxRows the most rows shown, >= 1
   * @return the table, ready for {@link #toHtml()}
   */
  public static HtmlTable of(Table table, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
    }
    HtmlTable t = new HtmlTable(table.columnNames());
    if (table.name() != null && !table.name().isBlank()) {
      t.title(table.name());
    }
    int rows = table.rowCount();
    boolean elided = rows > maxRows;
    int head = elided ? (maxRows + 1) / 2 : rows;
    for (int r = 0; r < head; r++) {
      t.row(cells(table, r));
    }
    if (elided) {
      List<Object> dots = new ArrayList<>();
      for (int c = 0; c < table.columnCount(); c++) {
        dots.add("\u2026");
      }
      t.row(dots);
      for (int r = rows - maxRows / 2; r < rows; r++) {
        t.row(cells(table, r));
      }
    }
    t.note(count(rows, "row") + " \u00d7 " + count(table.columnCount(), "column")
        + (elided ? " (" + maxRows + " shown)" : ""));
    return t;
  }

  private static String count(int n, String what) {
    return Figures.count(n) + " " + what + (n == 1 ? "" : "s");
  }

  private static List<Object> cells(Table table, int r) {
    List<Object> cells = new ArrayList<>(table.columnCount());
    for (Column<?> column : table.columns()) {
      cells.add(column.getString(r));
    }
    return cells;
  }

  /**
   * Marks a cell to be shown in bold.
   *
   * <pre>{@code
   * table.row("3", HtmlTable.strong(980L), 4L);
   * }</pre>
   *
   * @param value the cell
   * @return a bold cell
   */
  public static Object strong(Object value) {
    return value instanceof Cell c ? new Cell(c.value(), true, c.hint()) : new Cell(value, true, "");
  }

  /**
   * Gives a cell a text shown when the pointer rests on it (a model's full provenance).
   *
   * <pre>{@code
   * table.row(HtmlTable.hinted("prune50", "mlp(784,128,10) > prune(0.5)"), 0.97);
   * }</pre>
   *
   * @param value the cell
   * @param hint plain text
   * @return a cell with a hover text
   */
  public static Object hinted(Object value, String hint) {
    Objects.requireNonNull(hint, "hint");
    return value instanceof Cell c ? new Cell(c.value(), c.strong(), hint)
        : new Cell(value, false, hint);
  }

  /**
   * Sets the title shown above the table.
   *
   * @param text the title, plain text
   * @return this table
   */
  public HtmlTable title(String text) {
    this.title = Objects.requireNonNull(text, "text");
    return this;
  }

  /**
   * Sets a note shown under the table.
   *
   * @param text the note, plain text
   * @return this table
   */
  public HtmlTable note(String text) {
    this.note = Objects.requireNonNull(text, "text");
    return this;
  }

  /**
   * Adds a row: strings as they are, whole numbers with thousands separators, other numbers as
   * {@link Figures#significant(double)} writes them (format them first for a fixed number of
   * decimals).
   *
   * @param cells one per column
   * @return this table
   */
  public HtmlTable row(Object... cells) {
    return row(List.of(cells));
  }

  /**
   * Adds a row.
   *
   * @param cells one per column
   * @return this table
   * @throws IllegalArgumentException when the row has more cells than the table has columns
   */
  public HtmlTable row(List<?> cells) {
    add(rows, cells);
    rowHeads.add(false);
    return this;
  }

  /**
   * Adds a row whose first cell heads it, as in a confusion matrix's "actual" column.
   *
   * @param cells one per column
   * @return this table
   */
  public HtmlTable headedRow(Object... cells) {
    add(rows, List.of(cells));
    rowHeads.add(true);
    return this;
  }

  /**
   * Adds a total row under the others, in bold.
   *
   * @param cells one per column
   * @return this table
   */
  public HtmlTable footer(Object... cells) {
    add(footers, List.of(cells));
    return this;
  }

  private void add(List<List<Object>> to, List<?> cells) {
    if (cells.size() > header.size()) {
      throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of "
          + header.size() + " columns " + header);
    }
    to.add(new ArrayList<>(cells));
  }

  /**
   * Returns the table as an HTML fragment.
   *
   * @return HTML, with every text escaped
   */
  public String toHtml() {
    StringBuilder h = new StringBuilder(128 + 48 * (rows.size() + 1) * header.size());
    h.append("<div class=\"hone-table\">");
    if (!title.isEmpty()) {
      h.append("<p><b>").append(Html.escape(title)).append("</b></p>");
    }
    h.append("<table><thead><tr>");
    for (String name : header) {
      h.append("<th>").append(Html.escape(name)).append("</th>");
    }
    h.append("</tr></thead><tbody>");
    for (int r = 0; r < rows.size(); r++) {
      appendRow(h, rows.get(r), rowHeads.get(r), false);
    }
    h.append("</tbody>");
    if (!footers.isEmpty()) {
      h.append("<tfoot>");
      for (List<Object> f : footers) {
        appendRow(h, f, false, true);
      }
      h.append("</tfoot>");
    }
    h.append("</table>");
    if (!note.isEmpty()) {
      h.append("<p><small>").append(Html.escape(note)).append("</small></p>");
    }
    return h.append("</div>").toString();
  }

  private static void appendRow(StringBuilder h, List<Object> cells, boolean headed,
      boolean bold) {
    h.append("<tr>");
    for (int c = 0; c < cells.size(); c++) {
      Object cell = cells.get(c);
      Cell styled = cell instanceof Cell s ? s : new Cell(cell, false, "");
      boolean strong = bold || styled.strong();
      String text = text(styled.value());
      String tag = headed && c == 0 ? "th" : "td";
      h.append('<').append(tag);
      if (!styled.hint().isEmpty()) {
        h.append(" title=\"").append(Html.escape(styled.hint())).append('"');
      }
      if (NUMBER.matcher(text).matches() && !text.isEmpty()) {
        h.append(" style=\"text-align:right\"");
      }
      h.append('>');
      h.append(strong ? "<b>" : "").append(Html.escape(text)).append(strong ? "</b>" : "");
      h.append("</").append(tag).append('>');
    }
    h.append("</tr>");
  }

  private static String text(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Long || cell instanceof Integer || cell instanceof Short) {
      return Figures.count(((Number) cell).longValue());
    }
    if (cell instanceof Double || cell instanceof Float) {
      double v = ((Number) cell).doubleValue();
      return Double.isNaN(v) ? "" : Figures.significant(v);
    }
    return cell.toString();
  }
}
