package dev.hone.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.display.Displayable;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

  @Test
  void a_table_shows_as_html_with_a_bounded_number_of_rows() {
    int[] values = new int[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    Map<String, String> bundle = Renderers.render(Table.create("big", IntColumn.create("n", values)));
    String html = bundle.get("text/html");
    assertEquals(TableRenderer.DEFAULT_MAX_ROWS + 2, html.split("<tr>").length - 1, "header, rows and the ellipsis row");
    assertTrue(html.contains("1,000 rows"), html);
    assertTrue(bundle.containsKey("text/plain"));
  }

  @Test
  void a_chart_shows_as_a_png_of_its_size_and_no_svg_by_default() throws Exception {
    XYChart chart = new XYChartBuilder().width(200).height(100).build();
    chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
    Map<String, String> bundle = Renderers.render(chart);
    assertTrue(bundle.get("image/png").startsWith("iVBOR"), "base64 PNG");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
    assertEquals(200, png.getWidth());
    assertEquals(100, png.getHeight());
    assertFalse(bundle.containsKey("image/svg+xml"));
  }

  @Test
  void a_chart_shows_as_svg_too_when_asked() {
    XYChart chart = new XYChartBuilder().width(200).height(100).build();
    chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
    String before = System.getProperty("hone.kernel.svg");
    System.setProperty("hone.kernel.svg", "true");
    try {
      Map<String, String> bundle = Renderers.render(chart);
      assertTrue(bundle.get("image/png").startsWith("iVBOR"), "base64 PNG");
      assertTrue(bundle.get("image/svg+xml").contains("<svg"));
    } finally {
      if (before == null) {
        System.clearProperty("hone.kernel.svg");
      } else {
        System.setProperty("hone.kernel.svg", before);
      }
    }
  }

  @Test
  void a_displayable_shows_through_its_own_bundle() {
    Displayable value = () -> Map.of("text/plain", "plain", "text/html", "<i>rich</i>");
    assertEquals("<i>rich</i>", Renderers.render(value).get("text/html"));
  }

  @Test
  void a_registered_renderer_wins_over_the_default() {
    record Money(long cents) {}
    Renderers.register(Money.class, m -> Map.of("text/plain", m.cents() / 100 + " EUR"));
    assertEquals("3 EUR", Renderers.render(new Money(300)).get("text/plain"));
  }

  @Test
  void plain_values_show_as_jshell_shows_them() {
    assertEquals("\"hi\"", Renderers.render("hi").get("text/plain"));
    assertEquals("[1, 2]", Renderers.render(new int[] {1, 2}).get("text/plain"));
    assertEquals("null", Renderers.render(null).get("text/plain"));
  }
}
