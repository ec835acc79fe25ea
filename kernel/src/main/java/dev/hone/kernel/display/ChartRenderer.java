package dev.hone.kernel.display;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Shows an XChart chart as PNG, and as SVG too when the system property {@code hone.kernel.svg}
 * is {@code true}.
 *
 * <p>PNG alone is the default because the SVG of a 1,000-point line chart is about 650 kB (twenty
 * times the PNG) and took longer to draw than the PNG; it also made notebooks large. The PNG is
 * written with light compression ({@value #PNG_QUALITY}), which encodes faster than ImageIO's
 * default for about 10% more bytes.
 */
final class ChartRenderer {

  /** ImageIO's PNG quality: 1 stores, 0 compresses hardest; its default is 0.5. */
  static final float PNG_QUALITY = 0.75f;

  private ChartRenderer() {}

  static Map<String, String> render(Chart<?, ?> chart) {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("image/png", Base64.getEncoder().encodeToString(png(chart)));
    if (Boolean.parseBoolean(System.getProperty("hone.kernel.svg", "false"))) {
      bundle.put("image/svg+xml", svg(chart));
    }
    String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle();
    bundle.put("text/plain", "<" + chart.getClass().getSimpleName() + ": " + title + ">");
    return bundle;
  }

  static byte[] png(Chart<?, ?> chart) {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no PNG writer in javax.imageio");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(PNG_QUALITY);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render chart '" + chart.getTitle() + "' as PNG", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
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
