package dev.hone.data;

import java.util.Objects;

/**
 * A data file that cannot be used as it is: a bad header, a truncated or corrupt file, or content
 * that disagrees with another file. The message names the file, what is wrong and what was
 * expected.
 *
 * <p>It is an {@link IllegalArgumentException} because the file is an argument the caller chose;
 * catch this type to tell a bad file from other bad arguments.
 *
 * <pre>{@code
 * try {
 *   Datasets.idx(Path.of("digits-images.gz"), Path.of("digits-labels.gz"));
 * } catch (DataFileException e) {
 *   System.err.println(e.file() + " is unusable: " + e.getMessage());
 * }
 * }</pre>
 */
public final class DataFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String file;

  /**
   * Creates the exception; the message is prefixed with the file's name.
   *
   * @param file the file's path or display name
   * @param problem what is wrong and what was expected
   */
  public DataFileException(String file, String problem) {
    this(file, problem, null);
  }

  /**
   * Creates the exception with the low-level cause (a gzip error, for example).
   *
   * @param file the file's path or display name
   * @param problem what is wrong and what was expected
   * @param cause the underlying error, or {@code null}
   */
  public DataFileException(String file, String problem, Throwable cause) {
    super(Objects.requireNonNull(file, "file") + ": " + problem, cause);
    this.file = file;
  }

  /** Returns the path or display name of the file at fault. */
  public String file() {
    return file;
  }
}
