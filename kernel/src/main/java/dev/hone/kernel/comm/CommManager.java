package dev.hone.kernel.comm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hone.kernel.output.Publisher;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's comms: opens them towards the front end, routes the front end's {@code comm_open},
 * {@code comm_msg} and {@code comm_close} to them, and answers {@code comm_info_request}.
 *
 * <pre>{@code
 * CommManager comms = CommManager.current();
 * Comm comm = comms.open("my.target", data, new JsonObject());
 * comm.onMessage(msg -> System.out.println("front end said " + msg));
 * }</pre>
 *
 * <p>A {@code comm_open} from the front end for a target nobody registered is answered with a
 * {@code comm_close}, as the protocol asks, so the front end does not wait on it.
 */
public final class CommManager {

  private static volatile CommManager current;

  private final Publisher publisher;
  private final Map<String, CommTarget> targets = new ConcurrentHashMap<>();
  private final Map<String, Comm> comms = new ConcurrentHashMap<>();

  /** Creates the comms of a kernel that publishes through {@code publisher}. */
  public CommManager(Publisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /** Makes this the manager that {@link #current()} returns; the kernel calls it at startup. */
  public void install() {
    current = this;
  }

  /**
   * Returns the running kernel's comms.
   *
   * @throws IllegalStateException outside the Hone kernel (plain JShell, a unit test)
   */
  public static CommManager current() {
    CommManager manager = current;
    if (manager == null) {
      throw new IllegalStateException(
          "comms and widgets need a front end: run this in the Hone Jupyter kernel, not plain JShell");
    }
    return manager;
  }

  /** Accepts comms that the front end opens for {@code targetName}. */
  public void registerTarget(String targetName, CommTarget target) {
    targets.put(Objects.requireNonNull(targetName, "targetName"), Objects.requireNonNull(target, "target"));
  }

  /**
   * Opens a comm towards the front end.
   *
   * @param targetName the front end's target, e.g. {@code jupyter.widget}
   * @param data the {@code data} of the {@code comm_open} message
   * @param metadata its {@code metadata}
   * @return the open comm
   */
  public Comm open(String targetName, JsonObject data, JsonObject metadata) {
    Comm comm = new Comm(this, UUID.randomUUID().toString().replace("-", ""), targetName);
    comms.put(comm.id(), comm);
    JsonObject content = comm.content(data);
    content.addProperty("target_name", targetName);
    publisher.publish(publisher.parent(), "comm_open", withMetadata(content, metadata));
    return comm;
  }

  /** Returns the comm with this id, or null. */
  public Comm get(String commId) {
    return comms.get(commId);
  }

  /** Returns the id of the request whose output is being produced (a cell or a comm message). */
  public String parentMessageId() {
    JsonElement id = publisher.parent().get("msg_id");
    return id == null || id.isJsonNull() ? "" : id.getAsString();
  }

  /**
   * Handles a {@code comm_open}, {@code comm_msg} or {@code comm_close} from the front end. The
   * kernel calls this on the cell thread with the message as the publisher's parent.
   *
   * @param type the message type
   * @param content the message content
   */
  public void receive(String type, JsonObject content) {
    String id = string(content, "comm_id");
    JsonObject data = content.has("data") && content.get("data").isJsonObject()
        ? content.getAsJsonObject("data") : new JsonObject();
    switch (type) {
      case "comm_open" -> {
        String targetName = string(content, "target_name");
        CommTarget target = targets.get(targetName);
        if (target == null) {
          JsonObject close = new JsonObject();
          close.addProperty("comm_id", id);
          close.add("data", new JsonObject());
          publisher.publish("comm_close", close);
          return;
        }
        Comm comm = new Comm(this, id, targetName);
        comms.put(id, comm);
        target.opened(comm, data);
      }
      case "comm_msg" -> {
        Comm comm = comms.get(id);
        if (comm != null) {
          comm.received(data);
        }
      }
      case "comm_close" -> {
        Comm comm = comms.remove(id);
        if (comm != null) {
          comm.closedByFrontEnd();
        }
      }
      default -> throw new IllegalArgumentException("not a comm message: " + type);
    }
  }

  /**
   * Returns the content of a {@code comm_info_reply}: the open comms, those of one target when
   * {@code targetName} is given.
   */
  public JsonObject info(String targetName) {
    JsonObject list = new JsonObject();
    comms.values().stream()
        .filter(c -> targetName == null || targetName.isEmpty() || c.target().equals(targetName))
        .forEach(c -> {
          JsonObject entry = new JsonObject();
          entry.addProperty("target_name", c.target());
          list.add(c.id(), entry);
        });
    JsonObject content = new JsonObject();
    content.addProperty("status", "ok");
    content.add("comms", list);
    return content;
  }

  void publish(String type, JsonObject content) {
    publisher.publish(type, content);
  }

  void forget(Comm comm) {
    comms.remove(comm.id());
  }

  private static JsonObject withMetadata(JsonObject content, JsonObject metadata) {
    content.add("metadata", metadata == null ? new JsonObject() : metadata);
    return content;
  }

  private static String string(JsonObject content, String key) {
    JsonElement value = content.get(key);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }
}
