package dev.hone.model;


import dev.hone.data.Dataset;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.layer.SparseLayer;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.train.History;
import dev.hone.train.TrainConfig;
import dev.hone.train.internal.MaskHook;
import dev.hone.train.internal.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model with pruned weights: each pruned layer is a {@link SparseLayer} (bitmask and kept
 * values), so the file holds only what survives, and the predictor runs a sparse kernel where
 * that is faster. Made by {@link TrainedModel#prune(double)} and its relatives.
 *
 * <pre>{@code
 * PrunedModel p = model.prune(0.9).fineTune(mnist.train(), Train.epochs(2));
 * p.sparsity();          // 0.9, exactly: fine-tuning holds the zeros
 * p.fileBytes();
 * ClusteredModel c = p.cluster(5);
 * }</pre>
 */
public final class PrunedModel extends Network implements Quantizable {

  PrunedModel(MlpSpec spec, List<? extends Layer> layers, History history,
      Provenance provenance) {
    super(spec, layers, history, provenance);
    for (Layer l : layers) {
      if (!(l instanceof SparseLayer) && !(l instanceof Dense)) {
        throw new IllegalArgumentException("a pruned model holds sparse or dense layers, not "
            + l.encoding());
      }
    }
  }

  @Override
  public String form() {
    return "pruned";
  }

  /**
   * Prunes further, to a higher sparsity in every layer; weights pruned before stay pruned.
   *
   * <pre>{@code
   * PrunedModel sparser = model.prune(0.5).prune(0.8);
   * }</pre>
   *
   * @param sparsity share of each layer's weights to prune, in [0, 1), at least each layer's
   *     current sparsity
   * @return the sparser model
   * @throws IllegalArgumentException when a layer is already sparser than asked
   */
  public PrunedModel prune(double sparsity) {
    Map<Integer, Double> all = new TreeMap<>();
    for (int i = 0; i < layers().size(); i++) {
      all.put(i, sparsity);
    }
    return Pruner.perLayer(this, all, Step.of("prune").with("sparsity", sparsity));
  }

  /**
   * Prunes listed layers further, each to its own sparsity (iterative pruning, as in Han et al.
   * 2015: prune, fine-tune, prune more); weights pruned before stay pruned.
   *
   * <pre>{@code
   * PrunedModel p = model.prune(Map.of(0, 0.8, 1, 0.7)).fineTune(data, config)
   *     .prune(Map.of(0, 0.95, 1, 0.9)).fineTune(data, config);
   * }</pre>
   *
   * @param sparsityByLayer layer index (from 0) to sparsity in [0, 1), at least the layer's
   *     current sparsity
   * @return the sparser model
   * @throws IllegalArgumentException naming a layer that does not exist, a bad sparsity, or a
   *     layer already sparser than asked
   */
  public PrunedModel prune(Map<Integer, Double> sparsityByLayer) {
    java.util.Objects.requireNonNull(sparsityByLayer, "sparsityByLayer");
    if (sparsityByLayer.isEmpty()) {
      throw new IllegalArgumentException("name at least one layer, e.g. Map.of(0, 0.95)");
    }
    Step step = Step.of("prune");
    for (var e : new TreeMap<>(sparsityByLayer).entrySet()) {
      step = step.with("layer" + e.getKey(), e.getValue());
    }
    return Pruner.perLayer(this, sparsityByLayer, step);
  }

  /**
   * Fine-tunes the kept weights; every pruned weight stays exactly zero through every optimizer
   * step (all optimizers, weight decay included), because the mask is applied after each step.
   *
   * <pre>{@code
   * PrunedModel tuned = model.prune(0.9).fineTune(mnist.train(), Train.epochs(2).adam(1e-3));
   * }</pre>
   *
   * @param data training rows
   * @param config the run's settings; a gradual pruning schedule is not allowed here
   * @return the fine-tuned model, same masks
   */
  public PrunedModel fineTune(Dataset data, TrainConfig config) {
    List<float[]> masks = new ArrayList<>();
    for (Layer l : layers()) {
      masks.add(l instanceof SparseLayer s ? s.maskValues() : null);
    }
    return Training.run(spec(), layers(), data, config, Objective.CROSS_ENTROPY,
        new MaskHook(masks), provenance(), "fine_tune", (trained, history, p) -> {
          List<Layer> out = new ArrayList<>();
          for (int i = 0; i < trained.size(); i++) {
            Dense d = trained.get(i);
            out.add(layers().get(i) instanceof SparseLayer s
                ? s.withWeights(d.weights(), d.biases()) : d);
          }
          return new PrunedModel(spec(), out, history, p);
        });
  }

  /**
   * Shares the kept weights of each layer ({@link TrainedModel#cluster}); pruned weights stay
   * zero and cost one mask bit each.
   *
   * @param bits bits per kept weight, 2 to 8
   * @return the clustered model
   */
  public ClusteredModel cluster(int bits) {
    return Clusterer.cluster(this, bits);
  }

  /**
   * Returns the same weights as a dense model (zeros stored as zeros), for runtimes or tools
   * that want dense layers.
   *
   * <pre>{@code
   * TrainedModel dense = model.prune(0.9).toDense();   // zeros stored as float32
   * }</pre>
   *
   * @return the dense model
   */
  public TrainedModel toDense() {
    return new TrainedModel(spec(), layers().stream().map(Layer::toDense).toList(), history(),
        provenance().then(Step.of("to_dense")));
  }
}
