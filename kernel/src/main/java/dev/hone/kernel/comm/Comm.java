package dev.hone.kernel.comm;

import com.google.gson.JsonObject;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One open comm: messages to the front end go out with {@link #send}, messages from it arrive at
 * the handler set with {@link #onMessage}.
 *
 * <p>Handlers run on the kernel's cell thread, one message at a time and never during a cell, so
 * they see the notebook's variables in a consistent state; their output goes to the front end as
 * output of the comm message.
 */
public final class Comm {

  private final CommManager manager;
  private final String id;
  private final String target;
  private volatile Consumer<JsonObject> onMessage = data -> {};
  private volatile Runnable onClose = () -> {};
  private volatile boolean open = true;

  Comm(CommManager manager, String id, String target) {
    this.manager = manager;
    this.id = id;
    this.target = target;
  }

  /** Returns the comm's id, shared with the front end. */
  public String id() {
    return id;
  }

  /** Returns the target name the comm was opened for. */
  public String target() {
    return target;
  }

  /** Returns whether neither side has closed the comm. */
  public boolean isOpen() {
    return open;
  }

  /**
   * Sends {@code data} to the front end's end of this comm.
   *
   * @throws IllegalStateException if the comm is closed
   */
  public void send(JsonObject data) {
    if (!open) {
      throw new IllegalStateException("comm " + id + " (" + target + ") is closed; open a new one");
    }
    manager.publish("comm_msg", content(data));
  }

  /** Closes the comm on both sides; closing twice does nothing. */
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    manager.forget(this);
    manager.publish("comm_close", content(new JsonObject()));
    onClose.run();
  }

  /** Sets what handles the {@code data} of messages from the front end. */
  public void onMessage(Consumer<JsonObject> handler) {
    this.onMessage = Objects.requireNonNull(handler, "handler");
  }

  /** Sets what runs when either side closes the comm. */
  public void onClose(Runnable handler) {
    this.onClose = Objects.requireNonNull(handler, "handler");
  }

  void received(JsonObject data) {
    onMessage.accept(data);
  }

  void closedByFrontEnd() {
    open = false;
    onClose.run();
  }

  JsonObject content(JsonObject data) {
    JsonObject content = new JsonObject();
    content.addProperty("comm_id", id);
    content.add("data", data);
    return content;
  }
}
