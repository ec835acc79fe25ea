package dev.hone.kernel.eval;

/**
 * A loop outside the cells (loaded from the class path, so it has no stop points) that ignores
 * interrupts, as a long library call may; the test releases it when it is done.
 */
public final class LibrarySpin {

  private static volatile boolean released;

  private LibrarySpin() {}

  /** Spins until {@link #release()}, ignoring interrupts. */
  public static long spin() {
    long spins = 0;
    while (!released) {
      spins++;
    }
    return spins;
  }

  static void release() {
    released = true;
  }
}
