package dev.hone.spark;

import dev.hone.data.Dataset;
import dev.hone.data.Datasets;
import dev.hone.data.Split;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;

/** Small real data and a quickly trained model, shared by the test classes. */
final class Fixtures {

  private static Split mnist;
  private static TrainedModel model;

  private Fixtures() {}

  /** The bundled MNIST digits (10,000 real images), split once. */
  static synchronized Split mnist() {
    if (mnist == null) {
      mnist = Datasets.mnist();
    }
    return mnist;
  }

  /** 2,000 training digits: enough to learn, small enough to be quick. */
  static Dataset smallTrain() {
    return mnist().train().take(2000);
  }

  /** 500 test digits. */
  static Dataset smallTest() {
    return mnist().test().take(500);
  }

  /** A 784-32-10 MLP trained for 2 epochs on the small training set. */
  static synchronized TrainedModel model() {
    if (model == null) {
      model = Model.mlp(784, 32, 10).train(smallTrain(),
          Train.epochs(2).batchSize(64).listener(TrainingListener.NONE));
    }
    return model;
  }
}
