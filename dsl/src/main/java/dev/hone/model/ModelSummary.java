package dev.hone.model;

import dev.hone.display.Displayable;
import dev.hone.display.HtmlTable;
import dev.hone.layer.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Layers, shapes, parameter counts and bytes of a model, like Keras' {@code model.summary()}.
 *
 * <pre>{@code
 * System.out.println(model.summary());
 * }</pre>
 *
 * @param title the model's provenance
 * @param rows one row per layer
 */
public record ModelSummary(String title, List<Row> rows) implements Displayable {

  /**
   * One layer.
   *
   * @param name such as {@code dense_0 (relu)}
   * @param inputShape such as {@code [*, 784]}
   * @param outputShape such as {@code [*, 128]}
   * @param parameters weights plus biases
   * @param bytes bytes of the layer's encoding (4 per float32 when dense)
   */
  public record Row(String name, String inputShape, String outputShape, long parameters,
      long bytes) {}

  /** Copies the rows. */
  public ModelSummary {
    rows = List.copyOf(rows);
  }

  static ModelSummary of(Network model) {
    List<Row> rows = new ArrayList<>();
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer d = layers.get(i);
      String act = i + 1 < layers.size()
          ? model.spec().activation().name().toLowerCase(java.util.Locale.ROOT) : "logits";
      String name = d.encoding() + "_" + i + " (" + act + ")";
      rows.add(new Row(name, "[*, " + d.inputs() + "]", "[*, " + d.outputs() + "]",
          d.parameterCount(), d.storedBytes()));
    }
    return new ModelSummary(model.provenance().toString(), rows);
  }

  /** Returns the total parameter count. */
  public long totalParameters() {
    return rows.stream().mapToLong(Row::parameters).sum();
  }

  /** Returns the total parameter bytes. */
  public long totalBytes() {
    return rows.stream().mapToLong(Row::bytes).sum();
  }

  /** Returns the summary as a Tablesaw table, one row per layer. */
  public Table toTable() {
    StringColumn name = StringColumn.create("layer");
    StringColumn in = StringColumn.create("input");
    StringColumn out = StringColumn.create("output");
    LongColumn params = LongColumn.create("parameters");
    LongColumn bytes = LongColumn.create("bytes");
    for (Row r : rows) {
      name.append(r.name());
      in.append(r.inputShape());
      out.append(r.outputShape());
      params.append(r.parameters());
      bytes.append(r.bytes());
    }
    return Table.create("summary", name, in, out, params, bytes);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    HtmlTable html = HtmlTable.of("layer", "input", "output", "parameters", "bytes").title(title);
    for (Row r : rows) {
      html.row(r.name(), r.inputShape(), r.outputShape(), r.parameters(), r.bytes());
    }
    html.footer("total", "", "", totalParameters(), totalBytes());
    bundle.put("text/html", html.toHtml());
    return bundle;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(title).append('\n');
    s.append(String.format("%-20s %-12s %-12s %12s %12s%n", "layer", "input", "output",
        "parameters", "bytes"));
    for (Row r : rows) {
      s.append(String.format("%-20s %-12s %-12s %,12d %,12d%n", r.name(), r.inputShape(),
          r.outputShape(), r.parameters(), r.bytes()));
    }
    s.append(String.format("%-46s %,12d %,12d", "total", totalParameters(), totalBytes()));
    return s.toString();
  }
}
