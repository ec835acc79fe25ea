package dev.hone.runtime.internal;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent tasks side by side on the machine's cores, one Java thread per worker, and
 * returns their results in task order.
 *
 * <p>Each worker gives the engine {@code cores / workers} intra-op threads (at least one): with
 * two workers on two cores each runs its matrix products on one core instead of both fighting
 * over the engine's shared pool. The engine's setting is restored on the calling thread after
 * the tasks end. With one worker the tasks run on the calling thread, unchanged.
 */
public final class Workers {

  private Workers() {}

  /** Returns the number of cores the JVM sees. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs the tasks on up to {@code workers} threads.
   *
   * @param tasks independent tasks; each must own whatever native memory it creates
   * @param workers threads, >= 1 (more than the tasks is capped)
   * @param <T> the result type
   * @return the results, in task order
   * @throws IllegalArgumentException when {@code workers < 1}
   * @throws RuntimeException the first task's failure, as thrown (checked ones wrapped)
   */
  public static <T> List<T> map(List<? extends Callable<T>> tasks, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    int n = Math.min(workers, tasks.size());
    List<T> results = new ArrayList<>(tasks.size());
    if (n <= 1) {
      for (Callable<T> t : tasks) {
        results.add(call(t));
      }
      return results;
    }
    Engines.engine();
    int before = JniUtils.getNumThreads();
    int intraOp = Math.max(1, cores() / n);
    AtomicInteger ids = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(() -> {
        JniUtils.setNumThreads(intraOp);
        r.run();
      }, "hone-worker-" + ids.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + n + " workers ran " + tasks.size()
          + " tasks", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    } finally {
      // Interrupts running tasks too: Hone's trainer stops at the next batch boundary.
      pool.shutdownNow();
      JniUtils.setNumThreads(before);
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
