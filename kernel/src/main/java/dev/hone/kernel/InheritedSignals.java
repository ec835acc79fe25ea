package dev.hone.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Undoes an "ignore SIGINT" that the kernel inherited. A shell starts background jobs with SIGINT
 * ignored (so a Ctrl-C at the terminal spares them), exec keeps it ignored, and the JVM then
 * refuses to handle it: {@code sun.misc.Signal.handle} returns without installing anything, and
 * Jupyter's interrupt by signal would silently do nothing. SIGINT is how a Jupyter client
 * interrupts a kernel, so the kernel resets it to the default first, as ipykernel does.
 */
final class InheritedSignals {

  private static final int SIGINT = 2;

  private interface LibC extends Library {
    Pointer signal(int signal, Pointer handler);
  }

  private InheritedSignals() {}

  /**
   * Resets SIGINT to its default action when this process started with it ignored (Linux).
   *
   * @return whether it was ignored and is reset now
   */
  static boolean restoreInterrupt() {
    if (!ignoredAtStart(SIGINT).orElse(false)) {
      return false;
    }
    try {
      // SIG_DFL is the null handler; the JVM's own handler is installed right after.
      Native.load("c", LibC.class).signal(SIGINT, null);
      return !ignoredAtStart(SIGINT).orElse(true);
    } catch (RuntimeException | LinkageError e) {
      KernelLog.warn("SIGINT is ignored by the process that started the kernel and could not be"
          + " reset (" + e + "); interrupt by message only");
      return false;
    }
  }

  /** Reads the signal's bit in /proc/self/status's SigIgn mask; empty where there is none. */
  static Optional<Boolean> ignoredAtStart(int signal) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
          return Optional.of((mask & (1L << (signal - 1))) != 0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no procfs: nothing to reset.
    }
    return Optional.empty();
  }
}
