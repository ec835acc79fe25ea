package dev.hone.spark.internal;

import dev.hone.data.Dataset;
import java.io.Serializable;
import java.util.Objects;

/**
 * A Hone dataset's rows and labels in a serializable form, to broadcast to executors.
 *
 * @param name the dataset's name (provenance shows it)
 * @param features row-major features
 * @param width features per row
 * @param labels one label per row
 * @param classes the number of classes
 */
public record Rows(String name, float[] features, int width, int[] labels, int classes)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the arrays are present. */
  public Rows {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
  }

  /** Copies a dataset's rows. */
  public static Rows of(Dataset data) {
    float[] flat = new float[data.size() * data.featureCount()];
    data.featureBuffer().get(0, flat);
    return new Rows(data.name(), flat, data.featureCount(), data.labels(), data.classes());
  }

  /** Returns the rows as a Hone dataset (sharing the arrays, which nobody changes). */
  public Dataset toDataset() {
    return Dataset.ofFlat(name, features, width, labels, classes);
  }
}
