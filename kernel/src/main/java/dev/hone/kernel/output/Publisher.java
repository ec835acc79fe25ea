package dev.hone.kernel.output;

import com.google.gson.JsonObject;
import dev.hone.kernel.protocol.Channel;
import dev.hone.kernel.protocol.Messages;

/**
 * Publishes on IOPub, on behalf of the request being served.
 *
 * <p>Output from a cell (prints, displays, training progress) is sent with the header of the
 * execute request that ran it as parent, so the notebook puts it under the right cell. Output from
 * threads the cell started goes to the last cell that ran.
 */
public final class Publisher {

  private final Channel iopub;
  private final Messages messages;
  private volatile JsonObject parent = new JsonObject();

  public Publisher(Channel iopub, Messages messages) {
    this.iopub = iopub;
    this.messages = messages;
  }

  /** Sets the request whose output is being produced. */
  public void setParent(JsonObject parentHeader) {
    this.parent = parentHeader;
  }

  /** Returns the request whose output is being produced. */
  public JsonObject parent() {
    return parent;
  }

  /** Publishes a message of {@code type} with the current parent. */
  public void publish(String type, JsonObject content) {
    publish(parent, type, content);
  }

  /** Publishes a message of {@code type} with a given parent. */
  public void publish(JsonObject parentHeader, String type, JsonObject content) {
    iopub.send(messages.broadcast(parentHeader, type, content));
  }

  /** Publishes the kernel's execution state: busy, idle or starting. */
  public void status(JsonObject parentHeader, String state) {
    JsonObject content = new JsonObject();
    content.addProperty("execution_state", state);
    publish(parentHeader, "status", content);
  }
}
