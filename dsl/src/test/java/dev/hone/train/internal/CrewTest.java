package dev.hone.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CrewTest {

  @Test
  void part_zero_runs_in_the_caller_and_the_others_in_distinct_crew_threads() {
    try (Crew crew = new Crew(2, "test-crew")) {
      Thread caller = Thread.currentThread();
      List<Thread> ran = crew.onEveryThread(3, part -> Thread.currentThread());
      assertEquals(caller, ran.get(0));
      assertNotEquals(caller, ran.get(1));
      assertNotEquals(ran.get(1), ran.get(2));
      assertEquals("test-crew-1", ran.get(1).getName());
      assertEquals(List.of(10, 11, 12), crew.onEveryThread(3, part -> 10 + part));
      assertEquals(List.of(0), crew.onEveryThread(1, part -> part));
    }
  }

  @Test
  void rounds_after_the_crew_has_parked_still_run_every_part() throws InterruptedException {
    // Alternate rounds in quick succession (the crew spins) with pauses longer than the spin
    // (the crew parks), many times, so a lost wake-up would hang or miscount.
    try (Crew crew = new Crew(2, "test-crew")) {
      AtomicLong sum = new AtomicLong();
      for (int round = 0; round < 400; round++) {
        if (round % 50 == 0) {
          Thread.sleep(Crew.SPIN_NANOS / 1_000_000 + 3);
        }
        crew.onEveryThread(3, part -> sum.addAndGet(part + 1));
      }
      assertEquals(400L * (1 + 2 + 3), sum.get());
    }
  }

  @Test
  void a_failing_part_is_rethrown_after_every_other_part_has_finished() {
    try (Crew crew = new Crew(1, "test-crew")) {
      AtomicBoolean slowPartDone = new AtomicBoolean();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> crew.onEveryThread(2, part -> {
            if (part == 0) {
              throw new IllegalStateException("part 0 failed");
            }
            sleep(100);
            slowPartDone.set(true);
            return null;
          }));
      assertEquals("part 0 failed", e.getMessage());
      assertTrue(slowPartDone.get(), "returned before the other part finished");
      // The crew still works after a failure.
      assertEquals(List.of(0, 1), crew.onEveryThread(2, part -> part));
    }
  }

  @Test
  void a_part_that_calls_back_into_the_crew_is_refused_and_the_crew_still_works() {
    try (Crew crew = new Crew(1, "test-crew")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> crew.onEveryThread(2, part -> part == 0 ? crew.onEveryThread(1, k -> k) : null));
      assertEquals("the crew is already running a round", e.getMessage());
      assertEquals(List.of(0, 1), crew.onEveryThread(2, part -> part));
    }
  }

  @Test
  void a_checked_exception_thrown_in_a_crew_thread_fails_the_round_instead_of_hanging_it() {
    try (Crew crew = new Crew(1, "test-crew")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> crew.onEveryThread(2, part -> part == 1 ? sneakyThrow(new java.io.IOException(
              "disk gone")) : null));
      assertTrue(e.getMessage().startsWith("part 1 failed: java.io.IOException: disk gone"),
          e.getMessage());
      // A part that leaves its thread interrupted does not break later rounds.
      crew.onEveryThread(2, part -> {
        Thread.currentThread().interrupt();
        return null;
      });
      Thread.interrupted();
      assertEquals(List.of(0, 1), crew.onEveryThread(2, part -> part));
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> Object sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  @Test
  void shared_parts_each_run_once_in_part_order_whatever_thread_takes_them() {
    try (Crew crew = new Crew(1, "test-crew")) {
      for (int round = 0; round < 200; round++) {
        AtomicInteger runs = new AtomicInteger();
        List<Integer> out = crew.share(5, part -> {
          runs.incrementAndGet();
          return 100 + part;
        });
        assertEquals(List.of(100, 101, 102, 103, 104), out);
        assertEquals(5, runs.get(), "round " + round);
      }
    }
  }

  @Test
  void a_thread_held_up_in_a_shared_part_leaves_the_other_parts_to_the_free_thread() {
    try (Crew crew = new Crew(1, "test-crew")) {
      Thread caller = Thread.currentThread();
      // The first part a crew thread takes holds it for 300 ms (as a descheduled thread would
      // be held); the caller takes every part left meanwhile.
      AtomicBoolean held = new AtomicBoolean();
      List<Thread> ran = crew.share(6, part -> {
        if (Thread.currentThread() != caller && held.compareAndSet(false, true)) {
          sleep(300);
        }
        return Thread.currentThread();
      });
      long byCaller = ran.stream().filter(t -> t == caller).count();
      long byCrew = ran.size() - byCaller;
      assertTrue(byCrew <= 1, "the held crew thread ran " + byCrew + " parts: " + ran);
      assertEquals(6, ran.size());
      assertEquals(List.of(0, 1, 2), crew.share(3, part -> part));
    }
  }

  @Test
  void two_shared_parts_that_wait_for_each_other_run_in_two_threads() throws Exception {
    try (Crew crew = new Crew(1, "test-crew")) {
      for (int round = 0; round < 50; round++) {
        // Each part waits for the other to start: only two threads at once can finish both.
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        List<Thread> ran = crew.share(2, part -> {
          started.countDown();
          try {
            assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS),
                "part " + part + " waited alone");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return Thread.currentThread();
        });
        assertNotEquals(ran.get(0), ran.get(1), "round " + round);
      }
    }
  }

  @Test
  void a_failing_shared_part_is_rethrown_after_the_others_and_the_crew_still_works() {
    try (Crew crew = new Crew(1, "test-crew")) {
      AtomicInteger finished = new AtomicInteger();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> crew.share(4, part -> {
            if (part == 2) {
              throw new IllegalStateException("part 2 failed");
            }
            sleep(20);
            finished.incrementAndGet();
            return part;
          }));
      assertEquals("part 2 failed", e.getMessage());
      assertEquals(3, finished.get(), "returned before the other parts finished");
      IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
          () -> crew.share(0, part -> part));
      assertEquals("parts 0: at least 1 expected", none.getMessage());
      assertEquals(List.of(0, 1), crew.share(2, part -> part));
    }
  }

  @Test
  void shared_and_pinned_rounds_mix_and_run_after_the_crew_has_parked()
      throws InterruptedException {
    try (Crew crew = new Crew(2, "test-crew")) {
      AtomicLong sum = new AtomicLong();
      for (int round = 0; round < 30; round++) {
        if (round % 10 == 9) {
          // Longer than the spin: the crew threads park.
          Thread.sleep(5);
        }
        crew.share(5, part -> sum.addAndGet(part + 1));
        crew.onEveryThread(2, part -> sum.addAndGet(100 * (part + 1)));
      }
      assertEquals(30L * (15 + 300), sum.get());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void more_parts_than_threads_or_a_closed_crew_are_refused() {
    Crew crew = new Crew(1, "test-crew");
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> crew.onEveryThread(3, part -> part));
    assertEquals("parts 3 for a crew of 2", tooMany.getMessage());
    crew.close();
    assertThrows(IllegalStateException.class, () -> crew.onEveryThread(1, part -> part));
  }
}
