package dev.hone.model;

import dev.hone.display.Displayable;
import dev.hone.display.HtmlTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What quantization did and what it cost: the scheme, the accuracy before and after on the
 * validation rows (NaN when none were given), and for each layer its stored precision and why.
 *
 * <pre>{@code
 * QuantizedModel q = model.quantize(Quantization.int8().within(0.5, mnist.test()));
 * q.report().accuracyLossPoints();   // e.g. 0.12
 * q.report().fp32Layers();           // e.g. [2]: the last layer stayed FP32
 * }</pre>
 *
 * @param scheme the settings, e.g. {@code INT8 dynamic, per channel, symmetric}
 * @param validation the name of the rows accuracy was measured on, or empty
 * @param fp32Accuracy the unquantized model's accuracy on them
 * @param accuracy the quantized model's accuracy on them
 * @param tolerancePoints the allowed loss in points, NaN when none was set
 * @param layers one decision per layer, input side first
 */
public record QuantizationReport(String scheme, String validation, double fp32Accuracy,
    double accuracy, double tolerancePoints, List<LayerDecision> layers) implements Displayable {

  /**
   * One layer's outcome.
   *
   * @param index the layer, from 0
   * @param precision the precision it is stored in, e.g. {@code INT8} or {@code FP32}
   * @param costAlonePoints accuracy lost when only this layer is quantized, in points; NaN when
   *     not measured
   * @param reason why it has this precision
   */
  public record LayerDecision(int index, String precision, double costAlonePoints,
      String reason) {}

  /** Copies the list. */
  public QuantizationReport {
    layers = List.copyOf(layers);
  }

  /** Returns the accuracy lost, in percentage points (NaN when not measured). */
  public double accuracyLossPoints() {
    return 100 * (fp32Accuracy - accuracy);
  }

  /** Returns the indices of the layers kept in FP32. */
  public List<Integer> fp32Layers() {
    return layers.stream().filter(l -> l.precision().equals("FP32"))
        .map(LayerDecision::index).toList();
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toString());
    HtmlTable html = HtmlTable.of("layer", "precision", "cost alone (points)", "why")
        .title(headline());
    for (LayerDecision d : layers) {
      html.row(d.index(), d.precision(), points(d.costAlonePoints()), d.reason());
    }
    bundle.put("text/html", html.toHtml());
    return bundle;
  }

  private String headline() {
    if (Double.isNaN(accuracy)) {
      return scheme + "; accuracy not measured (give validation rows with measuredOn or within)";
    }
    return String.format(Locale.ROOT, "%s; accuracy on %s: %.4f FP32, %.4f quantized (%s%.2f"
        + " points%s)", scheme, validation, fp32Accuracy, accuracy,
        accuracyLossPoints() > 0 ? "-" : "+", Math.abs(accuracyLossPoints()),
        Double.isNaN(tolerancePoints) ? "" : String.format(Locale.ROOT, ", allowed %.2f",
            tolerancePoints));
  }

  private static String points(double p) {
    return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.2f", p);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(headline());
    for (LayerDecision d : layers) {
      s.append(String.format(Locale.ROOT, "%n  layer %d: %-5s %s", d.index(), d.precision(),
          d.reason()));
    }
    return s.toString();
  }
}
