package dev.hone.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The kernel's own log, written to the process's original standard error.
 *
 * <p>Cells get their own {@code System.out} and {@code System.err} (sent to the notebook), so the
 * kernel keeps the stream it started with: Jupyter writes it to the server's console, where a
 * dropped message or a failed bind belongs, not in the user's notebook.
 */
public final class KernelLog {

  private static final PrintStream ORIGINAL_ERR = System.err;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private KernelLog() {}

  /** Logs a line at info level. */
  public static void info(String message) {
    write("INFO", message, null);
  }

  /** Logs a line at warning level. */
  public static void warn(String message) {
    write("WARN", message, null);
  }

  /** Logs a line and a stack trace at error level. */
  public static void error(String message, Throwable cause) {
    write("ERROR", message, cause);
  }

  private static synchronized void write(String level, String message, Throwable cause) {
    ORIGINAL_ERR.println("[hone-kernel " + LocalTime.now().format(TIME) + " " + level + "] " + message);
    if (cause != null) {
      cause.printStackTrace(ORIGINAL_ERR);
    }
    ORIGINAL_ERR.flush();
  }
}
