package dev.hone.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {

  @Test
  void counts_get_thousands_separators_and_numbers_align_right() {
    String html = HtmlTable.of("layer", "parameters").title("m").row("dense_0", 101_770L)
        .footer("total", 101_770L).toHtml();
    assertTrue(html.contains("<td style=\"text-align:right\">101,770</td>"), html);
    assertTrue(html.contains("<td>dense_0</td>"), html);
    assertTrue(html.contains("<tfoot><tr><td><b>total</b></td><td style=\"text-align:right\"><b>101,770"
        + "</b></td></tr></tfoot>"), html);
    assertTrue(html.startsWith("<div class=\"hone-table\"><p><b>m</b></p><table>"), html);
  }

  @Test
  void text_is_escaped_and_strong_cells_are_bold() {
    String html = HtmlTable.of("a<b", "n").headedRow("x&y", HtmlTable.strong(3)).toHtml();
    assertTrue(html.contains("<th>a&lt;b</th>"), html);
    assertTrue(html.contains("<tr><th>x&amp;y</th><td style=\"text-align:right\"><b>3</b></td>"),
        html);
  }

  @Test
  void a_row_longer_than_the_header_is_refused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> HtmlTable.of("a").row("1", "2"));
    assertTrue(e.getMessage().contains("2 cells in a table of 1 columns"), e.getMessage());
  }

  @Test
  void a_long_tablesaw_table_shows_its_ends_and_its_size() {
    int[] n = new int[1500];
    for (int i = 0; i < n.length; i++) {
      n[i] = i;
    }
    String html = HtmlTable.of(Table.create("big", IntColumn.create("n", n)), 10).toHtml();
    assertEquals(1 + 10 + 1, html.split("<tr>").length - 1, "header, 10 rows, the ellipsis");
    assertTrue(html.contains(">1499<"), "the last row");
    assertTrue(html.contains("1,500 rows \u00d7 1 column (10 shown)"), html);
  }

  @Test
  void figures_keep_three_significant_digits() {
    assertEquals("1.15e-9", Figures.significant(0.0000000011450632203535705));
    assertEquals("0.001", Figures.significant(0.001));
    assertEquals("0.0125", Figures.significant(0.0125));
    assertEquals("3e-4", Figures.significant(3e-4));
    assertEquals("123", Figures.significant(123.4));
    assertEquals("1.23e+6".replace("+", ""), Figures.significant(1_234_567));
    assertEquals("-0.5", Figures.significant(-0.5));
    assertEquals("0", Figures.significant(0));
    assertEquals("NaN", Figures.significant(Double.NaN));
    assertEquals("1,234,567", Figures.count(1_234_567));
  }
}
