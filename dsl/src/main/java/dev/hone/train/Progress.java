package dev.hone.train;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where training progress goes when a config names no listener of its own.
 *
 * <p>By default nothing is shown. The command-line job installs a terminal progress bar and the
 * Hone kernel installs a live notebook display, each with {@link #setDefault}.
 *
 * <pre>{@code
 * Progress.setDefault(TerminalProgressBar::new);
 * }</pre>
 */
public final class Progress {

  private static volatile Supplier<? extends TrainingListener> defaultFactory =
      () -> TrainingListener.NONE;

  private Progress() {}

  /**
   * Sets the factory that makes a fresh listener for each training run without one.
   *
   * @param factory called once per run
   */
  public static void setDefault(Supplier<? extends TrainingListener> factory) {
    defaultFactory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * Returns the config's own listener, or else a new one from the current default factory.
   *
   * @param config a training config
   * @return the listener a run with that config reports to
   */
  public static TrainingListener listenerFor(TrainConfig config) {
    TrainingListener own = config.listener();
    return own != null ? own : newDefaultListener();
  }

  /** Returns a new listener from the current default factory. */
  public static TrainingListener newDefaultListener() {
    TrainingListener listener = defaultFactory.get();
    return listener == null ? TrainingListener.NONE : listener;
  }
}
