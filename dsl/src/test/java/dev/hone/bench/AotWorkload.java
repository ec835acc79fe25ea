package dev.hone.bench;

import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.model.Model;
import dev.hone.runtime.Device;
import dev.hone.train.Train;

/**
 * The training run an ahead-of-time cache is recorded from ({@link AotCache}): Hone's trainer
 * with and without data parallelism, on models, batch sizes and learning rates unlike the
 * training benchmark's, so the cache holds what the JVM learns from training in general rather
 * than from the measured run itself.
 */
public final class AotWorkload {

  private AotWorkload() {}

  /**
   * Trains two small models on the bundled MNIST digits.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Split mnist = Datasets.mnist().standardized();
    Model.mlp(784, 64, 10).train(mnist.train(), Train.epochs(3).batchSize(64).adam(3e-3).seed(7)
        .device(Device.cpu()).dataParallel(2));
    Model.mlp(784, 256, 32, 10).train(mnist.train(), Train.epochs(2).batchSize(256).adam(1e-3)
        .seed(3).device(Device.cpu()));
  }
}
