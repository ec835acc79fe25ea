package dev.hone.data.augment;

import dev.hone.display.Displayable;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grid of images, each row an original followed by augmented draws of it; displays as a PNG.
 *
 * <pre>{@code
 * AugmentedSamples grid = Augmentation.images(28, 28).rotate(15).samples(mnist.train(), 4, 1);
 * grid.png();   // PNG bytes
 * }</pre>
 */
public final class AugmentedSamples implements Displayable {

  private static final int SCALE = 3;
  private final Augmentation augmentation;
  private final List<float[]> images;
  private final int rows;
  private final int columns;

  AugmentedSamples(Augmentation augmentation, List<float[]> images, int rows, int columns) {
    this.augmentation = augmentation;
    this.images = List.copyOf(images);
    this.rows = rows;
    this.columns = columns;
  }

  /** Returns the number of images in the grid. */
  public int size() {
    return images.size();
  }

  /** Returns a copy of image {@code i}, row by row (original first in each row). */
  public float[] image(int i) {
    return images.get(i).clone();
  }

  /** Returns the grid as PNG bytes, each image scaled to its own min-max gray range. */
  public byte[] png() {
    int w = augmentation.width();
    int h = augmentation.height();
    int gap = 2;
    BufferedImage out = new BufferedImage(columns * (w * SCALE + gap), rows * (h * SCALE + gap),
        BufferedImage.TYPE_INT_RGB);
    for (int k = 0; k < images.size(); k++) {
      float[] img = images.get(k);
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : img) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      float range = max > min ? max - min : 1;
      int ox = (k % columns) * (w * SCALE + gap);
      int oy = (k / columns) * (h * SCALE + gap);
      for (int y = 0; y < h * SCALE; y++) {
        for (int x = 0; x < w * SCALE; x++) {
          int g = 255 - Math.round(255 * (img[(y / SCALE) * w + x / SCALE] - min) / range);
          out.setRGB(ox + x, oy + y, (g << 16) | (g << 8) | g);
        }
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the sample grid as PNG", e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("text/plain", toString());
    b.put("image/png", Base64.getEncoder().encodeToString(png()));
    return b;
  }

  @Override
  public String toString() {
    return "AugmentedSamples[" + rows + " images x " + (columns - 1) + " draws of "
        + augmentation.describe() + "]";
  }
}
