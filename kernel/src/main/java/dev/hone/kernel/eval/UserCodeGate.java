package dev.hone.kernel.eval;

import dev.hone.kernel.KernelLog;
import dev.hone.kernel.eval.stop.StopPoints;

/**
 * Knows whether user code is running on the cell thread, and stops it on request.
 *
 * <p>An interrupt is delivered as {@link Thread#interrupt()} only while user code runs: JShell
 * compiles on the same thread, and an interrupt that lands in the compiler's file I/O would close
 * its jar channels for good. Code that honours interrupts (sleep, I/O, Hone's training loop, which
 * stops at the next batch boundary with its last good weights) stops by itself. For code that
 * ignores them, such as a tight loop, {@link #armStopPoints()} makes the cell's own code throw at
 * its next loop back-edge or method entry (see {@link StopPoints}); this works on every JDK. A long
 * call into library code that ignores interrupts has no stop points: {@link #forceStop()} uses
 * {@code Thread.stop} for it, which Java 17 has and Java 20 and later do not.
 */
public final class UserCodeGate {

  private Thread runner;
  private int depth;
  private boolean inUserCode;
  private boolean interruptRequested;

  /**
   * Marks the start of a cell on the current thread; clears any earlier interrupt. Calls nest (a
   * cell with magics runs code several times), and only the outermost one counts.
   */
  public synchronized void beginCell() {
    if (depth++ == 0) {
      runner = Thread.currentThread();
      interruptRequested = false;
      StopPoints.disarm();
      Thread.interrupted();
    }
  }

  /** Marks the end of a cell; the thread's interrupt flag is cleared for the next one. */
  public synchronized void endCell() {
    if (--depth == 0) {
      runner = null;
      inUserCode = false;
      StopPoints.disarm();
      Thread.interrupted();
    }
  }

  /** Returns whether an interrupt was requested during the current cell. */
  public synchronized boolean interruptRequested() {
    return interruptRequested;
  }

  /** Returns whether the cell thread is running code of the cell (not JShell's compiler). */
  public synchronized boolean inUserCode() {
    return inUserCode;
  }

  /** Returns whether a cell is running. */
  public synchronized boolean cellRunning() {
    return runner != null;
  }

  /**
   * Asks the running cell to stop: sets the request and interrupts the thread if it is in user
   * code. Returns whether a cell was running.
   */
  public synchronized boolean interrupt() {
    if (runner == null) {
      return false;
    }
    interruptRequested = true;
    if (inUserCode) {
      runner.interrupt();
    }
    return true;
  }

  /**
   * Makes the running cell's code throw at its next stop point (loop back-edge or method entry of
   * code compiled from a cell), once {@link #interrupt()} was asked for in this cell. Returns
   * whether the stop was armed.
   */
  public synchronized boolean armStopPoints() {
    // Only after an interrupt of this cell: a late call must not stop the next cell.
    if (runner == null || !interruptRequested) {
      return false;
    }
    StopPoints.arm(runner);
    return true;
  }

  /**
   * Stops user code that ignored the interrupt with {@code Thread.stop}, for library code without
   * stop points. Returns whether a stop was delivered (never on Java 20 and later).
   */
  @SuppressWarnings({"deprecation", "removal"})
  public synchronized boolean forceStop() {
    if (runner == null || !inUserCode) {
      return false;
    }
    try {
      runner.stop();
      return true;
    } catch (UnsupportedOperationException e) {
      KernelLog.warn(
          "this JDK ("
              + Runtime.version()
              + ") has no Thread.stop: a call into library code that ignores interrupts keeps "
              + "running (loops in cells stop at their stop points); restart the kernel to stop it");
      return false;
    }
  }

  /**
   * Marks that the current thread runs user code (a cell's snippet, or a widget observer the
   * kernel calls between cells), where an interrupt may land.
   */
  public synchronized void enterUserCode() {
    if (interruptRequested) {
      Thread.currentThread().interrupt();
    }
    inUserCode = true;
  }

  /** Marks the end of user code; a pending interrupt is kept as a request, not a flag. */
  public synchronized void leaveUserCode() {
    inUserCode = false;
    // An interrupt meant for user code must not reach the compiler; the request is remembered.
    Thread.interrupted();
  }
}
