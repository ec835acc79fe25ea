package dev.hone.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows training progress in a terminal: one line redrawn in place while an epoch runs, then a
 * summary line per epoch. Where the output is not a terminal (a log, CI) it prints only the
 * epoch lines, so logs stay readable.
 *
 * <pre>{@code
 * Progress.setDefault(() -> new TerminalProgressBar(System.err));
 * }</pre>
 */
public final class TerminalProgressBar implements TrainingListener {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean interactive;
  private TrainingPlan plan;
  private long lastDraw;

  /**
   * Draws on the given stream; redraws in place only when the JVM has a console.
   *
   * @param out usually {@code System.err}
   */
  public TerminalProgressBar(PrintStream out) {
    this(out, System.console() != null);
  }

  /**
   * Draws on the given stream.
   *
   * @param out the stream
   * @param interactive whether to redraw one line in place with carriage returns
   */
  public TerminalProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void onStart(TrainingPlan plan) {
    this.plan = plan;
    out.printf(Locale.ROOT, "training %s: %d epochs x %d batches, %d rows%s%n", plan.model(),
        plan.epochs(), plan.batchesPerEpoch(), plan.trainSamples(),
        plan.validationSamples() > 0 ? ", " + plan.validationSamples() + " for validation" : "");
  }

  @Override
  public void onBatch(BatchProgress p) {
    long now = System.nanoTime();
    if (!interactive || (now - lastDraw < 50_000_000L && p.batch() != p.batchesPerEpoch())) {
      return;
    }
    lastDraw = now;
    int filled = (int) Math.round(WIDTH * (double) p.batch() / p.batchesPerEpoch());
    out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f", p.epoch(),
        plan == null ? 0 : plan.epochs(), "#".repeat(filled), ".".repeat(WIDTH - filled),
        p.batch(), p.batchesPerEpoch(), p.epochLoss());
    out.flush();
  }

  @Override
  public void onEpoch(EpochStats e) {
    if (interactive) {
      out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
    }
    out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f%s  %.1fs  %,.0f samples/s%n",
        e.epoch(), plan == null ? 0 : plan.epochs(), e.trainLoss(), e.trainAccuracy(),
        e.hasValidation() ? String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.4f",
            e.validationLoss(), e.validationAccuracy()) : "", e.seconds(), e.samplesPerSecond());
  }

  @Override
  public void onEnd(History history) {
    if (!history.stopNote().isEmpty()) {
      out.println(history.stopNote());
    }
  }
}
