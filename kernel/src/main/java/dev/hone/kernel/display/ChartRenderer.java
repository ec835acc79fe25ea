package dev.hone.kernel.display;

import dev.hone.display.Images;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Shows an XChart chart as PNG, and as SVG too unless the system property
 * {@code hone.kernel.svg} is {@code false} (SVG scales crisply but makes notebooks larger).
 */
final class ChartRenderer {

  private ChartRenderer() {}

  static Map<String, String> render(Chart<?, ?> chart) {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("image/png", Images.pngBase64(chart));
    if (Boolean.parseBoolean(System.getProperty("hone.kernel.svg", "true"))) {
      bundle.put("image/svg+xml", svg(chart));
    }
    String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle();
    bundle.put("text/plain", "<" + chart.getClass().getSimpleName() + ": " + title + ">");
    return bundle;
  }

  static String svg(Chart<?, ?> chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render chart '" + chart.getTitle() + "' as SVG", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
