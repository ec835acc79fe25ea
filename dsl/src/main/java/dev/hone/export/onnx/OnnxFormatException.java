package dev.hone.export.onnx;

/**
 * Bytes that are not a well-formed ONNX model, or a model this codec cannot represent.
 *
 * <p>The message names what was wrong and where, for example {@code not an ONNX model: truncated
 * varint at byte 17} or {@code field 7 of ModelProto has wire type 0, expected 2}.
 */
public final class OnnxFormatException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public OnnxFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying error
   */
  public OnnxFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
