package dev.hone.kernel.eval.stop;

/**
 * The check that rewritten cell code makes at every loop back-edge and method entry.
 *
 * <p>The kernel arms it for the cell thread when an interrupt has been ignored for a moment; the
 * next check on that thread throws {@link CellStopped}. The check is one volatile read while
 * nothing is armed, so loops in cells run at nearly full speed. Other threads (a thread a cell
 * started, the output flusher) never stop here.
 */
public final class StopPoints {

  private static volatile Thread armed;

  private StopPoints() {}

  /**
   * Called by rewritten cell code; throws {@link CellStopped} when a stop was asked for this
   * thread. Public only because cell classes live in JShell's class loader and call it there.
   */
  public static void check() {
    if (armed != null) {
      stopIfArmedFor(Thread.currentThread());
    }
  }

  private static void stopIfArmedFor(Thread current) {
    if (armed == current) {
      throw new CellStopped();
    }
  }

  /** Makes the next check on {@code thread} throw. */
  public static void arm(Thread thread) {
    armed = thread;
  }

  /** Disarms; the cell has ended. */
  public static void disarm() {
    armed = null;
  }

  /**
   * Thrown at a stop point. An {@link Error}, as {@code ThreadDeath} was, so that a cell's
   * {@code catch (Exception e)} does not swallow it; it is thrown at a known place, so finally
   * blocks run and locks are released as for any exception.
   */
  public static final class CellStopped extends Error {
    private static final long serialVersionUID = 1L;

    CellStopped() {
      super("the cell was stopped at a loop or call after it ignored an interrupt", null, false, false);
    }
  }
}
