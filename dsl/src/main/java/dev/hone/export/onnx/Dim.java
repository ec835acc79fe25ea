package dev.hone.export.onnx;

/**
 * One dimension of a value's shape ({@code TensorShapeProto.Dimension}): a fixed size, a named
 * symbolic size such as {@code batch}, or unknown.
 *
 * <pre>{@code
 * List.of(Dim.symbolic("batch"), Dim.of(784))
 * }</pre>
 *
 * @param value the fixed size, or -1 when symbolic or unknown
 * @param param the symbolic name, or "" when fixed or unknown
 */
public record Dim(long value, String param) {

  /** Checks that the dimension is exactly one of fixed, symbolic or unknown. */
  public Dim {
    if (param == null) {
      throw new IllegalArgumentException("dim param must not be null; use \"\" for none");
    }
    if (value < -1 || (value >= 0 && !param.isEmpty())) {
      throw new IllegalArgumentException(
          "a dim is a size >= 0 or a symbolic name, was value " + value + ", param '" + param
              + "'");
    }
  }

  /**
   * A fixed size.
   *
   * @param size the size, {@code >= 0}
   * @return the dimension
   */
  public static Dim of(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("dim size must be >= 0, was " + size);
    }
    return new Dim(size, "");
  }

  /**
   * A symbolic size, the same wherever the name appears.
   *
   * @param name the name, e.g. {@code batch}
   * @return the dimension
   */
  public static Dim symbolic(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a symbolic dim needs a name, was '" + name + "'");
    }
    return new Dim(-1, name);
  }

  /**
   * A dimension of unknown size.
   *
   * @return the dimension
   */
  public static Dim unknown() {
    return new Dim(-1, "");
  }

  /**
   * Whether the size is fixed.
   *
   * @return true for {@link #of(long)}
   */
  public boolean isFixed() {
    return value >= 0;
  }

  @Override
  public String toString() {
    return isFixed() ? Long.toString(value) : param.isEmpty() ? "?" : param;
  }
}
