package dev.hone.model;

import dev.hone.data.Dataset;
import dev.hone.data.Preprocessing;
import dev.hone.data.filter.Mislabeled;
import dev.hone.compress.Distillation;
import dev.hone.layer.Activation;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.train.internal.MlpTrainer;
import dev.hone.train.internal.Objective;
import dev.hone.train.internal.StepHook;
import dev.hone.train.TrainConfig;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An untrained multilayer perceptron: layer widths and the hidden activation. A spec has no
 * weights, so it cannot be pruned or evaluated; {@link #train} turns it into a
 * {@link TrainedModel}.
 *
 * <pre>{@code
 * MlpSpec spec = Model.mlp(784, 128, 64, 10).activation(Activation.TANH);
 * TrainedModel model = spec.train(mnist.train(), Train.epochs(5).batchSize(128));
 * }</pre>
 *
 * <p>A spec trained on a dataset made by a table pipeline keeps that pipeline as its
 * {@link #preprocessing()}, the step before its first layer: the model saves it and predicts from
 * raw table rows with it.
 *
 * @param widths input width, hidden widths, output width (the number of classes)
 * @param activation the nonlinearity after each hidden layer
 * @param preprocessing what turns a raw row into the inputs, or null when the model reads
 *     feature arrays only
 */
public record MlpSpec(List<Integer> widths, Activation activation, Preprocessing preprocessing) {

  /**
   * Makes a spec that reads feature arrays (no preprocessing).
   *
   * @param widths input width, hidden widths, output width
   * @param activation the hidden activation
   */
  public MlpSpec(List<Integer> widths, Activation activation) {
    this(widths, activation, null);
  }

  /** Checks the widths: at least two, all positive. */
  public MlpSpec {
    Objects.requireNonNull(widths, "widths");
    Objects.requireNonNull(activation, "activation");
    widths = List.copyOf(widths);
    if (widths.size() < 2) {
      throw new IllegalArgumentException("an MLP needs at least two widths (inputs and outputs),"
          + " was " + widths + "; for example Model.mlp(784, 128, 10)");
    }
    for (int i = 0; i < widths.size(); i++) {
      if (widths.get(i) <= 0) {
        throw new IllegalArgumentException(
            "width " + i + " of " + widths + " is " + widths.get(i) + "; every width must be > 0");
      }
    }
    if (widths.get(widths.size() - 1) < 2) {
      throw new IllegalArgumentException(
          "the last width is the number of classes and must be >= 2, was " + widths);
    }
    if (preprocessing != null && preprocessing.featureNames().size() != widths.get(0)) {
      throw new IllegalArgumentException("the preprocessing makes "
          + preprocessing.featureNames().size() + " features but the first width of " + widths
          + " is " + widths.get(0));
    }
  }

  /**
   * Returns a copy whose inputs come from the given preprocessing (training on a dataset that
   * carries one does this for you).
   *
   * <pre>{@code
   * MlpSpec s = Model.mlp(9, 16, 3).withPreprocessing(fitted);
   * }</pre>
   *
   * @param p the preprocessing, making {@code inputs()} features; null for none
   * @return the changed spec
   */
  public MlpSpec withPreprocessing(Preprocessing p) {
    return new MlpSpec(widths, activation, p);
  }

  /**
   * Returns a copy with another hidden activation.
   *
   * @param a the activation
   * @return the changed spec
   */
  public MlpSpec activation(Activation a) {
    return new MlpSpec(widths, a, preprocessing);
  }

  /** Returns the input width. */
  public int inputs() {
    return widths.get(0);
  }

  /** Returns the output width, which is the number of classes. */
  public int classes() {
    return widths.get(widths.size() - 1);
  }

  /** Returns the number of parameters the trained model will have. */
  public long parameterCount() {
    long n = 0;
    for (int i = 0; i + 1 < widths.size(); i++) {
      n += (long) widths.get(i) * widths.get(i + 1) + widths.get(i + 1);
    }
    return n;
  }

  /**
   * Trains a fresh model of this shape on the data: weights start from the config's seed (He
   * uniform before ReLU-like activations, Glorot uniform otherwise, biases 0), the loss is
   * softmax cross-entropy.
   *
   * <p>The run stops early, returning a model with the weights reached so far, when the thread
   * is interrupted (training stops at the next batch boundary and the interrupt flag stays set)
   * or when early stopping fires. A loss that turns NaN or infinite stops it with a
   * {@link TrainingDivergedException} that carries the last good weights.
   *
   * <pre>{@code
   * TrainedModel m = Model.mlp(784, 128, 64, 10)
   *     .train(mnist.train(), Train.epochs(5).batchSize(128).adam(1e-3));
   * }</pre>
   *
   * @param data training rows; their feature count must equal the first width and their class
   *     count the last
   * @param config epochs, batch size, optimizer, schedule and the rest
   * @return the trained model
   * @throws IllegalArgumentException when the data does not fit the model
   * @throws TrainingDivergedException when the loss turns NaN or infinite
   */
  public TrainedModel train(Dataset data, TrainConfig config) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(data, "data");
    MlpSpec spec = data.preprocessing().map(this::withPreprocessing).orElse(this);
    return Training.run(spec, MlpTrainer.initialLayers(widths, activation, config.seed()), data,
        config, Objective.CROSS_ENTROPY, StepHook.NONE, Provenance.of(toStep()), "train",
        (layers, history, p) -> new TrainedModel(spec, layers, history, p));
  }

  /**
   * Trains a fresh model of this shape as a student of a trained teacher, with Hinton's
   * distillation loss (see {@link Distillation}): the student learns from the teacher's softened
   * outputs as well as from the labels. The teacher's logits are computed once, before training.
   *
   * <p>When it pays (measured in {@code BENCHMARKS.md}, bundled MNIST, mean of 3 seeds): it
   * helps a student trained long enough to overfit on its own, taught by a teacher trained with
   * regularisation. A 784-64-10 student trained 60 epochs, taught by a 784-512-256-10 teacher
   * trained 20 epochs with weight decay 5e-4 and cosine decay, at T = 4 and alpha = 0.7, gained
   * about half a point over the same student alone. With short runs (5 epochs) it lost accuracy
   * on MNIST and Fashion-MNIST, in Hone and in PyTorch alike: the soft targets slow early
   * learning more than they regularise.
   *
   * <pre>{@code
   * TrainedModel teacher = Model.mlp(784, 512, 256, 10).train(mnist.train(), Train.epochs(5));
   * TrainedModel student = Model.mlp(784, 64, 10)
   *     .distill(teacher, mnist.train(), Train.epochs(5), Distillation.of(4, 0.7));
   * }</pre>
   *
   * @param teacher any trained model with the same inputs and classes
   * @param data training rows
   * @param config the student's training settings
   * @param settings temperature and alpha
   * @return the trained student
   * @throws IllegalArgumentException when the teacher's inputs or classes differ from the
   *     student's
   */
  public TrainedModel distill(Network teacher, Dataset data, TrainConfig config,
      Distillation settings) {
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(config, "config");
    if (teacher.spec().inputs() != inputs() || teacher.spec().classes() != classes()) {
      throw new IllegalArgumentException("the teacher " + teacher.spec() + " has "
          + teacher.spec().inputs() + " inputs and " + teacher.spec().classes()
          + " classes but the student " + this + " has " + inputs() + " and " + classes()
          + "; they must match");
    }
    MlpSpec spec = data.preprocessing().map(this::withPreprocessing).orElse(this);
    Provenance start = Provenance.of(toStep()).then(Step.of("teacher")
        .arg(teacher.spec().toString()).with("form", teacher.form()));
    return Training.run(this, MlpTrainer.initialLayers(widths, activation, config.seed()), data,
        config, new Objective.Distill(settings, teacher::logits), StepHook.NONE, start,
        "distill", (layers, history, p) -> new TrainedModel(spec, layers, history,
            withSettings(p, settings)));
  }

  /**
   * Distills with {@link Distillation#defaults()} (T = 4, alpha = 0.7); see
   * {@link #distill(Network, Dataset, TrainConfig, Distillation)}.
   *
   * <pre>{@code
   * TrainedModel student = Model.mlp(784, 64, 10).distill(teacher, mnist.train(),
   *     Train.epochs(60));
   * }</pre>
   *
   * @param teacher the trained teacher
   * @param data training rows
   * @param config the student's training settings
   * @return the trained student
   */
  public TrainedModel distill(Network teacher, Dataset data, TrainConfig config) {
    return distill(teacher, data, config, Distillation.defaults());
  }

  private static Provenance withSettings(Provenance p, Distillation settings) {
    List<Step> steps = new java.util.ArrayList<>(p.steps());
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).name().equals("distill")) {
        steps.set(i, steps.get(i).with("T", settings.temperature())
            .with("alpha", settings.alpha()));
        break;
      }
    }
    return new Provenance(steps);
  }

  /** Returns this spec as the first provenance step, such as {@code mlp(784,128,10)}. */
  public Step toStep() {
    Step s = Step.of("mlp");
    for (int w : widths) {
      s = s.arg(w);
    }
    return activation == Activation.RELU ? s : s.arg(activation.name().toLowerCase(
        java.util.Locale.ROOT));
  }

  /**
   * Trains with {@code Train.epochs(5)} defaults; see {@link #train(Dataset, TrainConfig)}.
   *
   * @param data training rows
   * @return the trained model
   */
  public TrainedModel train(Dataset data) {
    return train(data, dev.hone.train.Train.epochs(5));
  }

  /**
   * Finds rows whose label looks wrong: a fresh model of this spec is trained on all folds but
   * one and predicts the held-out fold, so every row gets an out-of-fold probability of its given
   * label (confident learning, Northcutt et al., JAIR 2021, in its simplest form); rows below the
   * threshold are suspects.
   *
   * <pre>{@code
   * Mislabeled m = Model.mlp(9, 16, 3).findMislabeled(train, Train.epochs(30), 5, 0.1);
   * m.rows();      // suspects, most suspicious first
   * }</pre>
   *
   * @param data the data
   * @param config training settings per fold (its seed also shuffles the folds)
   * @param folds 2 to 20
   * @param threshold a row is suspect when its label's probability is below this, in (0, 1)
   * @return the suspects, every row's probability and the data without the suspects
   */
  public Mislabeled findMislabeled(Dataset data, TrainConfig config, int folds,
      double threshold) {
    if (folds < 2 || folds > 20 || folds > data.size()) {
      throw new IllegalArgumentException("folds must be in [2, min(20, rows)], was " + folds);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
    }
    checkFits(data);
    int[] order = dev.hone.data.internal.Shuffle.permutation(data.size(),
        new java.util.SplittableRandom(config.seed()));
    double[] p = new double[data.size()];
    int classes = data.classes();
    for (int f = 0; f < folds; f++) {
      List<Integer> in = new java.util.ArrayList<>();
      List<Integer> out = new java.util.ArrayList<>();
      for (int k = 0; k < order.length; k++) {
        (k % folds == f ? out : in).add(order[k]);
      }
      Dataset train = data.select(in.stream().mapToInt(Integer::intValue).toArray(),
          data.name() + ":fold" + f);
      Dataset held = data.select(out.stream().mapToInt(Integer::intValue).toArray(),
          data.name() + ":heldout" + f);
      float[] z = train(train, config.listener(dev.hone.train.TrainingListener.NONE))
          .logits(held);
      for (int k = 0; k < out.size(); k++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          max = Math.max(max, z[k * classes + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          sum += Math.exp(z[k * classes + c] - max);
        }
        int r = out.get(k);
        p[r] = Math.exp(z[k * classes + data.label(r)] - max) / sum;
      }
    }
    List<Integer> suspects = new java.util.ArrayList<>();
    List<Integer> keep = new java.util.ArrayList<>();
    for (int r = 0; r < p.length; r++) {
      (p[r] < threshold ? suspects : keep).add(r);
    }
    suspects.sort(java.util.Comparator.comparingDouble(r -> p[r]));
    Dataset cleaned = keep.isEmpty() ? data : data.select(
        keep.stream().mapToInt(Integer::intValue).toArray(), data.name() + ":cleaned");
    return new Mislabeled(suspects.stream().mapToInt(Integer::intValue).toArray(), p, threshold,
        cleaned);
  }

  /**
   * Checks that a dataset's rows and classes fit this model.
   *
   * @param data the data
   * @throws IllegalArgumentException naming both sizes when they differ
   */
  public void checkFits(Dataset data) {
    if (data.featureCount() != inputs()) {
      throw new IllegalArgumentException("the data '" + data.name() + "' has "
          + data.featureCount() + " features per row but " + this + " expects " + inputs()
          + " inputs");
    }
    if (data.classes() != classes()) {
      throw new IllegalArgumentException("the data '" + data.name() + "' has " + data.classes()
          + " classes but " + this + " has " + classes() + " outputs");
    }
  }

  @Override
  public String toString() {
    String w = widths.stream().map(String::valueOf).collect(Collectors.joining(","));
    return "mlp(" + w + (activation == Activation.RELU ? "" : ", " + activation.name().toLowerCase(
        java.util.Locale.ROOT)) + ")";
  }
}
