package dev.hone.train;

import java.util.List;

/**
 * How the learning rate changes over training, as a factor of the optimizer's base rate.
 *
 * <p>Epoch-wise schedules (step, multi-step, exponential) change at epoch boundaries, like
 * PyTorch's schedulers stepped once per epoch; smooth ones (cosine, warm-up, polynomial) change
 * every batch.
 *
 * <pre>{@code
 * // lr * 0.1^(epoch / 10): the classic step decay
 * TrainConfig c = Train.epochs(30).sgd(0.1).stepDecay(0.1, 10);
 * }</pre>
 */
public sealed interface LearningRateSchedule {

  /**
   * Returns the factor applied to the base learning rate.
   *
   * @param epoch the current epoch from 0, plus the fraction of its batches already done
   * @param totalEpochs the planned number of epochs
   * @return a factor, usually in (0, 1]
   */
  double factor(double epoch, int totalEpochs);

  /** Returns a short description for provenance. */
  String describe();

  /** The same rate throughout. */
  record Constant() implements LearningRateSchedule {
    @Override
    public double factor(double epoch, int totalEpochs) {
      return 1;
    }

    @Override
    public String describe() {
      return "constant";
    }
  }

  /**
   * Multiplies by {@code gamma} every {@code everyEpochs} epochs: {@code gamma^floor(e/every)}.
   *
   * @param gamma the factor, in (0, 1]
   * @param everyEpochs epochs between drops, > 0
   */
  record StepDecay(double gamma, int everyEpochs) implements LearningRateSchedule {
    /** Checks the arguments. */
    public StepDecay {
      checkGamma(gamma);
      if (everyEpochs <= 0) {
        throw new IllegalArgumentException("everyEpochs must be > 0, was " + everyEpochs);
      }
    }

    @Override
    public double factor(double epoch, int totalEpochs) {
      return Math.pow(gamma, Math.floor(Math.floor(epoch) / everyEpochs));
    }

    @Override
    public String describe() {
      return "step(" + gamma + ", every " + everyEpochs + ")";
    }
  }

  /**
   * Multiplies by {@code gamma} at each milestone epoch.
   *
   * @param gamma the factor, in (0, 1]
   * @param milestones epochs (from 0) at which the rate drops, increasing
   */
  record MultiStep(double gamma, List<Integer> milestones) implements LearningRateSchedule {
    /** Checks the arguments and copies the milestones. */
    public MultiStep {
      checkGamma(gamma);
      milestones = List.copyOf(milestones);
      for (int i = 0; i < milestones.size(); i++) {
        if (milestones.get(i) <= 0 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
          throw new IllegalArgumentException(
              "milestones must be positive and increasing, were " + milestones);
        }
      }
    }

    @Override
    public double factor(double epoch, int totalEpochs) {
      long passed = milestones.stream().filter(m -> m <= Math.floor(epoch)).count();
      return Math.pow(gamma, passed);
    }

    @Override
    public String describe() {
      return "multistep(" + gamma + ", at " + milestones + ")";
    }
  }

  /**
   * Multiplies by {@code gamma} every epoch: {@code gamma^e}.
   *
   * @param gamma the factor, in (0, 1]
   */
  record Exponential(double gamma) implements LearningRateSchedule {
    /** Checks gamma. */
    public Exponential {
      checkGamma(gamma);
    }

    @Override
    public double factor(double epoch, int totalEpochs) {
      return Math.pow(gamma, Math.floor(epoch));
    }

    @Override
    public String describe() {
      return "exponential(" + gamma + ")";
    }
  }

  /**
   * Cosine annealing (Loshchilov and Hutter 2017) from 1 down to {@code minFactor} over the run,
   * after {@code warmupEpochs} of linear warm-up from near 0 (Goyal et al. 2017).
   *
   * @param warmupEpochs epochs of linear warm-up, >= 0
   * @param minFactor the final factor, in [0, 1)
   */
  record Cosine(double warmupEpochs, double minFactor) implements LearningRateSchedule {
    /** Checks the arguments. */
    public Cosine {
      if (!(warmupEpochs >= 0)) {
        throw new IllegalArgumentException("warmupEpochs must be >= 0, was " + warmupEpochs);
      }
      if (!(minFactor >= 0 && minFactor < 1)) {
        throw new IllegalArgumentException("minFactor must be in [0, 1), was " + minFactor);
      }
    }

    @Override
    public double factor(double epoch, int totalEpochs) {
      if (epoch < warmupEpochs) {
        return Math.max(epoch, 1e-3) / warmupEpochs;
      }
      double span = Math.max(totalEpochs - warmupEpochs, 1e-9);
      double t = Math.min(1, (epoch - warmupEpochs) / span);
      return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    @Override
    public String describe() {
      return warmupEpochs > 0 ? "warmup(" + warmupEpochs + ")+cosine" : "cosine";
    }
  }

  /**
   * Polynomial decay from 1 to {@code endFactor}: {@code end + (1-end) * (1 - e/E)^power}.
   *
   * @param power the exponent, > 0 (1 is linear decay)
   * @param endFactor the final factor, in [0, 1)
   */
  record Polynomial(double power, double endFactor) implements LearningRateSchedule {
    /** Checks the arguments. */
    public Polynomial {
      if (!(power > 0)) {
        throw new IllegalArgumentException("power must be > 0, was " + power);
      }
      if (!(endFactor >= 0 && endFactor < 1)) {
        throw new IllegalArgumentException("endFactor must be in [0, 1), was " + endFactor);
      }
    }

    @Override
    public double factor(double epoch, int totalEpochs) {
      double t = Math.min(1, epoch / Math.max(totalEpochs, 1));
      return endFactor + (1 - endFactor) * Math.pow(1 - t, power);
    }

    @Override
    public String describe() {
      return "poly(" + power + ")";
    }
  }

  /**
   * Linear warm-up from near 0 to the full rate over the first {@code epochs}, then the
   * {@code after} schedule as if the warm-up were not there (Goyal et al. 2017, "Accurate, Large
   * Minibatch SGD": with the linear scaling rule, large batches need a gentle start).
   *
   * <pre>{@code
   * TrainConfig c = Train.epochs(20).adam(0.01).stepDecay(0.1, 10).warmup(2);
   * }</pre>
   *
   * @param epochs epochs of warm-up, > 0
   * @param after the schedule that follows, and that the warm-up's end joins
   */
  record Warmup(double epochs, LearningRateSchedule after) implements LearningRateSchedule {
    /** Checks the arguments. */
    public Warmup {
      if (!(epochs > 0)) {
        throw new IllegalArgumentException("warm-up epochs must be > 0, was " + epochs);
      }
      java.util.Objects.requireNonNull(after, "after");
    }

    @Override
    public double factor(double epoch, int totalEpochs) {
      double full = after.factor(epoch, totalEpochs);
      return epoch < epochs ? full * Math.max(epoch, 1e-3) / epochs : full;
    }

    @Override
    public String describe() {
      return after instanceof Constant ? "warmup(" + epochs + ")"
          : "warmup(" + epochs + ")+" + after.describe();
    }
  }

  private static void checkGamma(double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], was " + gamma);
    }
  }
}
