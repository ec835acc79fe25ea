package dev.hone.optimize;

/**
 * What an {@link Optimize} search improves while it keeps the accuracy budget.
 *
 * <pre>{@code
 * Optimize.model(model).on(validation).withinAccuracyDrop(0.005).minimize(Goal.FILE_BYTES);
 * }</pre>
 */
public enum Goal {
  /** The bytes of the model's {@code .hone} file: smaller is better. */
  FILE_BYTES("file bytes", false),
  /** The median latency of one-row predictions: smaller is better. */
  LATENCY_B1("batch-1 p50 latency (us)", false),
  /** Rows per second in calls of 256 rows: larger is better. */
  THROUGHPUT_B256("batch-256 rows/s", true);

  private final String label;
  private final boolean larger;

  Goal(String label, boolean larger) {
    this.label = label;
    this.larger = larger;
  }

  /** Returns how the goal's figure is named in tables, e.g. {@code file bytes}. */
  public String label() {
    return label;
  }

  /** Returns whether a larger figure is better (throughput) rather than a smaller one. */
  public boolean largerIsBetter() {
    return larger;
  }

  /** Returns this goal's figure of a trial. */
  double of(Trial t) {
    return switch (this) {
      case FILE_BYTES -> t.fileBytes();
      case LATENCY_B1 -> t.latencyP50Micros();
      case THROUGHPUT_B256 -> t.samplesPerSecond();
    };
  }

  /** Returns whether figure {@code a} is better than {@code b}. */
  boolean better(double a, double b) {
    return larger ? a > b : a < b;
  }
}
