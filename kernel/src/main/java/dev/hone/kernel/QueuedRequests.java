package dev.hone.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Decides which waiting requests a failed cell cancels. */
final class QueuedRequests {

  private QueuedRequests() {}

  /**
   * Returns whether a request was sent before {@code moment}, by its header's {@code date}
   * (ISO 8601, as every Jupyter client writes it; a date without an offset is UTC, as the
   * protocol says). A request without a readable date was already waiting, so it counts as sent
   * before.
   *
   * @param header the request's header
   * @param moment the kernel's time of the failure
   * @return true to cancel the request
   */
  static boolean sentBefore(JsonObject header, Instant moment) {
    JsonElement date = header.get("date");
    if (date == null || !date.isJsonPrimitive()) {
      return true;
    }
    String text = date.getAsString();
    Instant sent;
    try {
      sent = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        sent = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException withoutOffset) {
        return true;
      }
    }
    return sent.isBefore(moment);
  }
}
