package dev.hone.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueuedRequestsTest {

  private static final Instant FAILURE = Instant.parse("2026-11-28T19:38:22.500Z");

  private static JsonObject header(String date) {
    JsonObject h = new JsonObject();
    if (date != null) {
      h.addProperty("date", date);
    }
    return h;
  }

  @Test
  void a_request_sent_before_the_failure_is_cancelled_whatever_the_offset_style() {
    assertTrue(QueuedRequests.sentBefore(header("2026-11-28T19:38:22.360123Z"), FAILURE));
    assertTrue(QueuedRequests.sentBefore(header("2026-11-28T20:38:22.360+01:00"), FAILURE));
    assertTrue(QueuedRequests.sentBefore(header("2026-11-28T19:38:22.1"), FAILURE));
  }

  @Test
  void a_request_sent_after_the_failure_runs() {
    assertFalse(QueuedRequests.sentBefore(header("2026-11-28T19:38:22.600Z"), FAILURE));
  }

  @Test
  void a_request_without_a_readable_date_was_waiting_and_is_cancelled() {
    assertTrue(QueuedRequests.sentBefore(header(null), FAILURE));
    assertTrue(QueuedRequests.sentBefore(header("yesterday"), FAILURE));
  }
}
