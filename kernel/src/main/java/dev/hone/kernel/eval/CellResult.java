package dev.hone.kernel.eval;

import java.util.Optional;

/**
 * What a cell produced: a value to display, nothing, or an error.
 *
 * <p>A value is present only when the cell ends with an expression; it may be {@code null}
 * itself (the expression's value was null), hence the separate flag.
 *
 * @param hasValue whether the cell ended with an expression
 * @param value the expression's value when {@code hasValue}
 * @param error the error when the cell failed
 */
public record CellResult(boolean hasValue, Object value, Optional<CellError> error) {

  /** A cell that ran and ended without a value. */
  public static CellResult empty() {
    return new CellResult(false, null, Optional.empty());
  }

  /** A cell that ended with an expression of value {@code value}. */
  public static CellResult value(Object value) {
    return new CellResult(true, value, Optional.empty());
  }

  /** A cell that failed. */
  public static CellResult failed(CellError error) {
    return new CellResult(false, null, Optional.of(error));
  }

  /** Returns whether the cell succeeded. */
  public boolean ok() {
    return error.isEmpty();
  }
}
