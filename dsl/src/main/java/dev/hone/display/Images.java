package dev.hone.display;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
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
}
