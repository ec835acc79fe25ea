package dev.hone.export.onnx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The name, element type and shape of a tensor value ({@code ValueInfoProto}), as declared for
 * graph inputs and outputs.
 *
 * <pre>{@code
 * OnnxValueInfo.tensor("x", ElementType.FLOAT, List.of(Dim.symbolic("batch"), Dim.of(784)));
 * }</pre>
 *
 * @param name the value name
 * @param elementType the element type
 * @param shape the dims, or empty when the rank is unknown (an empty list is a scalar)
 */
public record OnnxValueInfo(String name, ElementType elementType, Optional<List<Dim>> shape) {

  /** Checks the name and copies the shape. */
  public OnnxValueInfo {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a value info needs a name, was '" + name + "'");
    }
    Objects.requireNonNull(elementType, () -> "element type of value '" + name + "'");
    shape = shape.map(List::copyOf);
  }

  /**
   * A tensor value of known rank.
   *
   * @param name the value name
   * @param elementType the element type
   * @param shape the dims; empty for a scalar
   * @return the value info
   */
  public static OnnxValueInfo tensor(String name, ElementType elementType, List<Dim> shape) {
    return new OnnxValueInfo(name, elementType, Optional.of(shape));
  }

  /**
   * A tensor value of unknown rank.
   *
   * @param name the value name
   * @param elementType the element type
   * @return the value info
   */
  public static OnnxValueInfo tensor(String name, ElementType elementType) {
    return new OnnxValueInfo(name, elementType, Optional.empty());
  }
}
