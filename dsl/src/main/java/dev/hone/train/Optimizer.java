package dev.hone.train;

/**
 * How weights move against their gradients. Each optimizer is a small immutable value; pick one on
 * a {@link TrainConfig} with {@code .sgd(lr)}, {@code .adam(lr)} and friends, or build one here for
 * full control of its hyperparameters.
 *
 * <p>The update rules follow PyTorch's {@code torch.optim} so that figures compare one to one.
 *
 * <pre>{@code
 * TrainConfig c = Train.epochs(5).optimizer(new Optimizer.Adam(1e-3, 0.9, 0.999, 1e-8));
 * }</pre>
 */
public sealed interface Optimizer {

  /** Returns the base learning rate, before any schedule. */
  double learningRate();

  /** Returns a copy with another base learning rate. */
  Optimizer withLearningRate(double learningRate);

  /** Returns a short description for provenance, such as {@code adam(lr=0.001)}. */
  String describe();

  /**
   * Plain stochastic gradient descent: {@code w -= lr * g}.
   *
   * @param learningRate step size, > 0
   */
  record Sgd(double learningRate) implements Optimizer {
    /** Checks the learning rate. */
    public Sgd {
      Checks.positive("learningRate", learningRate);
    }

    @Override
    public Sgd withLearningRate(double lr) {
      return new Sgd(lr);
    }

    @Override
    public String describe() {
      return "sgd(lr=" + Checks.num(learningRate) + ")";
    }
  }

  /**
   * SGD with heavy-ball momentum (Polyak 1964), or Nesterov's look-ahead variant (Sutskever et al.
   * 2013) when {@code nesterov} is true: {@code v = mu*v + g; w -= lr * (nesterov ? g + mu*v : v)}.
   *
   * @param learningRate step size, > 0
   * @param momentum mu in [0, 1)
   * @param nesterov whether to use Nesterov momentum
   */
  record Momentum(double learningRate, double momentum, boolean nesterov) implements Optimizer {
    /** Checks the hyperparameters. */
    public Momentum {
      Checks.positive("learningRate", learningRate);
      Checks.unitInterval("momentum", momentum);
    }

    @Override
    public Momentum withLearningRate(double lr) {
      return new Momentum(lr, momentum, nesterov);
    }

    @Override
    public String describe() {
      return (nesterov ? "nesterov" : "momentum") + "(lr=" + Checks.num(learningRate) + ", mu="
          + Checks.num(momentum) + ")";
    }
  }

  /**
   * Adam (Kingma and Ba 2015), with bias correction; {@code decoupledWeightDecay > 0} makes it
   * AdamW (Loshchilov and Hutter 2019): {@code w -= lr * wd * w} before the Adam step.
   *
   * @param learningRate step size, > 0
   * @param beta1 first-moment decay in [0, 1)
   * @param beta2 second-moment decay in [0, 1)
   * @param epsilon added to the denominator, > 0
   * @param decoupledWeightDecay AdamW's decay, >= 0 (0 is plain Adam)
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon,
      double decoupledWeightDecay) implements Optimizer {
    /** Checks the hyperparameters. */
    public Adam {
      Checks.positive("learningRate", learningRate);
      Checks.unitInterval("beta1", beta1);
      Checks.unitInterval("beta2", beta2);
      Checks.positive("epsilon", epsilon);
      Checks.nonNegative("decoupledWeightDecay", decoupledWeightDecay);
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no decoupled decay. */
    public Adam(double learningRate) {
      this(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    public Adam withLearningRate(double lr) {
      return new Adam(lr, beta1, beta2, epsilon, decoupledWeightDecay);
    }

    @Override
    public String describe() {
      return decoupledWeightDecay > 0
          ? "adamw(lr=" + Checks.num(learningRate) + ", wd=" + Checks.num(decoupledWeightDecay) + ")"
          : "adam(lr=" + Checks.num(learningRate) + ")";
    }
  }

  /**
   * RMSProp (Hinton, Lecture 6e): {@code s = rho*s + (1-rho)*g^2; w -= lr * g / (sqrt(s) + eps)}.
   *
   * @param learningRate step size, > 0
   * @param rho decay of the squared-gradient average in [0, 1)
   * @param epsilon added to the denominator, > 0
   */
  record RmsProp(double learningRate, double rho, double epsilon) implements Optimizer {
    /** Checks the hyperparameters. */
    public RmsProp {
      Checks.positive("learningRate", learningRate);
      Checks.unitInterval("rho", rho);
      Checks.positive("epsilon", epsilon);
    }

    @Override
    public RmsProp withLearningRate(double lr) {
      return new RmsProp(lr, rho, epsilon);
    }

    @Override
    public String describe() {
      return "rmsprop(lr=" + Checks.num(learningRate) + ", rho=" + Checks.num(rho) + ")";
    }
  }

  /**
   * Adagrad (Duchi et al. 2011): {@code s += g^2; w -= lr * g / (sqrt(s) + eps)}.
   *
   * @param learningRate step size, > 0
   * @param epsilon added to the denominator, > 0
   */
  record Adagrad(double learningRate, double epsilon) implements Optimizer {
    /** Checks the hyperparameters. */
    public Adagrad {
      Checks.positive("learningRate", learningRate);
      Checks.positive("epsilon", epsilon);
    }

    @Override
    public Adagrad withLearningRate(double lr) {
      return new Adagrad(lr, epsilon);
    }

    @Override
    public String describe() {
      return "adagrad(lr=" + Checks.num(learningRate) + ")";
    }
  }
}
