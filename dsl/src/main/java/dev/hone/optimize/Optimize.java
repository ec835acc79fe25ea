package dev.hone.optimize;

import dev.hone.data.Dataset;
import dev.hone.model.TrainedModel;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Searches Hone's compression techniques for the model that best meets a goal (file bytes,
 * batch-1 latency or batch-256 throughput) while losing at most a stated share of accuracy on
 * validation rows, as NNI's auto-compression and Intel Neural Compressor's accuracy-aware tuning
 * do for Python. An immutable value: each setting returns a new one; {@link #minimize} runs.
 *
 * <p>The search starts from the sensitivity scan and prunes the least sensitive layers hardest,
 * prunes globally (one-shot, and gradually while fine-tuning), removes neurons, distills into smaller students, then quantizes and clusters
 * the models that kept the budget: each branch stops at its first model that breaks the budget,
 * and later steps reuse earlier models (a pruned model is quantized, not retrained). It is seeded
 * and reproducible (the same settings give the same trials and accuracies; timings vary), bounded
 * by a trial count and a time budget, and an interrupt returns the best model so far.
 *
 * <pre>{@code
 * Optimization o = Optimize.model(model).on(validation).trainingData(train)
 *     .withinAccuracyDrop(0.005).testOn(test)
 *     .minimize(Goal.FILE_BYTES);
 * Network best = o.bestModel();
 * o;   // in a notebook: the trade-off curves, every trial a point, and the table of trials
 * }</pre>
 *
 * @param model the trained model to start from
 * @param validation rows the search measures accuracy on
 * @param training rows for fine-tuning and distillation; null skips both
 * @param test held-out rows the search never sees, for the final report; may be null
 * @param maxDrop the accuracy the chosen model may lose, as a fraction (0.005 = half a point)
 * @param maxTrials the most models to build, baseline included
 * @param timeBudget the longest the search may run
 * @param seed seeds every training step
 * @param fineTuneEpochs epochs of fine-tuning after pruning and clustering
 * @param distillEpochs epochs of training for a distilled student
 * @param onTrial called after each trial, on the searching thread (progress, or a stop request
 *     by interrupting that thread)
 */
public record Optimize(TrainedModel model, Dataset validation, Dataset training, Dataset test,
    double maxDrop, int maxTrials, Duration timeBudget, long seed, int fineTuneEpochs,
    int distillEpochs, Consumer<Trial> onTrial) {

  /** Checks the settings; messages name the bad value. */
  public Optimize {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeBudget, "timeBudget");
    Objects.requireNonNull(onTrial, "onTrial");
    if (!(maxDrop >= 0 && maxDrop <= 1)) {
      throw new IllegalArgumentException("the accuracy drop is a fraction between 0 and 1"
          + " (0.005 = half a point), was " + maxDrop);
    }
    if (maxTrials < 2) {
      throw new IllegalArgumentException("maxTrials must be at least 2 (the model as given and"
          + " one candidate), was " + maxTrials);
    }
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("the time budget must be positive, was " + timeBudget);
    }
    if (fineTuneEpochs < 0 || distillEpochs < 1) {
      throw new IllegalArgumentException("need fineTuneEpochs >= 0 and distillEpochs >= 1, were "
          + fineTuneEpochs + " and " + distillEpochs);
    }
    for (Dataset d : new Dataset[] {validation, training, test}) {
      if (d != null) {
        model.spec().checkFits(d);
        if (d.size() == 0) {
          throw new IllegalArgumentException("the data '" + d.name() + "' has no rows");
        }
      }
    }
  }

  /**
   * Starts a search from a trained model, with defaults: a 1-point budget, 60 trials, 10
   * minutes, seed 42, 2 epochs of fine-tuning, 5 epochs per student.
   *
   * <pre>{@code
   * Optimize.model(model).on(validation).minimize(Goal.FILE_BYTES);
   * }</pre>
   *
   * @param model the trained model
   * @return the settings; give validation rows with {@link #on} before running
   */
  public static Optimize model(TrainedModel model) {
    return new Optimize(model, null, null, null, 0.01, 60, Duration.ofMinutes(10), 42, 2, 5,
        t -> { });
  }

  /**
   * Sets the rows the search measures accuracy on (not the test rows).
   *
   * @param data validation rows that fit the model
   * @return the settings
   * @throws IllegalArgumentException when the rows do not fit the model
   */
  public Optimize on(Dataset data) {
    return new Optimize(model, Objects.requireNonNull(data, "validation data"), training, test,
        maxDrop, maxTrials, timeBudget, seed, fineTuneEpochs, distillEpochs, onTrial);
  }

  /**
   * Sets the rows for fine-tuning after pruning and for distilling students. Without them the
   * search prunes one-shot and distills nothing.
   *
   * @param data training rows
   * @return the settings
   */
  public Optimize trainingData(Dataset data) {
    return new Optimize(model, validation, Objects.requireNonNull(data, "training data"), test,
        maxDrop, maxTrials, timeBudget, seed, fineTuneEpochs, distillEpochs, onTrial);
  }

  /**
   * Sets held-out rows the search never sees; the result reports the chosen model's accuracy on
   * them next to the validation figure, so the budget is honest.
   *
   * @param data test rows
   * @return the settings
   */
  public Optimize testOn(Dataset data) {
    return new Optimize(model, validation, training, Objects.requireNonNull(data, "test data"),
        maxDrop, maxTrials, timeBudget, seed, fineTuneEpochs, distillEpochs, onTrial);
  }

  /**
   * Sets the accuracy the chosen model may lose on the validation rows.
   *
   * <pre>{@code
   * Optimize.model(model).on(validation).withinAccuracyDrop(0.005);   // half a point
   * }</pre>
   *
   * @param fraction between 0 and 1
   * @return the settings
   * @throws IllegalArgumentException outside [0, 1]
   */
  public Optimize withinAccuracyDrop(double fraction) {
    return new Optimize(model, validation, training, test, fraction, maxTrials, timeBudget, seed,
        fineTuneEpochs, distillEpochs, onTrial);
  }

  /**
   * Bounds the number of models built.
   *
   * @param count at least 2
   * @return the settings
   */
  public Optimize maxTrials(int count) {
    return new Optimize(model, validation, training, test, maxDrop, count, timeBudget, seed,
        fineTuneEpochs, distillEpochs, onTrial);
  }

  /**
   * Bounds the search's time; when it runs out the best model so far is returned.
   *
   * @param budget positive
   * @return the settings
   */
  public Optimize timeBudget(Duration budget) {
    return new Optimize(model, validation, training, test, maxDrop, maxTrials, budget, seed,
        fineTuneEpochs, distillEpochs, onTrial);
  }

  /**
   * Seeds every training step (fine-tuning, distillation).
   *
   * @param value the seed
   * @return the settings
   */
  public Optimize seed(long value) {
    return new Optimize(model, validation, training, test, maxDrop, maxTrials, timeBudget, value,
        fineTuneEpochs, distillEpochs, onTrial);
  }

  /**
   * Sets the epochs of fine-tuning after pruning and clustering, and of each student.
   *
   * @param fineTune epochs after pruning and clustering, 0 for none
   * @param distill epochs per distilled student, at least 1
   * @return the settings
   */
  public Optimize epochs(int fineTune, int distill) {
    return new Optimize(model, validation, training, test, maxDrop, maxTrials, timeBudget, seed,
        fineTune, distill, onTrial);
  }

  /**
   * Calls the given action after each trial: for progress lines, or to stop the search early by
   * interrupting the searching thread (the search then returns the best model so far).
   *
   * <pre>{@code
   * Optimize.model(model).on(validation).onTrial(t -> System.out.println(t.name()));
   * }</pre>
   *
   * @param action called with each trial as it completes
   * @return the settings
   */
  public Optimize onTrial(Consumer<Trial> action) {
    return new Optimize(model, validation, training, test, maxDrop, maxTrials, timeBudget, seed,
        fineTuneEpochs, distillEpochs, Objects.requireNonNull(action, "action"));
  }

  /**
   * Runs the search and returns the best model that keeps the budget, with every trial.
   *
   * @param goal what to improve
   * @return the result
   * @throws IllegalStateException when no validation rows were given, when the time budget is
   *     shorter than one trial (the message says how long one took), or when no technique
   *     improved the goal within the budget ({@link NoImprovementException}, which carries the
   *     trials)
   */
  public Optimization minimize(Goal goal) {
    Objects.requireNonNull(goal, "goal");
    if (validation == null) {
      throw new IllegalStateException("give validation rows first: Optimize.model(m)"
          + ".on(validation)");
    }
    return new Search(this, goal).run();
  }
}
