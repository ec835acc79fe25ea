package dev.hone.train;

import dev.hone.provenance.Step;
import dev.hone.runtime.Device;
import dev.hone.data.augment.Augmentation;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a training run needs besides the model and the data. An immutable value: each
 * method below returns a changed copy, so one config can be the base of many variants.
 *
 * <p>Start from {@link Train#epochs(int)}. Defaults: batch size 32 (all rows when the data has
 * fewer; a batch size set larger than the data is refused when training starts), seed 42, Adam
 * with lr 1e-3, constant rate, one replica, no weight decay, no validation split, no early stopping, device {@code auto},
 * progress to {@link Progress}'s default listener.
 *
 * <pre>{@code
 * TrainConfig c = Train.epochs(10).batchSize(128).adam(1e-3).stepDecay(0.1, 5)
 *     .validation(0.1).earlyStopping(3).seed(7);
 * }</pre>
 *
 * @param epochs passes over the training data, > 0
 * @param batchSize rows per gradient step, > 0
 * @param seed seeds weight initialisation, shuffling and the validation split
 * @param optimizer the update rule and its base learning rate
 * @param schedule how the learning rate changes over the run
 * @param weightDecay L2 penalty added to the gradient ({@code g + wd * w}), >= 0
 * @param validationFraction share of training rows held out for validation, in [0, 1)
 * @param earlyStoppingPatience epochs without a better validation loss before stopping; 0 is off
 * @param device where to train
 * @param listener who hears about progress; {@code null} means {@link Progress}'s default
 * @param pruning gradual magnitude pruning during the run; {@code null} means none
 * @param augmentation image transforms drawn per batch while training; {@code null} means none
 * @param dataParallel replicas that share each batch; {@code null} means one
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    long seed,
    Optimizer optimizer,
    LearningRateSchedule schedule,
    double weightDecay,
    double validationFraction,
    int earlyStoppingPatience,
    Device device,
    TrainingListener listener,
    PruningSchedule pruning,
    Augmentation augmentation,
    DataParallel dataParallel) {

  /**
   * A config without augmentation (the form before augmentation existed).
   *
   * @param epochs passes over the data
   * @param batchSize rows per step
   * @param seed seed of weights and shuffles
   * @param optimizer the optimizer
   * @param schedule the learning rate schedule
   * @param weightDecay L2 weight decay
   * @param validationFraction share held out for validation
   * @param earlyStoppingPatience epochs without improvement before stopping (0: never)
   * @param device where to train
   * @param listener progress listener, or null
   * @param pruning gradual pruning, or null
   */
  public TrainConfig(int epochs, int batchSize, long seed, Optimizer optimizer,
      LearningRateSchedule schedule, double weightDecay, double validationFraction,
      int earlyStoppingPatience, Device device, TrainingListener listener,
      PruningSchedule pruning) {
    this(epochs, batchSize, seed, optimizer, schedule, weightDecay, validationFraction,
        earlyStoppingPatience, device, listener, pruning, null, null);
  }

  /**
   * A config on one replica (the form before data parallelism existed).
   *
   * @param epochs passes over the data
   * @param batchSize rows per step
   * @param seed seed of weights and shuffles
   * @param optimizer the optimizer
   * @param schedule the learning rate schedule
   * @param weightDecay L2 weight decay
   * @param validationFraction share held out for validation
   * @param earlyStoppingPatience epochs without improvement before stopping (0: never)
   * @param device where to train
   * @param listener progress listener, or null
   * @param pruning gradual pruning, or null
   * @param augmentation image transforms, or null
   */
  public TrainConfig(int epochs, int batchSize, long seed, Optimizer optimizer,
      LearningRateSchedule schedule, double weightDecay, double validationFraction,
      int earlyStoppingPatience, Device device, TrainingListener listener,
      PruningSchedule pruning, Augmentation augmentation) {
    this(epochs, batchSize, seed, optimizer, schedule, weightDecay, validationFraction,
        earlyStoppingPatience, device, listener, pruning, augmentation, null);
  }

  /** Checks every field; the message names the bad value. */
  public TrainConfig {
    if (epochs <= 0) {
      throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
    }
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    Checks.nonNegative("weightDecay", weightDecay);
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validationFraction must be in [0, 1), was " + validationFraction);
    }
    if (earlyStoppingPatience < 0) {
      throw new IllegalArgumentException(
          "earlyStoppingPatience must be >= 0, was " + earlyStoppingPatience);
    }
    if (earlyStoppingPatience > 0 && validationFraction == 0) {
      throw new IllegalArgumentException(
          "earlyStopping(" + earlyStoppingPatience + ") needs a validation split; add"
              + " .validation(0.1) or similar");
    }
    Objects.requireNonNull(device, "device");
    if (dataParallel != null && dataParallel.replicas() > batchSize) {
      throw new IllegalArgumentException("dataParallel(" + dataParallel.describe() + ") has "
          + dataParallel.replicas() + " replicas but a batch has only " + batchSize + " rows;"
          + " each replica needs at least one row of every batch: use batchSize("
          + dataParallel.replicas() + ") or more, or fewer replicas");
    }
  }

  /** The default batch size; the only one that shrinks to fit smaller data. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  /** The defaults, with the given number of epochs. */
  static TrainConfig defaults(int epochs) {
    return new TrainConfig(epochs, DEFAULT_BATCH_SIZE, 42, new Optimizer.Adam(1e-3),
        new LearningRateSchedule.Constant(), 0, 0, 0, Device.auto(), null, null, null, null);
  }

  /** Returns a copy with another number of epochs. */
  public TrainConfig epochs(int n) {
    return new TrainConfig(n, batchSize, seed, optimizer, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener, pruning, augmentation,
        dataParallel);
  }

  /** Returns a copy with another batch size. */
  public TrainConfig batchSize(int n) {
    return new TrainConfig(epochs, n, seed, optimizer, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener, pruning, augmentation,
        dataParallel);
  }

  /** Returns a copy with another seed. */
  public TrainConfig seed(long s) {
    return new TrainConfig(epochs, batchSize, s, optimizer, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener, pruning, augmentation,
        dataParallel);
  }

  /** Returns a copy with another optimizer. */
  public TrainConfig optimizer(Optimizer o) {
    return new TrainConfig(epochs, batchSize, seed, o, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener, pruning, augmentation,
        dataParallel);
  }

  /** Returns a copy with another learning-rate schedule. */
  public TrainConfig schedule(LearningRateSchedule s) {
    return new TrainConfig(epochs, batchSize, seed, optimizer, s, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener, pruning, augmentation,
        dataParallel);
  }

  /** Returns a copy with an L2 weight decay added to every gradient. */
  public TrainConfig weightDecay(double wd) {
    return new TrainConfig(epochs, batchSize, seed, optimizer, schedule, wd,
        validationFraction, earlyStoppingPatience, device, listener, pruning, augmentation,
        dataParallel);
  }

  /**
   * Returns a copy that holds out a stratified share of the training rows for validation.
   *
   * <pre>{@code
   * Train.epochs(20).validation(0.1).earlyStopping(3)
   * }</pre>
   *
   * @param fraction in [0, 1); 0 turns validation off
   * @return the changed copy
   */
  public TrainConfig validation(double fraction) {
    return new TrainConfig(epochs, batchSize, seed, optimizer, schedule, weightDecay,
        fraction, earlyStoppingPatience, device, listener, pruning, augmentation, dataParallel);
  }

  /**
   * Returns a copy that stops when validation loss has not improved for {@code patience} epochs,
   * keeping the weights of the best epoch (as Keras' {@code restore_best_weights=True}).
   *
   * @param patience epochs to wait, > 0
   * @return the changed copy
   */
  public TrainConfig earlyStopping(int patience) {
    if (patience <= 0) {
      throw new IllegalArgumentException("patience must be > 0, was " + patience);
    }
    return new TrainConfig(epochs, batchSize, seed, optimizer, schedule, weightDecay,
        validationFraction, patience, device, listener, pruning, augmentation, dataParallel);
  }

  /** Returns a copy that trains on the given device. */
  public TrainConfig device(Device d) {
    return new TrainConfig(epochs, batchSize, seed, optimizer, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, d, listener, pruning, augmentation, dataParallel);
  }

  /** Returns a copy whose progress goes to the given listener instead of the default one. */
  public TrainConfig listener(TrainingListener l) {
    return new TrainConfig(epochs, batchSize, seed, optimizer, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, Objects.requireNonNull(l, "listener"),
        pruning, augmentation, dataParallel);
  }

  /**
   * Returns a copy that prunes gradually while training, with the polynomial schedule of Zhu and
   * Gupta, "To prune, or not to prune" (2017): sparsity rises from 0 to {@code finalSparsity}
   * over the first three quarters of the run, fast at first and slowly near the end, and the
   * last quarter trains at the final sparsity. Pruned weights stay exactly zero; the history
   * records the sparsity after each epoch. See {@link PruningSchedule} for every setting.
   *
   * <pre>{@code
   * var sparse = Model.mlp(784, 128, 64, 10)
   *     .train(mnist.train(), Train.epochs(12).batchSize(128).pruneGradually(0.9))
   *     .prune(0.9);   // the sparse form: keeps the zeros the schedule made
   * }</pre>
   *
   * @param finalSparsity share of each layer's weights pruned at the end, in [0, 1)
   * @return the changed copy
   * @throws IllegalArgumentException when the sparsity is outside [0, 1)
   */
  public TrainConfig pruneGradually(double finalSparsity) {
    return pruneGradually(PruningSchedule.polynomial(finalSparsity, epochs));
  }

  /**
   * Returns a copy that prunes gradually with the given schedule.
   *
   * <pre>{@code
   * Train.epochs(6).pruneGradually(new PruningSchedule(0, 0.9, 1, 4.5, 10).global())
   * }</pre>
   *
   * @param schedule when and how far to prune
   * @return the changed copy
   */
  public TrainConfig pruneGradually(PruningSchedule schedule) {
    return new TrainConfig(epochs, batchSize, seed, optimizer, this.schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener,
        Objects.requireNonNull(schedule, "schedule"), augmentation, dataParallel);
  }

  /** Returns the gradual pruning schedule, if any. */
  public Optional<PruningSchedule> pruningSchedule() {
    return Optional.ofNullable(pruning);
  }

  /**
   * Returns a copy that augments images on the fly: each batch's images are transformed with
   * fresh draws each epoch (seeded by the config's seed and the epoch); evaluation and validation
   * rows are never augmented.
   *
   * <pre>{@code
   * TrainConfig c = Train.epochs(20).augment(Augmentation.images(28, 28).crop(2).rotate(10));
   * }</pre>
   *
   * @param a the transforms
   * @return the changed config
   */
  public TrainConfig augment(Augmentation a) {
    Objects.requireNonNull(a, "a");
    return new TrainConfig(epochs, batchSize, seed, optimizer, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener, pruning, a, dataParallel);
  }

  /**
   * Returns a copy that trains {@code replicas} data-parallel replicas on the config's device
   * (threads on the CPU cores): each takes a shard of every batch, and their gradients are
   * averaged, weighted by shard size, before one optimizer step. The update is the whole batch's
   * up to float rounding; the batch size stays the global one. See {@link DataParallel}.
   *
   * <pre>{@code
   * // 2 replicas on 2 cores: one engine thread each during the run
   * var model = Model.mlp(784, 128, 64, 10)
   *     .train(mnist.train(), Train.epochs(5).batchSize(128).dataParallel(2));
   * }</pre>
   *
   * @param replicas how many replicas, >= 1 and at most the batch size; 1 turns it off
   * @return the changed copy
   * @throws IllegalArgumentException when {@code replicas < 1} or more than the batch size
   */
  public TrainConfig dataParallel(int replicas) {
    return dataParallel(DataParallel.replicas(replicas));
  }

  /**
   * Returns a copy that trains one data-parallel replica per device, such as one per GPU; a GPU
   * that the engine does not see fails when training starts, naming the devices it found.
   *
   * <pre>{@code
   * Train.epochs(5).batchSize(256).dataParallel(Device.gpu(0), Device.gpu(1))
   * }</pre>
   *
   * @param devices one per replica ({@link DataParallel#availableDevices()} lists them)
   * @return the changed copy
   * @throws IllegalArgumentException when no device is given or one is {@code auto}
   */
  public TrainConfig dataParallel(Device... devices) {
    return dataParallel(DataParallel.on(devices));
  }

  /**
   * Returns a copy with the given data parallelism.
   *
   * <pre>{@code
   * Train.epochs(5).dataParallel(DataParallel.replicas(2))
   * }</pre>
   *
   * @param d the replicas and their devices
   * @return the changed copy
   */
  public TrainConfig dataParallel(DataParallel d) {
    Objects.requireNonNull(d, "d");
    return new TrainConfig(epochs, batchSize, seed, optimizer, schedule, weightDecay,
        validationFraction, earlyStoppingPatience, device, listener, pruning, augmentation,
        d.replicas() == 1 && d.devices().isEmpty() ? null : d);
  }

  /** Returns how many data-parallel replicas share each batch (1 without data parallelism). */
  public int replicas() {
    return dataParallel == null ? 1 : dataParallel.replicas();
  }

  /** Plain SGD. */
  public TrainConfig sgd(double lr) {
    return optimizer(new Optimizer.Sgd(lr));
  }

  /** SGD with momentum {@code mu}. */
  public TrainConfig momentum(double lr, double mu) {
    return optimizer(new Optimizer.Momentum(lr, mu, false));
  }

  /** SGD with Nesterov momentum {@code mu}. */
  public TrainConfig nesterov(double lr, double mu) {
    return optimizer(new Optimizer.Momentum(lr, mu, true));
  }

  /** Adam with PyTorch's default betas and epsilon. */
  public TrainConfig adam(double lr) {
    return optimizer(new Optimizer.Adam(lr));
  }

  /** AdamW's weight decay when none is given: PyTorch's default for {@code torch.optim.AdamW}. */
  public static final double ADAMW_DEFAULT_DECAY = 0.01;

  /**
   * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", 2019) with PyTorch's
   * default decay, {@value #ADAMW_DEFAULT_DECAY}: Adam whose weight decay shrinks the weights
   * directly instead of going through the adaptive gradient scale.
   *
   * <pre>{@code
   * TrainConfig c = Train.epochs(10).adamW(1e-3);   // decay 0.01, as torch.optim.AdamW
   * }</pre>
   *
   * @param lr the learning rate, > 0
   * @return the changed config
   */
  public TrainConfig adamW(double lr) {
    return adamW(lr, ADAMW_DEFAULT_DECAY);
  }

  /**
   * AdamW: Adam with decoupled weight decay {@code wd}.
   *
   * <pre>{@code
   * TrainConfig c = Train.epochs(10).adamW(1e-3, 0.05);
   * }</pre>
   *
   * @param lr the learning rate, > 0
   * @param wd the decoupled weight decay, >= 0
   * @return the changed config
   */
  public TrainConfig adamW(double lr, double wd) {
    return optimizer(new Optimizer.Adam(lr, 0.9, 0.999, 1e-8, wd));
  }

  /** RMSProp with rho 0.99 and epsilon 1e-8 (PyTorch's defaults). */
  public TrainConfig rmsProp(double lr) {
    return optimizer(new Optimizer.RmsProp(lr, 0.99, 1e-8));
  }

  /** Adagrad with epsilon 1e-10 (PyTorch's default). */
  public TrainConfig adagrad(double lr) {
    return optimizer(new Optimizer.Adagrad(lr, 1e-10));
  }

  /** Step decay: {@code lr * gamma^floor(epoch / every)}. */
  public TrainConfig stepDecay(double gamma, int everyEpochs) {
    return schedule(new LearningRateSchedule.StepDecay(gamma, everyEpochs));
  }

  /** Multi-step decay: {@code lr * gamma^(milestones passed)}. */
  public TrainConfig multiStep(double gamma, int... milestones) {
    return schedule(new LearningRateSchedule.MultiStep(gamma,
        java.util.Arrays.stream(milestones).boxed().toList()));
  }

  /** Exponential decay: {@code lr * gamma^epoch}. */
  public TrainConfig exponentialDecay(double gamma) {
    return schedule(new LearningRateSchedule.Exponential(gamma));
  }

  /** Cosine annealing to 0 over the run. */
  public TrainConfig cosine() {
    return schedule(new LearningRateSchedule.Cosine(0, 0));
  }

  /** Linear warm-up for {@code warmupEpochs}, then cosine annealing to 0. */
  public TrainConfig warmupCosine(double warmupEpochs) {
    return schedule(new LearningRateSchedule.Cosine(warmupEpochs, 0));
  }

  /**
   * Returns a copy whose learning rate rises linearly from near 0 over the first {@code epochs}
   * (per batch), then follows this config's schedule (Goyal et al. 2017). Use it with large
   * batches and the linear scaling rule.
   *
   * <pre>{@code
   * Train.epochs(10).batchSize(1024).adam(8e-3).warmup(2)
   * }</pre>
   *
   * @param epochs warm-up epochs, > 0
   * @return the changed copy
   */
  public TrainConfig warmup(double epochs) {
    LearningRateSchedule after = schedule instanceof LearningRateSchedule.Warmup w
        ? w.after() : schedule;
    return schedule(new LearningRateSchedule.Warmup(epochs, after));
  }

  /** Polynomial decay to 0 with the given power (1 is linear). */
  public TrainConfig polynomialDecay(double power) {
    return schedule(new LearningRateSchedule.Polynomial(power, 0));
  }

  /** Returns the learning rate at a point of the run. */
  public double learningRateAt(double epoch) {
    return optimizer.learningRate() * schedule.factor(epoch, epochs);
  }

  /**
   * Returns this config as a provenance step named {@code name}, such as
   * {@code train(epochs=5, batch=128, adam(lr=0.001), seed=42)}.
   *
   * @param name {@code train}, {@code fine_tune} or {@code distill}
   * @return the step
   */
  public Step toStep(String name) {
    Step s = Step.of(name).with("epochs", epochs).with("batch", batchSize)
        .arg(optimizer.describe());
    if (!(schedule instanceof LearningRateSchedule.Constant)) {
      s = s.arg(schedule.describe());
    }
    if (weightDecay > 0) {
      s = s.with("wd", weightDecay);
    }
    if (validationFraction > 0) {
      s = s.with("val", validationFraction);
    }
    if (earlyStoppingPatience > 0) {
      s = s.with("patience", earlyStoppingPatience);
    }
    if (pruning != null) {
      s = s.arg(pruning.describe());
    }
    if (augmentation != null) {
      s = s.with("augment", augmentation.describe());
    }
    if (dataParallel != null) {
      s = s.with("data_parallel", dataParallel.describe());
    }
    return s.with("seed", seed);
  }

  /** Returns a short description for provenance, such as {@code train(epochs=5, ...)}. */
  public String describe() {
    return toStep("train").toString();
  }
}
