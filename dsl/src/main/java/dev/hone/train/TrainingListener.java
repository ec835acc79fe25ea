package dev.hone.train;

/**
 * Hears about a training run as it goes: the terminal progress bar and the notebook's live chart
 * are listeners.
 *
 * <p>Calls come from the training thread, in order: {@code onStart}, then {@code onBatch} and
 * {@code onEpoch} as they finish, then {@code onEnd} (also after an interrupt or divergence). A
 * listener must be quick; it must not throw.
 *
 * <pre>{@code
 * TrainingListener printer = new TrainingListener() {
 *   public void onEpoch(EpochStats e) { System.out.println(e); }
 * };
 * Model.mlp(784, 64, 10).train(data, Train.epochs(3).listener(printer));
 * }</pre>
 */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** Called once before the first batch. */
  default void onStart(TrainingPlan plan) {}

  /** Called after each batch. */
  default void onBatch(BatchProgress progress) {}

  /** Called after each epoch, validation included. */
  default void onEpoch(EpochStats stats) {}

  /** Called once at the end, however the run ended. */
  default void onEnd(History history) {}
}
