package dev.hone.train;

import java.util.List;
import java.util.Objects;

/**
 * What a finished training run went through: one {@link EpochStats} per epoch and why it stopped.
 *
 * <p>Minimal form so that {@link TrainingListener#onEnd(History)} compiles; the training owner
 * may extend it.
 *
 * <pre>{@code
 * History h = new History(List.of(), StopReason.INTERRUPTED);
 * h.epochs().isEmpty();   // true
 * }</pre>
 *
 * @param epochs the finished epochs, in order (copied, unmodifiable)
 * @param stopReason why the run ended
 */
public record History(List<EpochStats> epochs, StopReason stopReason) {

  /** Copies the epochs and rejects nulls. */
  public History {
    epochs = List.copyOf(Objects.requireNonNull(epochs, "epochs"));
    Objects.requireNonNull(stopReason, "stopReason");
  }
}
