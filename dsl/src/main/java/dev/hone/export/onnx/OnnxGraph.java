package dev.hone.export.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A computation graph ({@code GraphProto}): nodes in topological order, the constant tensors they
 * read (initializers), and the declared inputs and outputs. Whether every value is defined before
 * use is left to the ONNX checker; this record checks only what it needs to stay well-formed.
 *
 * <pre>{@code
 * Dim batch = Dim.symbolic("batch");
 * OnnxGraph g = new OnnxGraph("hone-mlp",
 *     List.of(OnnxNode.of("MatMul", List.of("x", "w0"), List.of("y"))),
 *     List.of(TensorData.floats("w0", new long[] {784, 10}, w)),
 *     List.of(OnnxValueInfo.tensor("x", ElementType.FLOAT, List.of(batch, Dim.of(784)))),
 *     List.of(OnnxValueInfo.tensor("y", ElementType.FLOAT, List.of(batch, Dim.of(10)))));
 * }</pre>
 *
 * @param name the graph name
 * @param nodes the nodes, in topological order
 * @param initializers the constant tensors, names unique and non-empty
 * @param inputs the graph inputs
 * @param outputs the graph outputs
 * @param valueInfo declared types of intermediate values (optional)
 * @param docString the documentation string, "" when none
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, List<TensorData> initializers,
    List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs, List<OnnxValueInfo> valueInfo,
    String docString) {

  /** Checks and copies the parts; initializer names must be non-empty and unique. */
  public OnnxGraph {
    Objects.requireNonNull(name, "name");
    nodes = List.copyOf(nodes);
    initializers = List.copyOf(initializers);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    valueInfo = List.copyOf(valueInfo);
    Objects.requireNonNull(docString, "docString");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < initializers.size(); i++) {
      String n = initializers.get(i).name();
      if (n.isEmpty()) {
        throw new IllegalArgumentException(
            "initializer " + i + " of graph '" + name + "' has no name");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException(
            "graph '" + name + "' has two initializers named '" + n + "'");
      }
    }
  }

  /**
   * A graph without intermediate value infos or doc string.
   *
   * @param name the graph name
   * @param nodes the nodes, in topological order
   * @param initializers the constant tensors
   * @param inputs the graph inputs
   * @param outputs the graph outputs
   */
  public OnnxGraph(String name, List<OnnxNode> nodes, List<TensorData> initializers,
      List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {
    this(name, nodes, initializers, inputs, outputs, List.of(), "");
  }

  /**
   * The initializer of the given name.
   *
   * @param tensorName the name
   * @return the tensor, or empty when there is none of that name
   */
  public Optional<TensorData> initializer(String tensorName) {
    return initializers.stream().filter(t -> t.name().equals(tensorName)).findFirst();
  }

  /**
   * A copy with a declared type for an intermediate value.
   *
   * @param info the value info
   * @return the graph with it
   */
  public OnnxGraph withValueInfo(OnnxValueInfo info) {
    List<OnnxValueInfo> more = new ArrayList<>(valueInfo);
    more.add(info);
    return new OnnxGraph(name, nodes, initializers, inputs, outputs, more, docString);
  }

  /**
   * A copy with a documentation string.
   *
   * @param doc the doc string
   * @return the documented graph
   */
  public OnnxGraph withDocString(String doc) {
    return new OnnxGraph(name, nodes, initializers, inputs, outputs, valueInfo, doc);
  }
}
