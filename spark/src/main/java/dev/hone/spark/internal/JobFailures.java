package dev.hone.spark.internal;

import java.util.function.Supplier;

/**
 * Runs a Spark action and, when it fails because an executor rejected the caller's input,
 * rethrows that {@link IllegalArgumentException} itself: Spark wraps an executor's exception in
 * layers of job-failure text (and as a checked {@code SparkException} that Java callers cannot
 * name in a catch), while the caller's mistake deserves the plain message.
 */
public final class JobFailures {

  private JobFailures() {}

  /**
   * Runs the action.
   *
   * @param action the Spark action
   * @param <T> its result
   * @return the result
   */
  public static <T> T run(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException bad) {
          throw new IllegalArgumentException(bad.getMessage(), e);
        }
      }
      throw JobFailures.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
