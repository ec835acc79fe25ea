package dev.hone.data.internal;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles: the same seed gives the same order on every machine. */
public final class Shuffle {

  private Shuffle() {}

  /**
   * Shuffles the array in place, drawing from {@code random} once per position from the end.
   *
   * @param values the array to shuffle
   * @param random the seeded source
   * @return the same array, for chaining
   */
  public static int[] inPlace(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }

  /**
   * Returns {@code 0 .. n-1} in a random order.
   *
   * @param n how many indices
   * @param random the seeded source
   * @return a new permutation
   */
  public static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return inPlace(order, random);
  }
}
