package dev.hone.data.filter;

import dev.hone.data.Dataset;
import dev.hone.display.Displayable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rows whose given label looks wrong: the out-of-fold predicted probability of that label was
 * below the threshold. What {@code MlpSpec.findMislabeled} returns.
 *
 * <pre>{@code
 * Mislabeled m = Model.mlp(9, 16, 3).findMislabeled(train, Train.epochs(30), 5, 0.1);
 * m.rows();      // suspects, most suspicious first
 * m.cleaned();   // the data without them
 * }</pre>
 *
 * @param rows the suspect rows, lowest probability first
 * @param probability every row's out-of-fold probability of its given label
 * @param threshold the cut-off used
 * @param cleaned the data without the suspects
 */
public record Mislabeled(int[] rows, double[] probability, double threshold, Dataset cleaned)
    implements Displayable {

  /** Copies the arrays. */
  public Mislabeled {
    rows = rows.clone();
    probability = probability.clone();
  }

  @Override
  public int[] rows() {
    return rows.clone();
  }

  @Override
  public double[] probability() {
    return probability.clone();
  }

  @Override
  public Map<String, String> toMimeBundle() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("text/plain", toString());
    return b;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Mislabeled[%d of %d rows below p=%.2f of their label]",
        rows.length, probability.length, threshold);
  }
}
