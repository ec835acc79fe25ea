package dev.hone.export.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named attribute of a node ({@code AttributeProto}): one float, int, string or tensor, or a
 * list of floats or ints. Each kind is its own record; the factories read best.
 *
 * <pre>{@code
 * OnnxAttribute.ofInt("to", ElementType.FLOAT.code());   // Cast to float
 * OnnxAttribute.ofInt("axis", 1);                         // per-column scales
 * OnnxAttribute.ofFloats("scales", 0.5f, 0.25f);
 * }</pre>
 */
public sealed interface OnnxAttribute {

  /** The {@code AttributeProto.AttributeType} of each supported kind, with its code. */
  enum Type {
    /** One float, field {@code f}. */
    FLOAT(1),
    /** One int64, field {@code i}. */
    INT(2),
    /** One string, field {@code s}. */
    STRING(3),
    /** One tensor, field {@code t}. */
    TENSOR(4),
    /** A list of floats, field {@code floats}. */
    FLOATS(6),
    /** A list of int64, field {@code ints}. */
    INTS(7);

    private final int code;

    Type(int code) {
      this.code = code;
    }

    /**
     * The {@code AttributeType} code.
     *
     * @return the code, e.g. 2 for {@link #INT}
     */
    public int code() {
      return code;
    }
  }

  /**
   * The attribute name.
   *
   * @return the name, never empty
   */
  String name();

  /**
   * The kind of value.
   *
   * @return the attribute type
   */
  Type type();

  /**
   * A float attribute, such as {@code alpha} of {@code LeakyRelu}.
   *
   * @param name the name
   * @param value the value
   * @return the attribute
   */
  static OnnxAttribute ofFloat(String name, float value) {
    return new OfFloat(name, value);
  }

  /**
   * An int attribute, such as {@code axis} or Cast's {@code to}.
   *
   * <pre>{@code
   * OnnxAttribute.ofInt("axis", 1);
   * }</pre>
   *
   * @param name the name
   * @param value the value
   * @return the attribute
   */
  static OnnxAttribute ofInt(String name, long value) {
    return new OfInt(name, value);
  }

  /**
   * A string attribute, such as {@code auto_pad}.
   *
   * @param name the name
   * @param value the value, written as UTF-8
   * @return the attribute
   */
  static OnnxAttribute ofString(String name, String value) {
    return new OfString(name, value);
  }

  /**
   * A tensor attribute, such as {@code value} of {@code Constant}.
   *
   * @param name the name
   * @param value the tensor
   * @return the attribute
   */
  static OnnxAttribute ofTensor(String name, TensorData value) {
    return new OfTensor(name, value);
  }

  /**
   * A list-of-floats attribute.
   *
   * @param name the name
   * @param values the values
   * @return the attribute
   */
  static OnnxAttribute ofFloats(String name, float... values) {
    List<Float> list = new ArrayList<>(values.length);
    for (float v : values) {
      list.add(v);
    }
    return new OfFloats(name, list);
  }

  /**
   * A list-of-ints attribute, such as {@code perm} of {@code Transpose}.
   *
   * <pre>{@code
   * OnnxAttribute.ofInts("perm", 1, 0);
   * }</pre>
   *
   * @param name the name
   * @param values the values
   * @return the attribute
   */
  static OnnxAttribute ofInts(String name, long... values) {
    List<Long> list = new ArrayList<>(values.length);
    for (long v : values) {
      list.add(v);
    }
    return new OfInts(name, list);
  }

  /**
   * A float attribute.
   *
   * @param name the name
   * @param value the value
   */
  record OfFloat(String name, float value) implements OnnxAttribute {
    /** Checks the name. */
    public OfFloat {
      checkName(name);
    }

    @Override
    public Type type() {
      return Type.FLOAT;
    }
  }

  /**
   * An int attribute.
   *
   * @param name the name
   * @param value the value
   */
  record OfInt(String name, long value) implements OnnxAttribute {
    /** Checks the name. */
    public OfInt {
      checkName(name);
    }

    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /**
   * A string attribute.
   *
   * @param name the name
   * @param value the value
   */
  record OfString(String name, String value) implements OnnxAttribute {
    /** Checks the name and the value. */
    public OfString {
      checkName(name);
      Objects.requireNonNull(value, () -> "value of attribute '" + name + "'");
    }

    @Override
    public Type type() {
      return Type.STRING;
    }
  }

  /**
   * A tensor attribute.
   *
   * @param name the name
   * @param value the tensor
   */
  record OfTensor(String name, TensorData value) implements OnnxAttribute {
    /** Checks the name and the value. */
    public OfTensor {
      checkName(name);
      Objects.requireNonNull(value, () -> "value of attribute '" + name + "'");
    }

    @Override
    public Type type() {
      return Type.TENSOR;
    }
  }

  /**
   * A list-of-floats attribute.
   *
   * @param name the name
   * @param values the values, unmodifiable
   */
  record OfFloats(String name, List<Float> values) implements OnnxAttribute {
    /** Checks the name and copies the values. */
    public OfFloats {
      checkName(name);
      values = List.copyOf(values);
    }

    @Override
    public Type type() {
      return Type.FLOATS;
    }
  }

  /**
   * A list-of-ints attribute.
   *
   * @param name the name
   * @param values the values, unmodifiable
   */
  record OfInts(String name, List<Long> values) implements OnnxAttribute {
    /** Checks the name and copies the values. */
    public OfInts {
      checkName(name);
      values = List.copyOf(values);
    }

    @Override
    public Type type() {
      return Type.INTS;
    }
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("an attribute needs a name, was '" + name + "'");
    }
  }
}
