package dev.hone.train.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A fixed set of threads that run one task at a time together with the caller, for the lockstep
 * of synchronous data parallelism: {@link #onEveryThread} runs part 0 in the calling thread and
 * parts 1..n-1 in the crew, and returns when all are done.
 *
 * <p>Why not an {@code ExecutorService}: a training step hands work out and collects it twice
 * (the shards' passes, then the split update), every millisecond or so. Waking a parked thread
 * and waking the caller from {@code Future.get} cost about 700 us a step on this project's 2-core
 * machine, as long as the update itself. Crew threads spin for a while after each part before
 * they park, and so does the caller while it waits, as OpenMP's thread pools do; the last crew
 * thread to finish unparks a caller that stopped spinning. Spinning for 2 ms gave the best
 * throughput of 2 ms, 200 us and 50 us (BENCHMARKS.md).
 *
 * <p>The spin yields the core on each turn ({@link Thread#yield}, which returns at once when no
 * other thread waits for it) rather than only pausing: in the JVM's first seconds the JIT's
 * compiler threads want the cores too, and a pure spin held a core while the part it waited for
 * sat preempted (a quarter of all CPU samples while a two-replica run warmed up, {@code perf}).
 */
final class Crew implements AutoCloseable {

  /** How long a crew thread spins for the next part before it parks. */
  static final long SPIN_NANOS = 2_000_000;

  private final Thread[] threads;
  /** 1 while crew thread {@code i + 1} is parked (or about to park). */
  private final AtomicIntegerArray parked;
  private volatile long round;
  private volatile IntFunction<?> task;
  private volatile boolean closed;
  private final Object[] results;
  private final Throwable[] failures;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile Thread caller;
  private volatile boolean callerParked;

  /**
   * Starts {@code size} daemon threads named {@code name-1..size}.
   *
   * @param size the crew's threads, besides the caller
   * @param name the threads' name prefix
   */
  Crew(int size, String name) {
    threads = new Thread[size];
    parked = new AtomicIntegerArray(size);
    results = new Object[size + 1];
    failures = new Throwable[size + 1];
    for (int i = 0; i < size; i++) {
      int part = i + 1;
      threads[i] = new Thread(() -> work(part), name + "-" + part);
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  /** The number of parts a task is run as: the crew plus the caller. */
  int parts() {
    return threads.length + 1;
  }

  /**
   * Runs {@code task(0)} in this thread and {@code task(1..n-1)} in the crew, and returns the
   * results in part order. Waits for every part, even when a part fails or this thread is
   * interrupted (parts read arrays the caller frees next), then rethrows the first failure.
   *
   * @param n the parts to run, at most {@link #parts()}
   * @param task the work of part {@code k}
   * @return the parts' results
   */
  <T> List<T> onEveryThread(int n, IntFunction<T> task) {
    if (n < 1 || n > parts()) {
      throw new IllegalArgumentException("parts " + n + " for a crew of " + parts());
    }
    if (closed) {
      throw new IllegalStateException("the crew is closed");
    }
    // One round at a time: a second caller (or a part calling back in) would reset the count
    // of finished parts while the crew still works on this round.
    if (!busy.compareAndSet(false, true)) {
      throw new IllegalStateException("the crew is already running a round");
    }
    try {
      return runRound(n, task);
    } finally {
      busy.set(false);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> runRound(int n, IntFunction<T> task) {
    int helpers = n - 1;
    done.set(0);
    caller = Thread.currentThread();
    java.util.Arrays.fill(results, null);
    java.util.Arrays.fill(failures, null);
    this.task = helpers == 0 ? null : part -> part < n ? task.apply(part) : null;
    round++;
    for (int i = 0; i < threads.length; i++) {
      if (parked.get(i) == 1) {
        LockSupport.unpark(threads[i]);
      }
    }
    try {
      results[0] = task.apply(0);
    } catch (Throwable e) {
      failures[0] = e;
    }
    // Every crew thread takes each round (threads beyond n return null at once).
    long start = System.nanoTime();
    while (done.get() < threads.length) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.yield();
      } else {
        callerParked = true;
        if (done.get() < threads.length) {
          LockSupport.parkNanos(this, 1_000_000);
        }
        callerParked = false;
      }
    }
    for (int k = 0; k < failures.length; k++) {
      Throwable f = failures[k];
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
      if (f != null) {
        throw new IllegalStateException("part " + k + " failed: " + f, f);
      }
    }
    List<T> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add((T) results[k]);
    }
    return out;
  }

  private void work(int part) {
    long seen = 0;
    while (true) {
      long start = System.nanoTime();
      while (round == seen && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.yield();
        } else {
          // Flag first, then look again: a round published after the look finds the flag set
          // and unparks this thread.
          parked.set(part - 1, 1);
          // A part that left the interrupt flag set would make every park return at once.
          Thread.interrupted();
          if (round == seen && !closed) {
            LockSupport.park(this);
          }
          parked.set(part - 1, 0);
        }
      }
      if (round == seen) {
        return; // closed, with no round waiting for this thread
      }
      seen = round;
      IntFunction<?> t = task;
      try {
        results[part] = t == null ? null : t.apply(part);
      } catch (Throwable e) {
        failures[part] = e;
      }
      if (done.incrementAndGet() == threads.length && callerParked) {
        LockSupport.unpark(caller);
      }
    }
  }

  /** Stops the crew's threads once they finish the round under way, if any. */
  @Override
  public void close() {
    closed = true;
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
  }
}
