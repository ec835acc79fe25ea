package dev.hone.kernel.input;

/**
 * Thrown when a cell reads input that nobody can type: the client sent {@code allow_stdin: false}
 * (nbconvert and other batch runs do), or no cell is running.
 *
 * <p>Unchecked on purpose: {@code Scanner} swallows an {@code IOException} from its source and
 * reports only "No line found", which would hide the reason.
 */
public final class NoInputException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  NoInputException(String message) {
    super(message);
  }
}
