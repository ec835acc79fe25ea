package dev.hone.display;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/** Turns XChart charts into the encodings that notebooks show. */
public final class Images {

  private Images() {}

  /**
   * Renders a chart as PNG bytes, base64-encoded for a Jupyter MIME bundle.
   *
   * @param chart any XChart chart
   * @return base64 PNG
   */
  public static String pngBase64(Chart<?, ?> chart) {
    try {
      return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("could not render chart '" + chart.getTitle() + "' as PNG", e);
    }
  }

  /**
   * Renders charts next to each other, left to right, as one PNG, base64-encoded for a Jupyter
   * MIME bundle. Shorter charts are aligned at the top on a white background.
   *
   * @param charts one or more XChart charts
   * @return base64 PNG
   */
  public static String sideBySidePngBase64(Chart<?, ?>... charts) {
    if (charts.length == 0) {
      throw new IllegalArgumentException("give at least one chart");
    }
    int width = 0;
    int height = 0;
    for (Chart<?, ?> c : charts) {
      width += c.getWidth();
      height = Math.max(height, c.getHeight());
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int x = 0;
      for (Chart<?, ?> c : charts) {
        g.drawImage(BitmapEncoder.getBufferedImage(c), x, 0, null);
        x += c.getWidth();
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode " + charts.length + " charts as PNG", e);
    }
    return Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
