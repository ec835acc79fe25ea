package dev.hone.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

/**
 * Signs and checks messages with the connection file's key (HMAC-SHA256 in practice).
 *
 * <p>The digest itself comes from jjava-jupyter's {@link HMACGenerator}. The check is ours:
 * jjava's socket compares signatures with {@code String.equals} (timing leaks the signature) and
 * throws out of its channel loop on a mismatch, while a kernel should drop the message, log it
 * and keep serving. An empty key means the connection file asked for no authentication, which
 * Jupyter allows; then every signature is accepted.
 */
public final class MessageSigner {

  private final HMACGenerator generator;
  private final boolean authenticated;

  private MessageSigner(HMACGenerator generator, boolean authenticated) {
    this.generator = generator;
    this.authenticated = authenticated;
  }

  /**
   * Returns a signer for a connection file's scheme and key.
   *
   * @param scheme the signature scheme, e.g. {@code hmac-sha256}
   * @param key the shared key; empty for no authentication
   * @return the signer
   * @throws IllegalArgumentException if the scheme is not an HMAC the JDK knows
   */
  public static MessageSigner of(String scheme, String key) {
    if (key == null || key.isEmpty()) {
      return new MessageSigner(HMACGenerator.NO_AUTH_INSTANCE, false);
    }
    try {
      return new MessageSigner(new HMACGenerator(scheme, key), true);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "signature_scheme '" + scheme + "' is not supported; use hmac-sha256", e);
    }
  }

  /** Returns a signer for a parsed connection file. */
  public static MessageSigner of(KernelConnectionProperties connection) {
    return of(connection.getSignatureScheme(), connection.getKey());
  }

  /** Returns whether messages are signed at all (the key is not empty). */
  public boolean authenticated() {
    return authenticated;
  }

  /**
   * Returns the hex signature of header, parent header, metadata and content, in that order; an
   * empty string without a key.
   */
  public String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
    if (!authenticated) {
      return "";
    }
    return generator.calculateSignature(header, parent, metadata, content);
  }

  /** Returns whether {@code signature} is the right one for the four parts, in constant time. */
  public boolean verify(
      String signature, byte[] header, byte[] parent, byte[] metadata, byte[] content) {
    if (!authenticated) {
      return true;
    }
    if (signature == null || signature.isEmpty()) {
      return false;
    }
    byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = signature.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual);
  }
}
