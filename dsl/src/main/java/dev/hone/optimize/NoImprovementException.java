package dev.hone.optimize;

/**
 * Thrown when no technique moved the goal within the accuracy budget. It carries the search's
 * result, so its trials can still be inspected and displayed.
 */
public final class NoImprovementException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final transient Optimization result;

  NoImprovementException(String message, Optimization result) {
    super(message);
    this.result = result;
  }

  /** Returns the search's result: every trial, the model as given as the best. */
  public Optimization result() {
    return result;
  }
}
