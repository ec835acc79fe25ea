package dev.hone.kernel.protocol;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Makes the headers of the messages the kernel sends.
 *
 * <p>Every message from one kernel process carries the same session id; replies keep the
 * request's identities so the ROUTER socket sends them back to the client that asked.
 */
public final class Messages {

  /** The messaging protocol version this kernel speaks. */
  public static final String PROTOCOL_VERSION = "5.3";

  private final String session = UUID.randomUUID().toString();

  /** Returns this kernel process's session id. */
  public String session() {
    return session;
  }

  /** Returns a new header for a message of {@code type}. */
  public JsonObject header(String type) {
    JsonObject header = new JsonObject();
    header.addProperty("msg_id", UUID.randomUUID().toString());
    header.addProperty("username", "hone");
    header.addProperty("session", session);
    header.addProperty("date", Instant.now().toString());
    header.addProperty("msg_type", type);
    header.addProperty("version", PROTOCOL_VERSION);
    return header;
  }

  /** Returns the reply of {@code type} to {@code request}, to the same client. */
  public WireMessage reply(WireMessage request, String type, JsonObject content) {
    return new WireMessage(
        request.identities(), header(type), request.header(), new JsonObject(), content, List.of());
  }

  /** Returns an IOPub message of {@code type} caused by the request whose header is given. */
  public WireMessage broadcast(JsonObject parentHeader, String type, JsonObject content) {
    byte[] topic = ("kernel." + session + "." + type).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new WireMessage(
        List.of(topic), header(type), parentHeader, new JsonObject(), content, List.of());
  }
}
