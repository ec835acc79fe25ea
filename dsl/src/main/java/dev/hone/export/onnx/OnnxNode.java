package dev.hone.export.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operator call in a graph ({@code NodeProto}): an op type, the names of the values it reads
 * and writes, and its attributes. An empty input name marks an optional input left out.
 *
 * <pre>{@code
 * OnnxNode.of("MatMul", List.of("x", "w0"), List.of("h0")).named("matmul0");
 * OnnxNode.of("Cast", List.of("w16"), List.of("w"))
 *     .withAttribute(OnnxAttribute.ofInt("to", ElementType.FLOAT.code()));
 * }</pre>
 *
 * @param opType the operator, e.g. {@code MatMul}
 * @param inputs the input value names, in the operator's order
 * @param outputs the output value names
 * @param name the node name, "" when unnamed
 * @param domain the operator set domain, "" for the default ONNX domain
 * @param attributes the attributes, names unique
 * @param docString the documentation string, "" when none
 */
public record OnnxNode(String opType, List<String> inputs, List<String> outputs, String name,
    String domain, List<OnnxAttribute> attributes, String docString) {

  /** Checks and copies the parts; attribute names must be unique. */
  public OnnxNode {
    if (opType == null || opType.isEmpty()) {
      throw new IllegalArgumentException("a node needs an op type, was '" + opType + "'");
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domain, "domain");
    attributes = List.copyOf(attributes);
    Objects.requireNonNull(docString, "docString");
    for (int i = 0; i < attributes.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (attributes.get(i).name().equals(attributes.get(j).name())) {
          throw new IllegalArgumentException("node '" + name + "' (" + opType
              + ") has two attributes named '" + attributes.get(i).name() + "'");
        }
      }
    }
  }

  /**
   * An unnamed node in the default domain, without attributes.
   *
   * <pre>{@code
   * OnnxNode.of("Relu", List.of("h0"), List.of("a0"));
   * }</pre>
   *
   * @param opType the operator
   * @param inputs the input value names
   * @param outputs the output value names
   * @return the node
   */
  public static OnnxNode of(String opType, List<String> inputs, List<String> outputs) {
    return new OnnxNode(opType, inputs, outputs, "", "", List.of(), "");
  }

  /**
   * A copy with one more attribute.
   *
   * @param attribute the attribute
   * @return the node with it
   * @throws IllegalArgumentException when the node already has an attribute of that name
   */
  public OnnxNode withAttribute(OnnxAttribute attribute) {
    List<OnnxAttribute> more = new ArrayList<>(attributes);
    more.add(attribute);
    return new OnnxNode(opType, inputs, outputs, name, domain, more, docString);
  }

  /**
   * A copy with a name.
   *
   * @param nodeName the name
   * @return the named node
   */
  public OnnxNode named(String nodeName) {
    return new OnnxNode(opType, inputs, outputs, nodeName, domain, attributes, docString);
  }

  /**
   * A copy in another operator set domain.
   *
   * <pre>{@code
   * OnnxNode.of("MatMulIntegerToFloat", ins, outs).inDomain("com.microsoft");
   * }</pre>
   *
   * @param opDomain the domain
   * @return the node in that domain
   */
  public OnnxNode inDomain(String opDomain) {
    return new OnnxNode(opType, inputs, outputs, name, opDomain, attributes, docString);
  }

  /**
   * A copy with a documentation string.
   *
   * @param doc the doc string
   * @return the documented node
   */
  public OnnxNode withDocString(String doc) {
    return new OnnxNode(opType, inputs, outputs, name, domain, attributes, doc);
  }

  /**
   * The attribute of the given name.
   *
   * @param attributeName the name
   * @return the attribute, or empty when the node has none of that name
   */
  public Optional<OnnxAttribute> attribute(String attributeName) {
    return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
  }
}
