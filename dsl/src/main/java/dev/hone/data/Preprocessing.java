package dev.hone.data;

import java.util.List;
import java.util.Map;

/**
 * What turns one raw row of a table into the feature vector a model reads: a fitted table
 * pipeline ({@code dev.hone.data.table.FittedPipeline}) is one. A model trained on a dataset that
 * carries a preprocessing keeps it, saves it in its {@code .hone} file, and predicts from raw rows
 * with it.
 *
 * <pre>{@code
 * Preprocessing p = fitted;                     // a FittedPipeline
 * float[] x = p.encode(Map.of("Island", "Dream", "Body Mass (g)", 3800));
 * }</pre>
 */
public interface Preprocessing {

  /** Returns the raw columns a row must have, in the table's order. */
  List<String> inputColumns();

  /** Returns the names of the features it produces, in order. */
  List<String> featureNames();

  /** Returns the class names of the label, indexed by class id (empty when it has no label). */
  List<String> classNames();

  /**
   * Turns one raw row into features, with the statistics fitted on the training table.
   *
   * @param rawRow column name to value (a {@code Number}, a {@code String}, or null for missing)
   * @return {@code featureNames().size()} features
   * @throws IllegalArgumentException naming the column when a value is missing, unseen or not
   *     usable
   */
  float[] encode(Map<String, ?> rawRow);

  /** Returns the fitted steps as JSON, which the model file stores. */
  String toJson();
}
