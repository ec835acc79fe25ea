package dev.hone.kernel;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends the kernel when the client that started it is gone, so a crashed or killed Jupyter leaves
 * no orphaned JVM holding memory and ports.
 *
 * <p>Jupyter's launcher puts its own process id in {@code JPY_PARENT_PID} (ipykernel watches the
 * same variable). Once a second, the kernel checks that this process is still alive (and is the
 * same process: its start time has not changed, so a reused id does not count) and that the
 * kernel's own parent has not changed since start, which is what happens when the parent dies
 * and the kernel is handed to init. A kernel started by hand, without the variable, is not
 * watched.
 */
final class ParentWatch {

  static final String ENV = "JPY_PARENT_PID";
  private static final long EVERY_MS = 1_000;

  private final ProcessHandle parent;
  private final Optional<Instant> parentStart;
  private final long ownParentAtStart;

  private ParentWatch(ProcessHandle parent) {
    this.parent = parent;
    this.parentStart = parent.info().startInstant();
    this.ownParentAtStart = ownParentPid();
  }

  /**
   * Returns a watch of the process named by {@code JPY_PARENT_PID}, or empty when the variable is
   * unset, not a process id, or names a process that is already gone.
   */
  static Optional<ParentWatch> fromEnvironment() {
    String value = System.getenv(ENV);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      KernelLog.warn(ENV + " is '" + value + "', not a process id; the kernel will not watch its client");
      return Optional.empty();
    }
    // pid 1 (init) never goes away, only adopts: watching it would tell nothing.
    if (pid <= 1) {
      return Optional.empty();
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    if (parent.isEmpty()) {
      KernelLog.warn(ENV + "=" + pid + " names no running process; the kernel will not watch its client");
    }
    return parent.map(ParentWatch::new);
  }

  /** Starts checking once a second on a daemon thread; {@code onGone} runs once when it is gone. */
  void start(Runnable onGone) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hone-parent-watch");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          Optional<String> why = gone();
          if (why.isPresent()) {
            KernelLog.warn(why.get() + "; the kernel shuts down");
            timer.shutdown();
            onGone.run();
          }
        },
        EVERY_MS,
        EVERY_MS,
        TimeUnit.MILLISECONDS);
    KernelLog.info("watching the client, process " + parent.pid());
  }

  /** Returns why the client counts as gone, or empty while it is alive. */
  Optional<String> gone() {
    if (!parent.isAlive()) {
      return Optional.of("the client (process " + parent.pid() + ") exited");
    }
    if (parentStart.isPresent() && !parentStart.equals(parent.info().startInstant())) {
      return Optional.of("the client's process id " + parent.pid() + " now names another process");
    }
    long ownParent = ownParentPid();
    if (ownParent != ownParentAtStart) {
      return Optional.of("the kernel's parent process changed from " + ownParentAtStart + " to " + ownParent);
    }
    return Optional.empty();
  }

  private static long ownParentPid() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }
}
