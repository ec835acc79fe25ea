package dev.hone.data.table;

/**
 * How {@link Pipeline#impute} fills a missing value, learned from the training table only.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.label("Species").impute(Impute.MEDIAN, "Body Mass (g)");
 * }</pre>
 */
public enum Impute {
  /** The column's mean (numbers only). */
  MEAN("mean"),
  /** The column's median (numbers only). */
  MEDIAN("median"),
  /** The column's most frequent value (numbers or text; ties go to the smallest). */
  MOST_FREQUENT("most_frequent");

  private final String key;

  Impute(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }
}
