package dev.hone.kernel.output;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.hone.kernel.display.DisplaySink;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything a cell shows: its standard output and error, and displays, in the order they happen.
 *
 * <p>Installs itself as {@code System.out} and {@code System.err} (cells run in the kernel's JVM,
 * so there is no other way to capture {@code println}), and sends pending text before each display
 * so a print followed by a chart shows in that order.
 */
public final class CellOutput implements DisplaySink {

  private static final long SEND_EVERY_MS = 50;

  private final Publisher publisher;
  private final StreamForwarder out;
  private final StreamForwarder err;
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hone-output");
            t.setDaemon(true);
            return t;
          });

  public CellOutput(Publisher publisher) {
    this.publisher = publisher;
    this.out = new StreamForwarder("stdout", publisher);
    this.err = new StreamForwarder("stderr", publisher);
  }

  /** Points {@code System.out} and {@code System.err} here and starts the periodic sender. */
  public void install() {
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    sender.scheduleWithFixedDelay(this::sendPending, SEND_EVERY_MS, SEND_EVERY_MS, TimeUnit.MILLISECONDS);
  }

  /** Sends any text written but not yet sent. */
  public void sendPending() {
    System.out.flush();
    System.err.flush();
    out.sendPending();
    err.sendPending();
  }

  @Override
  public void flush() {
    sendPending();
  }

  @Override
  public void display(Map<String, String> data, String displayId) {
    sendPending();
    publisher.publish("display_data", displayContent(data, displayId));
  }

  @Override
  public void update(Map<String, String> data, String displayId) {
    publisher.publish("update_display_data", displayContent(data, displayId));
  }

  @Override
  public void clear(boolean wait) {
    sendPending();
    JsonObject content = new JsonObject();
    content.addProperty("wait", wait);
    publisher.publish("clear_output", content);
  }

  /** Returns display content: data, metadata and the transient display id. */
  public static JsonObject displayContent(Map<String, String> data, String displayId) {
    JsonObject content = new JsonObject();
    content.add("data", mimeData(data));
    content.add("metadata", new JsonObject());
    JsonObject transientPart = new JsonObject();
    if (displayId != null) {
      transientPart.addProperty("display_id", displayId);
    }
    content.add("transient", transientPart);
    return content;
  }

  /**
   * Returns a MIME bundle as a JSON object. JSON types ({@code application/json}, {@code ...+json},
   * such as a widget view) go as JSON values, as front ends expect, not as strings.
   */
  public static JsonObject mimeData(Map<String, String> data) {
    JsonObject json = new JsonObject();
    data.forEach(
        (mime, value) -> {
          if (mime.endsWith("+json") || mime.equals("application/json")) {
            try {
              json.add(mime, JsonParser.parseString(value));
              return;
            } catch (JsonParseException e) {
              // not JSON after all: send the text as it is
            }
          }
          json.addProperty(mime, value);
        });
    return json;
  }
}
