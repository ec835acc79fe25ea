package dev.hone.layer;

/** The keep-masks of pruned layers: bit {@code i % 64} of word {@code i / 64} keeps weight i. */
final class Masks {

  private Masks() {}

  static boolean kept(long[] words, int index) {
    return (words[index >>> 6] & (1L << index)) != 0;
  }

  /** Returns the mask as 1 (kept) and 0 (pruned) floats. */
  static float[] values(long[] words, int weights) {
    float[] m = new float[weights];
    for (int i = 0; i < weights; i++) {
      m[i] = kept(words, i) ? 1f : 0f;
    }
    return m;
  }

  /**
   * Checks that the words fit a layer and keep exactly {@code kept} weights.
   *
   * @return the words, for chaining
   * @throws IllegalArgumentException naming the mismatch
   */
  static long[] check(long[] words, int inputs, int outputs, long kept, String what) {
    long weights = (long) inputs * outputs;
    if (words.length != (weights + 63) / 64) {
      throw new IllegalArgumentException("a " + inputs + " x " + outputs + " layer needs "
          + (weights + 63) / 64 + " mask words, was " + words.length);
    }
    long set = 0;
    for (long w : words) {
      set += Long.bitCount(w);
    }
    if (set != kept) {
      throw new IllegalArgumentException("the mask keeps " + set + " weights but " + kept + " "
          + what + " were given");
    }
    int tail = (int) (weights % 64);
    if (tail != 0 && (words[words.length - 1] >>> tail) != 0) {
      throw new IllegalArgumentException("the mask has bits set beyond weight " + (weights - 1));
    }
    return words;
  }
}
