package dev.hone.runtime.internal;

/**
 * Scores rows of logits on the Java side: the predicted class and the softmax cross-entropy. The
 * training loss, validation figures, {@code evaluate} and {@code predict} all use these, so they
 * agree to the last bit on the same logits.
 */
public final class Logits {

  private Logits() {}

  /**
   * Returns the class with the largest logit in one row; the first one on ties, as
   * {@code torch.argmax}.
   *
   * @param logits row-major logits
   * @param offset where the row starts
   * @param classes the row's length
   * @return the class index
   */
  public static int argMax(float[] logits, int offset, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (logits[offset + c] > logits[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Returns one row's softmax cross-entropy, in double and stable against large logits; NaN or
   * infinite when a logit is, so a diverged model shows.
   *
   * @param logits row-major logits
   * @param offset where the row starts
   * @param classes the row's length
   * @param label the true class
   * @return {@code -log softmax(row)[label]}
   */
  public static double crossEntropy(float[] logits, int offset, int classes, int label) {
    double max = logits[offset + argMax(logits, offset, classes)];
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits[offset + c] - max);
    }
    return Math.log(sum) + max - logits[offset + label];
  }
}
