package dev.hone.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

  private final WireCodec codec = new WireCodec(MessageSigner.of("hmac-sha256", "secret"));
  private final Messages messages = new Messages();

  private List<byte[]> frames() {
    JsonObject content = new JsonObject();
    content.addProperty("code", "1 + 1");
    WireMessage message =
        new WireMessage(
            List.of("client".getBytes(StandardCharsets.UTF_8)),
            messages.header("execute_request"),
            new JsonObject(),
            new JsonObject(),
            content,
            List.of());
    return new ArrayList<>(codec.encode(message));
  }

  @Test
  void a_signed_message_decodes_to_what_was_sent() {
    WireMessage decoded = codec.decode(frames()).message().orElseThrow();
    assertEquals("execute_request", decoded.type());
    assertEquals("1 + 1", decoded.contentString("code", ""));
    assertEquals("client", new String(decoded.identities().get(0), StandardCharsets.UTF_8));
  }

  @Test
  void a_message_with_a_changed_content_is_refused() {
    List<byte[]> frames = frames();
    frames.set(frames.size() - 1, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(WireCodec.Refusal.BAD_SIGNATURE, codec.decode(frames).refusal().orElseThrow());
  }

  @Test
  void a_message_signed_with_another_key_is_refused() {
    List<byte[]> frames = new WireCodec(MessageSigner.of("hmac-sha256", "other")).encode(
        codec.decode(frames()).message().orElseThrow());
    assertTrue(codec.decode(frames).message().isEmpty());
  }

  @Test
  void a_message_without_a_signature_is_refused() {
    List<byte[]> frames = frames();
    frames.set(2, new byte[0]);
    assertEquals(WireCodec.Refusal.BAD_SIGNATURE, codec.decode(frames).refusal().orElseThrow());
  }

  @Test
  void frames_without_the_delimiter_are_malformed() {
    assertEquals(
        WireCodec.Refusal.MALFORMED,
        codec.decode(List.of("x".getBytes(StandardCharsets.UTF_8))).refusal().orElseThrow());
  }

  @Test
  void without_a_key_every_message_is_accepted() {
    WireCodec open = new WireCodec(MessageSigner.of("hmac-sha256", ""));
    List<byte[]> frames = frames();
    frames.set(2, new byte[0]);
    assertTrue(open.decode(frames).message().isPresent());
  }
}
