package dev.hone.export;

import dev.hone.layer.Activation;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.train.History;
import java.util.List;
import java.util.Objects;

/**
 * Everything a model file holds, independent of the model types that use it.
 *
 * @param form {@code dense}, {@code pruned} or {@code clustered}
 * @param widths input width, hidden widths, classes
 * @param activation the hidden activation
 * @param layers the layers in their encodings
 * @param provenance the steps that made the model
 * @param history how it was trained
 * @param preprocessing the fitted preprocessing as JSON (an object), or null when the model has
 *     none
 */
public record StoredModel(String form, List<Integer> widths, Activation activation,
    List<Layer> layers, Provenance provenance, History history, String preprocessing) {

  /**
   * A stored model without preprocessing.
   *
   * @param form the form
   * @param widths the widths
   * @param activation the activation
   * @param layers the layers
   * @param provenance the provenance
   * @param history the history
   */
  public StoredModel(String form, List<Integer> widths, Activation activation,
      List<Layer> layers, Provenance provenance, History history) {
    this(form, widths, activation, layers, provenance, history, null);
  }

  /** Checks for nulls and copies the lists. */
  public StoredModel {
    Objects.requireNonNull(form, "form");
    widths = List.copyOf(widths);
    Objects.requireNonNull(activation, "activation");
    layers = List.copyOf(layers);
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(history, "history");
  }
}
