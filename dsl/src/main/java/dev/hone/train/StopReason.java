package dev.hone.train;

/** Why a training run ended. */
public enum StopReason {
  /** All planned epochs ran. */
  COMPLETED,
  /** Validation loss stopped improving for the configured patience. */
  EARLY_STOPPED,
  /** The thread was interrupted (a notebook's stop button, Ctrl-C); weights are the last batch's. */
  INTERRUPTED,
  /** The loss turned NaN or infinite; weights are the last ones that gave a finite loss. */
  DIVERGED
}
