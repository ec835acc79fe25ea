package dev.hone.data.augment;

import dev.hone.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random image transforms applied on the fly while training: random crop with padding, horizontal
 * flip, rotation within +/- degrees and small translations. Each epoch draws fresh transforms from
 * a seed derived from the training seed and the epoch, one batch at a time, so nothing is copied
 * per epoch and the same seed trains the same model. Evaluation and prediction never see it.
 *
 * <p>Random crop with padding (pad the image by {@code p} pixels, cut the original size at a
 * random offset; Krizhevsky et al., 2012) is an integer shift of at most {@code p} pixels with
 * the border filled; translation is the same with its own range; rotation samples bilinearly
 * about the centre. All transforms are composed into one inverse mapping per image, so an image is
 * resampled once. Pixels that come from outside the image take the image's smallest value (0 for
 * raw MNIST, its background after standardization).
 *
 * <pre>{@code
 * Augmentation aug = Augmentation.images(28, 28).crop(2).rotate(10);
 * TrainedModel m = Model.mlp(784, 128, 10).train(mnist.train().take(1000),
 *     Train.epochs(20).augment(aug));
 * aug.samples(mnist.train(), 8, 42);   // a grid: originals, then augmented draws
 * }</pre>
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param padding random crop padding in pixels (0: no crop)
 * @param flips whether to flip horizontally with probability 1/2
 * @param degrees rotation range: uniform in {@code [-degrees, degrees]} (0: none)
 * @param shift translation range in pixels along each axis (0: none)
 */
public record Augmentation(int width, int height, int padding, boolean flips, double degrees,
    int shift) {

  /** Checks every range; the message names the bad value. */
  public Augmentation {
    if (width < 2 || height < 2) {
      throw new IllegalArgumentException("images must be at least 2 x 2 pixels, were " + width
          + " x " + height);
    }
    int half = Math.min(width, height) / 2;
    if (padding < 0 || padding > half) {
      throw new IllegalArgumentException("crop padding must be in [0, " + half + "] for "
          + width + " x " + height + " images, was " + padding);
    }
    if (!(degrees >= 0 && degrees <= 180)) {
      throw new IllegalArgumentException("rotation must be within [0, 180] degrees, was "
          + degrees);
    }
    if (shift < 0 || shift > half) {
      throw new IllegalArgumentException("translation must be in [0, " + half + "] pixels for "
          + width + " x " + height + " images, was " + shift);
    }
  }

  /**
   * Starts an augmentation, doing nothing yet, for grayscale images of the given size stored
   * row-major one pixel per feature.
   *
   * <pre>{@code
   * Augmentation aug = Augmentation.images(28, 28).flip();
   * }</pre>
   *
   * @param width pixels per row
   * @param height rows
   * @return the augmentation
   */
  public static Augmentation images(int width, int height) {
    return new Augmentation(width, height, 0, false, 0, 0);
  }

  /**
   * Adds a random crop with padding: a shift of up to {@code padding} pixels each way.
   *
   * <pre>{@code
   * Augmentation.images(28, 28).crop(2);
   * }</pre>
   *
   * @param padding pixels, in [0, min(width, height) / 2]
   * @return the changed augmentation
   */
  public Augmentation crop(int padding) {
    return new Augmentation(width, height, padding, flips, degrees, shift);
  }

  /**
   * Adds a horizontal flip with probability 1/2 (for images whose meaning survives it; not digits).
   *
   * <pre>{@code
   * Augmentation.images(28, 28).flip();
   * }</pre>
   *
   * @return the changed augmentation
   */
  public Augmentation flip() {
    return new Augmentation(width, height, padding, true, degrees, shift);
  }

  /**
   * Adds a rotation by an angle drawn uniformly from {@code [-degrees, degrees]}.
   *
   * <pre>{@code
   * Augmentation.images(28, 28).rotate(15);
   * }</pre>
   *
   * @param degrees in [0, 180]
   * @return the changed augmentation
   */
  public Augmentation rotate(double degrees) {
    return new Augmentation(width, height, padding, flips, degrees, shift);
  }

  /**
   * Adds a translation by up to {@code pixels} along each axis (whole pixels).
   *
   * <pre>{@code
   * Augmentation.images(28, 28).translate(3);
   * }</pre>
   *
   * @param pixels in [0, min(width, height) / 2]
   * @return the changed augmentation
   */
  public Augmentation translate(int pixels) {
    return new Augmentation(width, height, padding, flips, degrees, pixels);
  }

  /** Returns the number of features an image has, {@code width * height}. */
  public int pixels() {
    return width * height;
  }

  /**
   * Checks that a dataset's rows are images of this size.
   *
   * @param data the training data
   * @throws IllegalArgumentException naming both sizes when they differ
   */
  public void checkFits(Dataset data) {
    if (data.featureCount() != pixels()) {
      throw new IllegalArgumentException("the augmentation is for " + width + " x " + height
          + " images (" + pixels() + " features) but '" + data.name() + "' has "
          + data.featureCount() + " features per row");
    }
  }

  /**
   * Returns the random source of one epoch: the same seed and epoch give the same draws.
   *
   * @param seed the training seed
   * @param epoch the epoch, from 0
   * @return a fresh random source
   */
  public static SplittableRandom epochRandom(long seed, int epoch) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (epoch + 1));
  }

  /**
   * Writes one randomly transformed image.
   *
   * <pre>{@code
   * aug.apply(features, row * 784, out, 0, new SplittableRandom(1));
   * }</pre>
   *
   * @param src images, row-major
   * @param from where the image starts in {@code src}
   * @param dst where to write
   * @param to where the image starts in {@code dst}
   * @param random the source of the draws
   */
  public void apply(float[] src, int from, float[] dst, int to, SplittableRandom random) {
    int dx = 0;
    int dy = 0;
    if (padding > 0) {
      dx += random.nextInt(2 * padding + 1) - padding;
      dy += random.nextInt(2 * padding + 1) - padding;
    }
    if (shift > 0) {
      dx += random.nextInt(2 * shift + 1) - shift;
      dy += random.nextInt(2 * shift + 1) - shift;
    }
    boolean mirror = flips && random.nextBoolean();
    double angle = degrees > 0 ? Math.toRadians((random.nextDouble() * 2 - 1) * degrees) : 0;
    int n = width * height;
    float fill = src[from];
    for (int i = from + 1; i < from + n; i++) {
      fill = src[i] < fill ? src[i] : fill;
    }
    if (angle == 0) {
      for (int y = 0; y < height; y++) {
        int sy = y - dy;
        for (int x = 0; x < width; x++) {
          int sx = (mirror ? width - 1 - x : x) - dx;
          dst[to + y * width + x] = sx >= 0 && sx < width && sy >= 0 && sy < height
              ? src[from + sy * width + sx] : fill;
        }
      }
      return;
    }
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    int step = mirror ? -1 : 1;
    // The inverse rotation of an output pixel gives where it comes from; along a row the source
    // moves by a constant step, so it is updated by addition. Pixels whose four neighbours are
    // all inside the image (almost all of them) are read without bounds checks.
    int offset = 2 * (width + height + padding + shift) + 2;
    float ax = (float) (cos * step);
    float ay = (float) (-sin * step);
    for (int y = 0; y < height; y++) {
      double ry = y - dy - cy;
      double rx = (mirror ? width - 1 : 0) - dx - cx;
      float sx = (float) (cos * rx + sin * ry + cx);
      float sy = (float) (-sin * rx + cos * ry + cy);
      int row = to + y * width;
      for (int x = 0; x < width; x++, sx += ax, sy += ay) {
        // floor by truncation after an offset that keeps the value positive (cheaper than
        // Math.floor); sources lie within about one image size of the image
        int x0 = (int) (sx + offset) - offset;
        int y0 = (int) (sy + offset) - offset;
        float fx = sx - x0;
        float fy = sy - y0;
        float p00;
        float p10;
        float p01;
        float p11;
        if (x0 >= 0 && y0 >= 0 && x0 < width - 1 && y0 < height - 1) {
          int i = from + y0 * width + x0;
          p00 = src[i];
          p10 = src[i + 1];
          p01 = src[i + width];
          p11 = src[i + width + 1];
        } else {
          p00 = pixel(src, from, x0, y0, fill);
          p10 = pixel(src, from, x0 + 1, y0, fill);
          p01 = pixel(src, from, x0, y0 + 1, fill);
          p11 = pixel(src, from, x0 + 1, y0 + 1, fill);
        }
        float top = p00 + fx * (p10 - p00);
        float bottom = p01 + fx * (p11 - p01);
        dst[row + x] = top + fy * (bottom - top);
      }
    }
  }

  private float pixel(float[] src, int from, int x, int y, float fill) {
    return x >= 0 && x < width && y >= 0 && y < height ? src[from + y * width + x] : fill;
  }

  /** Returns whether it changes anything at all. */
  public boolean isIdentity() {
    return padding == 0 && !flips && degrees == 0 && shift == 0;
  }

  /**
   * Returns a grid of augmented samples to look at: each row an original image from the data and
   * {@code draws} augmented versions of it.
   *
   * <pre>{@code
   * aug.samples(mnist.train(), 6, 42);   // shows inline in a notebook
   * }</pre>
   *
   * @param data images of this size
   * @param rows how many images, 1 to 32
   * @param seed the draws' seed
   * @return the grid, which displays as a PNG
   */
  public AugmentedSamples samples(Dataset data, int rows, long seed) {
    checkFits(data);
    if (rows < 1 || rows > 32 || rows > data.size()) {
      throw new IllegalArgumentException("rows must be in [1, min(32, " + data.size()
          + ")], was " + rows);
    }
    int draws = 7;
    SplittableRandom random = new SplittableRandom(seed);
    List<float[]> images = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      float[] original = data.row(r);
      images.add(original);
      for (int d = 0; d < draws; d++) {
        float[] out = new float[pixels()];
        apply(original, 0, out, 0, random);
        images.add(out);
      }
    }
    return new AugmentedSamples(this, images, rows, draws + 1);
  }

  /** Returns how it shows in provenance, such as {@code crop(2) rotate(10)}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (padding > 0) {
      parts.add("crop(" + padding + ")");
    }
    if (flips) {
      parts.add("flip");
    }
    if (degrees > 0) {
      parts.add(String.format(Locale.ROOT, "rotate(%s)", degrees == Math.rint(degrees)
          ? Long.toString((long) degrees) : Double.toString(degrees)));
    }
    if (shift > 0) {
      parts.add("translate(" + shift + ")");
    }
    return parts.isEmpty() ? "none" : String.join(" ", parts);
  }
}
