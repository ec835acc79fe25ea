package dev.hone.model;


import dev.hone.compress.MagnitudePruning;
import dev.hone.compress.NeuronPruning;
import dev.hone.data.Dataset;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.train.History;
import dev.hone.train.TrainConfig;
import dev.hone.train.internal.Objective;
import dev.hone.train.internal.StepHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A dense model with float32 weights: what {@link MlpSpec#train} returns, and where every
 * compression verb starts. An immutable value: every verb returns a new model and leaves this
 * one usable.
 *
 * <pre>{@code
 * TrainedModel m = Model.mlp(784, 128, 64, 10).train(mnist.train(), Train.epochs(5));
 * PrunedModel half = m.prune(0.5);           // L1, per layer
 * TrainedModel thin = m.pruneNeurons(0.5);   // 784-64-32-10, physically smaller
 * ClusteredModel shared = m.cluster(5);      // 32 shared values per layer
 * }</pre>
 */
public final class TrainedModel extends Network implements Quantizable {

  /**
   * Makes a model value.
   *
   * @param spec the architecture
   * @param layers one layer per pair of widths, shapes matching the spec
   * @param history how it was trained
   * @param provenance the steps that made it
   * @throws IllegalArgumentException when a layer's shape does not match the spec
   */
  public TrainedModel(MlpSpec spec, List<Dense> layers, History history, Provenance provenance) {
    super(spec, layers, history, provenance);
  }

  @Override
  public String form() {
    return "dense";
  }

  /** Returns the layers as dense layers. */
  public List<Dense> denseLayers() {
    return layers().stream().map(Layer::toDense).toList();
  }

  /**
   * Prunes the smallest-magnitude share of each layer's weights (L1 unstructured pruning, per
   * layer; Han et al., NeurIPS 2015): exactly {@code round(sparsity * n)} weights of every
   * weight matrix become zero, biases are kept. The pruned model stores only the kept weights
   * and a bitmask, and fine-tunes with its zeros held ({@link PrunedModel#fineTune}).
   *
   * <pre>{@code
   * PrunedModel half = model.prune(0.5);
   * half.sparsity();   // 0.5
   * half.fineTune(mnist.train(), Train.epochs(1)).evaluate(mnist.test()).accuracy();
   * }</pre>
   *
   * @param sparsity share of each layer's weights to prune, in [0, 1)
   * @return the pruned model; this one is unchanged
   * @throws IllegalArgumentException when the sparsity is outside [0, 1), or a layer is already
   *     sparser than asked
   */
  public PrunedModel prune(double sparsity) {
    MagnitudePruning.checkSparsity(sparsity);
    Map<Integer, Double> all = new TreeMap<>();
    for (int i = 0; i < layers().size(); i++) {
      all.put(i, sparsity);
    }
    return Pruner.perLayer(this, all, Step.of("prune").with("sparsity", sparsity));
  }

  /**
   * Prunes each listed layer to its own sparsity; layers not listed stay dense, as they were.
   *
   * <pre>{@code
   * PrunedModel p = model.prune(Map.of(0, 0.95, 1, 0.8));   // the output layer stays dense
   * }</pre>
   *
   * @param sparsityByLayer layer index (from 0) to sparsity in [0, 1)
   * @return the pruned model
   * @throws IllegalArgumentException naming a layer index that does not exist or a bad sparsity
   */
  public PrunedModel prune(Map<Integer, Double> sparsityByLayer) {
    Objects.requireNonNull(sparsityByLayer, "sparsityByLayer");
    if (sparsityByLayer.isEmpty()) {
      throw new IllegalArgumentException("name at least one layer, e.g. Map.of(0, 0.9)");
    }
    Step step = Step.of("prune");
    for (var e : new TreeMap<>(sparsityByLayer).entrySet()) {
      step = step.with("layer" + e.getKey(), e.getValue());
    }
    return Pruner.perLayer(this, sparsityByLayer, step);
  }

  /**
   * Prunes with one magnitude threshold over all layers together (global pruning): exactly
   * {@code round(sparsity * n)} of all weights become zero, and layers with many small weights
   * (usually the large first layer) lose more than the others.
   *
   * <pre>{@code
   * PrunedModel p = model.pruneGlobal(0.9);
   * p.layers().forEach(l -> System.out.println(l.sparsity()));
   * }</pre>
   *
   * @param sparsity share of all weights to prune, in [0, 1)
   * @return the pruned model
   * @throws IllegalArgumentException when the sparsity is outside [0, 1)
   */
  public PrunedModel pruneGlobal(double sparsity) {
    return Pruner.global(this, sparsity);
  }

  /**
   * Removes the given share of every hidden layer's neurons, the ones whose incoming weights
   * have the smallest L2 norm (structured pruning, see {@link NeuronPruning}). The result is a
   * physically smaller dense model, {@code mlp(784,128,64,10)} becoming {@code mlp(784,64,32,10)}
   * at 0.5, that predicts exactly what the same model with those neurons masked predicts; it is
   * faster on every runtime, and fine-tunes like any dense model.
   *
   * <pre>{@code
   * TrainedModel thin = model.pruneNeurons(0.5).fineTune(mnist.train(), Train.epochs(2));
   * }</pre>
   *
   * @param fraction share of each hidden layer's neurons to remove, in [0, 1)
   * @return the smaller model
   * @throws IllegalArgumentException when the fraction is outside [0, 1)
   */
  public TrainedModel pruneNeurons(double fraction) {
    List<int[]> kept = NeuronPruning.keptNeurons(layers(), fraction);
    List<Dense> smaller = NeuronPruning.remove(layers(), kept);
    List<Integer> widths = new ArrayList<>();
    widths.add(spec().inputs());
    for (Dense d : smaller) {
      widths.add(d.outputs());
    }
    MlpSpec thin = new MlpSpec(widths, spec().activation(), spec().preprocessing());
    return new TrainedModel(thin, smaller, history(), provenance().then(
        Step.of("prune_neurons").with("fraction", fraction).with("criterion", "l2")
            .with("widths", String.join("-", widths.stream().map(String::valueOf).toList()))));
  }

  /**
   * Shares weights: each layer's weights are clustered by k-means into {@code 2^bits} values
   * (Deep Compression, Han et al., ICLR 2016), and every weight is stored as a {@code bits}-bit
   * index into the layer's codebook. Fine-tune the centroids with
   * {@link ClusteredModel#fineTune}.
   *
   * <pre>{@code
   * ClusteredModel c = model.cluster(5);   // 32 values per layer
   * }</pre>
   *
   * @param bits bits per weight, 2 to 8
   * @return the clustered model
   * @throws IllegalArgumentException when bits is outside [2, 8]
   */
  public ClusteredModel cluster(int bits) {
    return Clusterer.cluster(this, bits);
  }

  /**
   * Trains this model further, from its current weights.
   *
   * <pre>{@code
   * TrainedModel better = model.fineTune(mnist.train(), Train.epochs(2).adam(1e-4));
   * }</pre>
   *
   * @param data training rows
   * @param config the run's settings (a gradual pruning schedule in it prunes while training)
   * @return the fine-tuned model
   */
  public TrainedModel fineTune(Dataset data, TrainConfig config) {
    return Training.run(spec(), layers(), data, config, Objective.CROSS_ENTROPY, StepHook.NONE,
        provenance(), "fine_tune",
        (layers, history, p) -> new TrainedModel(spec(), layers, history, p));
  }

  /**
   * Scans how accuracy falls as each layer alone, and the whole model, is pruned to rising
   * sparsities, so a user sees where to stop. One-shot pruning, no fine-tuning. The points are
   * independent, so they are measured side by side, one per core (the same points on any number
   * of cores; {@link Sensitivity#scan(int, TrainedModel, Dataset, double...)} sets the count).
   *
   * <pre>{@code
   * Sensitivity s = model.sensitivity(mnist.test());
   * s.toTable();   s.chart();
   * }</pre>
   *
   * @param data held-out rows to measure accuracy on
   * @return the scan at sparsities 0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95 and 0.98
   */
  public Sensitivity sensitivity(Dataset data) {
    return Sensitivity.scan(this, data, 0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98);
  }

  /**
   * Scans accuracy against sparsity at the given sparsities; see {@link #sensitivity(Dataset)}.
   *
   * <pre>{@code
   * Sensitivity s = model.sensitivity(mnist.test(), 0.5, 0.9, 0.99);
   * }</pre>
   *
   * @param data held-out rows
   * @param sparsities each in [0, 1)
   * @return the scan
   */
  public Sensitivity sensitivity(Dataset data, double... sparsities) {
    return Sensitivity.scan(this, data, sparsities);
  }
}
