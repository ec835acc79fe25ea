package dev.hone.model;

import dev.hone.data.Dataset;
import dev.hone.layer.CodebookLayer;
import dev.hone.layer.Dense;
import dev.hone.layer.Layer;
import dev.hone.provenance.Provenance;
import dev.hone.train.History;
import dev.hone.train.TrainConfig;
import dev.hone.train.internal.Objective;
import dev.hone.train.internal.SharedWeightsHook;
import java.util.ArrayList;
import java.util.List;

/**
 * A model whose layers share a few weight values each ({@link CodebookLayer}): a codebook of at
 * most {@code 2^bits} centroids, a mask of kept weights and a {@code bits}-bit code per kept
 * weight. Made by {@code cluster(bits)} on a dense or pruned model.
 *
 * <pre>{@code
 * ClusteredModel c = model.prune(0.9).cluster(5).fineTune(mnist.train(), Train.epochs(1));
 * c.compressionRatio();   // file bytes against dense float32
 * }</pre>
 */
public final class ClusteredModel extends Network {

  ClusteredModel(MlpSpec spec, List<? extends Layer> layers, History history,
      Provenance provenance) {
    super(spec, layers, history, provenance);
    for (Layer l : layers) {
      if (!(l instanceof CodebookLayer)) {
        throw new IllegalArgumentException("a clustered model holds codebook layers, not "
            + l.encoding());
      }
    }
  }

  @Override
  public String form() {
    return "clustered";
  }

  /** Returns the codebook layers. */
  public List<CodebookLayer> codebookLayers() {
    return layers().stream().map(l -> (CodebookLayer) l).toList();
  }

  /**
   * Fine-tunes the centroids (Deep Compression's weight-sharing fine-tuning): each step updates
   * the weights, then sets every weight of a cluster to the cluster's mean, so the codes and the
   * mask never change and pruned weights stay zero.
   *
   * <pre>{@code
   * ClusteredModel tuned = model.cluster(5).fineTune(mnist.train(),
   *     Train.epochs(1).adam(1e-4));
   * }</pre>
   *
   * @param data training rows
   * @param config the run's settings; a gradual pruning schedule is not allowed here
   * @return the model with tuned centroids
   */
  public ClusteredModel fineTune(Dataset data, TrainConfig config) {
    List<CodebookLayer> codebooks = codebookLayers();
    List<int[]> assignments = new ArrayList<>();
    int[] clusters = new int[codebooks.size()];
    for (int i = 0; i < codebooks.size(); i++) {
      assignments.add(codebooks.get(i).assignments());
      clusters[i] = codebooks.get(i).codebook().length;
    }
    return Training.run(spec(), layers(), data, config, Objective.CROSS_ENTROPY,
        new SharedWeightsHook(assignments, clusters), provenance(), "fine_tune",
        (trained, history, p) -> {
          List<Layer> out = new ArrayList<>();
          for (int i = 0; i < trained.size(); i++) {
            Dense d = trained.get(i);
            float[] centroids = SharedWeightsHook.centroids(d.weights(), assignments.get(i),
                clusters[i]);
            out.add(codebooks.get(i).withCentroids(centroids, d.biases()));
          }
          return new ClusteredModel(spec(), out, history, p);
        });
  }
}
