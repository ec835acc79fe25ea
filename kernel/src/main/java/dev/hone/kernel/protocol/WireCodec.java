package dev.hone.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns the frames of a ZeroMQ multipart message into a {@link WireMessage} and back, checking the
 * signature on the way in.
 *
 * <p>The wire format: identities, the delimiter {@code <IDS|MSG>}, the hex HMAC, then header,
 * parent header, metadata and content as UTF-8 JSON, then optional buffers. The signature covers
 * the four JSON frames exactly as received, so it is checked before any parsing.
 */
public final class WireCodec {

  static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final MessageSigner signer;

  /** Returns a codec that signs and checks with {@code signer}. */
  public WireCodec(MessageSigner signer) {
    this.signer = signer;
  }

  /** Why an incoming message was refused; {@code decode} reports it to the caller's log. */
  public enum Refusal {
    /** No delimiter or fewer than four JSON frames. */
    MALFORMED,
    /** The signature is missing or does not match the key. */
    BAD_SIGNATURE,
    /** The JSON frames do not parse as objects. */
    BAD_JSON
  }

  /** The outcome of decoding: a message, or why there is none. */
  public record Decoded(Optional<WireMessage> message, Optional<Refusal> refusal) {

    static Decoded of(WireMessage message) {
      return new Decoded(Optional.of(message), Optional.empty());
    }

    static Decoded refused(Refusal why) {
      return new Decoded(Optional.empty(), Optional.of(why));
    }
  }

  /** Decodes received frames; a message with a wrong or missing signature is refused. */
  public Decoded decode(List<byte[]> frames) {
    int delimiter = -1;
    for (int i = 0; i < frames.size(); i++) {
      if (Arrays.equals(DELIMITER, frames.get(i))) {
        delimiter = i;
        break;
      }
    }
    if (delimiter < 0 || frames.size() < delimiter + 6) {
      return Decoded.refused(Refusal.MALFORMED);
    }
    String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
    byte[] header = frames.get(delimiter + 2);
    byte[] parent = frames.get(delimiter + 3);
    byte[] metadata = frames.get(delimiter + 4);
    byte[] content = frames.get(delimiter + 5);
    if (!signer.verify(signature, header, parent, metadata, content)) {
      return Decoded.refused(Refusal.BAD_SIGNATURE);
    }
    try {
      return Decoded.of(
          new WireMessage(
              frames.subList(0, delimiter),
              parse(header),
              parse(parent),
              parse(metadata),
              parse(content),
              frames.subList(delimiter + 6, frames.size())));
    } catch (JsonParseException | IllegalStateException e) {
      return Decoded.refused(Refusal.BAD_JSON);
    }
  }

  /** Encodes a message into signed frames, ready to send in order. */
  public List<byte[]> encode(WireMessage message) {
    byte[] header = json(message.header());
    byte[] parent = json(message.parentHeader());
    byte[] metadata = json(message.metadata());
    byte[] content = json(message.content());
    List<byte[]> frames = new ArrayList<>(message.identities());
    frames.add(DELIMITER);
    frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
    frames.add(header);
    frames.add(parent);
    frames.add(metadata);
    frames.add(content);
    frames.addAll(message.buffers());
    return frames;
  }

  private static JsonObject parse(byte[] frame) {
    String text = new String(frame, StandardCharsets.UTF_8);
    return text.isBlank() ? new JsonObject() : JsonParser.parseString(text).getAsJsonObject();
  }

  private static byte[] json(JsonObject object) {
    return GSON.toJson(object).getBytes(StandardCharsets.UTF_8);
  }
}
