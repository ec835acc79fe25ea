package dev.hone.data.filter;

import dev.hone.data.Dataset;
import dev.hone.display.Displayable;
import dev.hone.display.Html;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Which features a filter kept and dropped, why, and the data with only the kept ones. To keep
 * predicting from raw rows, add {@code .dropColumns(dropped)} to the pipeline instead of using
 * {@link #data()} (a dataset with fewer features no longer matches its pipeline, so it carries
 * none).
 *
 * <pre>{@code
 * FeatureSelection s = Filters.correlated(train, 0.9, Correlation.PEARSON);
 * s.dropped();   // [Displacement, Weight_in_lbs]
 * Pipeline leaner = pipeline.dropColumns(s.dropped().toArray(String[]::new));
 * }</pre>
 *
 * @param kept feature names kept, in order
 * @param dropped feature names dropped
 * @param report one row per feature with its score or the reason it was dropped
 * @param data the input data with the kept features only
 */
public record FeatureSelection(List<String> kept, List<String> dropped, Table report,
    Dataset data) implements Displayable {

  /** Copies the lists. */
  public FeatureSelection {
    kept = List.copyOf(kept);
    dropped = List.copyOf(dropped);
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("text/plain", "kept " + kept + "\ndropped " + dropped + "\n" + report.printAll());
    StringBuilder h = new StringBuilder("<p><b>kept</b> ").append(Html.escape(kept.toString()))
        .append("<br><b>dropped</b> ").append(Html.escape(dropped.toString())).append("</p><table><tr>");
    for (String c : report.columnNames()) {
      h.append("<th>").append(Html.escape(c)).append("</th>");
    }
    h.append("</tr>");
    for (int r = 0; r < report.rowCount(); r++) {
      h.append("<tr>");
      for (String c : report.columnNames()) {
        h.append("<td>").append(Html.escape(report.column(c).getString(r))).append("</td>");
      }
      h.append("</tr>");
    }
    b.put("text/html", h.append("</table>").toString());
    return b;
  }
}
