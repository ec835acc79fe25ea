package dev.hone.kernel.output;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cells' {@code System.out} or {@code System.err}: collects bytes and sends them as {@code
 * stream} messages.
 *
 * <p>Sending every {@code println} as its own message would flood the notebook (a loop printing
 * 10,000 lines would make 10,000 messages), so text is batched: the kernel calls {@link
 * #sendPending()} every few tens of milliseconds, before anything is displayed, and at the end of a
 * cell. A large buffer is sent at once.
 */
public final class StreamForwarder extends OutputStream {

  private static final int SEND_AT_BYTES = 64 * 1024;

  private final String name;
  private final Publisher publisher;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /**
   * @param name {@code stdout} or {@code stderr}
   * @param publisher where stream messages go
   */
  public StreamForwarder(String name, Publisher publisher) {
    this.name = name;
    this.publisher = publisher;
  }

  @Override
  public void write(int b) {
    boolean full;
    synchronized (this) {
      pending.write(b);
      full = pending.size() >= SEND_AT_BYTES;
    }
    if (full) {
      sendPending();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    boolean full;
    synchronized (this) {
      pending.write(b, off, len);
      full = pending.size() >= SEND_AT_BYTES;
    }
    if (full) {
      sendPending();
    }
  }

  /** Sends what has been written since the last send, if anything. */
  public void sendPending() {
    String text;
    synchronized (this) {
      if (pending.size() == 0) {
        return;
      }
      text = pending.toString(StandardCharsets.UTF_8);
      pending.reset();
    }
    JsonObject content = new JsonObject();
    content.addProperty("name", name);
    content.addProperty("text", text);
    publisher.publish("stream", content);
  }
}
