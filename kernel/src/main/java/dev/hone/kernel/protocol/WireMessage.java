package dev.hone.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One Jupyter message as it travels on a socket: routing identities, the four JSON parts and any
 * binary buffers.
 *
 * <p>The JSON parts are Gson trees; nobody modifies them after the message is built, so a message
 * can be handed between the socket threads and the cell thread.
 *
 * @param identities ZeroMQ routing prefixes (the client's identity on ROUTER sockets, a topic on
 *     IOPub)
 * @param header this message's header: msg_id, session, username, date, msg_type, version
 * @param parentHeader the header of the request this message answers, or an empty object
 * @param metadata free-form metadata, often empty
 * @param content the message body, whose shape depends on {@code msg_type}
 * @param buffers extra binary frames, usually none
 */
public record WireMessage(
    List<byte[]> identities,
    JsonObject header,
    JsonObject parentHeader,
    JsonObject metadata,
    JsonObject content,
    List<byte[]> buffers) {

  public WireMessage {
    identities = List.copyOf(identities);
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(parentHeader, "parentHeader");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(content, "content");
    buffers = List.copyOf(buffers);
  }

  /** Returns the message type from the header, e.g. {@code execute_request}. */
  public String type() {
    return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
  }

  /** Returns the message id from the header. */
  public String id() {
    return header.has("msg_id") ? header.get("msg_id").getAsString() : "";
  }

  /** Returns a string field of the content, or {@code fallback} when it is absent or null. */
  public String contentString(String field, String fallback) {
    var value = content.get(field);
    return value == null || value.isJsonNull() ? fallback : value.getAsString();
  }

  /** Returns a boolean field of the content, or {@code fallback} when it is absent or null. */
  public boolean contentBoolean(String field, boolean fallback) {
    var value = content.get(field);
    return value == null || value.isJsonNull() ? fallback : value.getAsBoolean();
  }

  /** Returns an int field of the content, or {@code fallback} when it is absent or null. */
  public int contentInt(String field, int fallback) {
    var value = content.get(field);
    return value == null || value.isJsonNull() ? fallback : value.getAsInt();
  }
}
