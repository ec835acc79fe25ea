package dev.hone.model;

import dev.hone.data.Dataset;
import java.util.SplittableRandom;

/** Seeded synthetic data for fast training tests. */
public final class Fixtures {

  private Fixtures() {}

  /**
   * Gaussian blobs: class c is centred at a seeded random point, rows scattered around it.
   *
   * @param rows how many rows
   * @param features features per row
   * @param classes number of classes
   * @param spread standard deviation around each centre
   * @param seed the seed
   * @return the dataset
   */
  public static Dataset blobs(int rows, int features, int classes, double spread, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centres = new float[classes][features];
    for (float[] c : centres) {
      for (int j = 0; j < features; j++) {
        c[j] = (float) (random.nextDouble() * 4 - 2);
      }
    }
    float[] x = new float[rows * features];
    int[] y = new int[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = r % classes;
      for (int j = 0; j < features; j++) {
        x[r * features + j] = (float) (centres[y[r]][j] + spread * gaussian(random));
      }
    }
    return Dataset.ofFlat("blobs", x, features, y, classes);
  }

  /** Rows whose labels are random: nothing to learn, so validation loss rises with training. */
  public static Dataset noise(int rows, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * features];
    int[] y = new int[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) gaussian(random);
    }
    for (int r = 0; r < rows; r++) {
      y[r] = random.nextInt(classes);
    }
    return Dataset.ofFlat("noise", x, features, y, classes);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
