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
 * parts 1..n-1 in the crew, and {@link #share} runs parts on whichever thread is free first;
 * both return when all parts are done.
 *
 * <p>Why not an {@code ExecutorService}: a training step hands work out and collects it twice (the
 * shards' passes, then the split update), every millisecond or so. Waking a parked thread and
 * waking the caller from {@code Future.get} cost about 700 us a step on this project's 2-core
 * machine, as long as the update itself. Crew threads spin for a while after each part before they
 * park, and so does the caller while it waits, as OpenMP's thread pools do; the thread that
 * finishes a round's last part unparks a caller that stopped spinning. Spinning for 2 ms gave the
 * best throughput of 2 ms, 200 us and 50 us (BENCHMARKS.md).
 *
 * <p>The spin yields the core on each turn ({@link Thread#yield}, which returns at once when no
 * other thread waits for it) rather than only pausing: in the JVM's first seconds the JIT's
 * compiler threads want the cores too, and a pure spin held a core while the part it waited for
 * sat preempted (a quarter of all CPU samples while a two-replica run warmed up, {@code perf}).
 *
 * <p>Why {@link #share}: on a machine whose cores something else also wants (the JIT's compilers
 * in the JVM's first seconds, another process), one thread of a lockstep round is often
 * descheduled for milliseconds, and a round of pinned parts then takes twice as long. With shared
 * parts, a thread that finishes its part takes the next one nobody has started, so the round
 * goes on at the speed of the threads that have a core. The parts are the same work whichever
 * thread runs them, so results do not depend on the schedule.
 */
final class Crew implements AutoCloseable {

  /** How long a crew thread spins for the next part before it parks. */
  static final long SPIN_NANOS = 2_000_000;

  private final Thread[] threads;
  /** 1 while crew thread {@code i + 1} is parked (or about to park). */
  private final AtomicIntegerArray parked;
  /** The round under way or last run; a new object per round, so a late thread finds it spent. */
  private volatile Round round;
  private volatile boolean closed;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile Thread caller;
  private volatile boolean callerParked;

  /** One round's parts: who runs which, the next unclaimed part, results and failures. */
  private static final class Round {
    final long id;
    final IntFunction<?> task;
    final int n;
    /** Part k runs in thread k (caller 0), or parts go to whichever thread claims them. */
    final boolean pinned;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final Object[] results;
    final Throwable[] failures;

    Round(long id, IntFunction<?> task, int n, boolean pinned) {
      this.id = id;
      this.task = task;
      this.n = n;
      this.pinned = pinned;
      results = new Object[n];
      failures = new Throwable[n];
    }
  }

  /**
   * Starts {@code size} daemon threads named {@code name-1..size}.
   *
   * @param size the crew's threads, besides the caller
   * @param name the threads' name prefix
   */
  Crew(int size, String name) {
    threads = new Thread[size];
    parked = new AtomicIntegerArray(size);
    round = new Round(0, null, 0, true);
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
    return run(n, task, true);
  }

  /**
   * Runs {@code task(0..n-1)}, each once, on whichever of this thread and the crew's is free first,
   * and returns the results in part order. This thread takes parts too: each thread claims the next
   * unclaimed part. Waits and rethrows as {@link #onEveryThread}. A part must not depend on the
   * thread it runs in.
   *
   * @param n the parts to run, at least 1 (any number: threads take several in turn)
   * @param task the work of part {@code k}
   * @return the parts' results
   */
  <T> List<T> share(int n, IntFunction<T> task) {
    if (n < 1) {
      throw new IllegalArgumentException("parts " + n + ": at least 1 expected");
    }
    return run(n, task, false);
  }

  private <T> List<T> run(int n, IntFunction<T> task, boolean pinned) {
    if (closed) {
      throw new IllegalStateException("the crew is closed");
    }
    // One round at a time: a second caller (or a part calling back in) would start a round
    // while the crew still works on this one.
    if (!busy.compareAndSet(false, true)) {
      throw new IllegalStateException("the crew is already running a round");
    }
    try {
      return runRound(n, task, pinned);
    } finally {
      busy.set(false);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> runRound(int n, IntFunction<T> task, boolean pinned) {
    caller = Thread.currentThread();
    Round r = new Round(round.id + 1, task, n, pinned);
    round = r;
    for (int i = 0; i < threads.length; i++) {
      if (parked.get(i) == 1) {
        LockSupport.unpark(threads[i]);
      }
    }
    if (pinned) {
      runPart(r, 0);
    } else {
      claimParts(r);
    }
    awaitFinished(r);
    for (int k = 0; k < n; k++) {
      Throwable f = r.failures[k];
      if (f instanceof RuntimeException e) {
        throw e;
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
      out.add((T) r.results[k]);
    }
    return out;
  }

  /** Spins, then parks in short naps, until every part of the round has finished. */
  private void awaitFinished(Round r) {
    long start = System.nanoTime();
    while (r.finished.get() < r.n) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.yield();
      } else {
        callerParked = true;
        if (r.finished.get() < r.n) {
          LockSupport.parkNanos(this, 1_000_000);
        }
        callerParked = false;
      }
    }
  }

  /** Runs parts of a shared round until none is left unclaimed. */
  private void claimParts(Round r) {
    for (int k = r.next.getAndIncrement(); k < r.n; k = r.next.getAndIncrement()) {
      runPart(r, k);
    }
  }

  private void runPart(Round r, int k) {
    try {
      r.results[k] = r.task.apply(k);
    } catch (Throwable e) {
      r.failures[k] = e;
    }
    if (r.finished.incrementAndGet() == r.n && callerParked) {
      LockSupport.unpark(caller);
    }
  }

  private void work(int part) {
    long seen = 0;
    for (Round r = awaitRound(part, seen); r != null; r = awaitRound(part, seen)) {
      seen = r.id;
      if (!r.pinned) {
        claimParts(r);
      } else if (part < r.n) {
        runPart(r, part);
      }
    }
  }

  /**
   * Waits for a round after round {@code seen}: spins, then parks. Returns null once the crew
   * is closed with no new round. The wait is its own method so that the JIT compiles the spin
   * loop on its own, not together with every task the crew runs (an on-stack-replacement
   * compile of the whole worker loop took 0.38 s of a core seconds into training, logged with
   * {@code -XX:+LogCompilation}).
   */
  private Round awaitRound(int part, long seen) {
    long start = System.nanoTime();
    while (round.id == seen && !closed) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.yield();
      } else {
        // Flag first, then look again: a round published after the look finds the flag set
        // and unparks this thread.
        parked.set(part - 1, 1);
        // A part that left the interrupt flag set would make every park return at once.
        Thread.interrupted();
        if (round.id == seen && !closed) {
          LockSupport.park(this);
        }
        parked.set(part - 1, 0);
      }
    }
    Round r = round;
    return r.id == seen ? null : r;
  }

  /**
   * Stops the crew's threads once they finish the round under way, if any. Call it from the
   * thread that runs the rounds, after the last one: a round started while another thread closes
   * the crew may find no crew thread left for its pinned parts.
   */
  @Override
  public void close() {
    closed = true;
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
  }
}
