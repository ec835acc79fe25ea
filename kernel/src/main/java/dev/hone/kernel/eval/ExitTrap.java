package dev.hone.kernel.eval;

/**
 * Stands in for {@code System.exit} in cells, so a cell that calls it ends with an error instead of
 * ending the kernel and every variable in it.
 *
 * <p>{@link ExitRewriter} points a cell's {@code System.exit}, {@code Runtime.getRuntime().exit}
 * and {@code halt} calls here. We rewrite source rather than install a SecurityManager, which is
 * deprecated for removal since Java 17, warns at run time, and is gone on current JDKs.
 */
public final class ExitTrap {

  private ExitTrap() {}

  /**
   * Throws {@link CellExit} instead of exiting.
   *
   * @param status the status the cell asked to exit with
   */
  public static void exit(int status) {
    throw new CellExit(status);
  }

  /** Thrown instead of exiting; the kernel reports it as a {@code SystemExit} error. */
  public static final class CellExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    CellExit(int status) {
      super("System.exit(" + status + ") was called; the kernel stays alive with its variables");
      this.status = status;
    }

    /** Returns the status the cell asked to exit with. */
    public int status() {
      return status;
    }
  }
}
