package dev.hone.kernel.protocol;

import dev.hone.kernel.KernelLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.zeromq.ZMQ;

/**
 * One bound Jupyter socket with its codec: receives checked messages and sends signed ones.
 *
 * <p>ZeroMQ sockets are not thread-safe; {@code send} is synchronized because IOPub is written from
 * the shell thread, the cell thread and the output flusher. Each socket is read by one thread.
 */
public final class Channel {

  private final String name;
  private final ZMQ.Socket socket;
  private final WireCodec codec;

  Channel(String name, ZMQ.Socket socket, WireCodec codec) {
    this.name = name;
    this.socket = socket;
    this.codec = codec;
  }

  /** Returns the channel's name: shell, control, stdin or iopub. */
  public String name() {
    return name;
  }

  /**
   * Waits up to {@code timeoutMs} for a message; a message with a bad signature is dropped and
   * logged, and this returns empty as if nothing came.
   */
  public Optional<WireMessage> receive(int timeoutMs) {
    socket.setReceiveTimeOut(timeoutMs);
    byte[] first = socket.recv();
    if (first == null) {
      return Optional.empty();
    }
    List<byte[]> frames = new ArrayList<>();
    frames.add(first);
    while (socket.hasReceiveMore()) {
      frames.add(socket.recv());
    }
    WireCodec.Decoded decoded = codec.decode(frames);
    decoded
        .refusal()
        .ifPresent(why -> KernelLog.warn("dropped a message on " + name + ": " + why));
    return decoded.message();
  }

  /**
   * Sends a message, signed.
   *
   * <p>A cell's thread may send with its interrupt flag set (the stop button interrupts it, and
   * training then reports its end). JeroMQ fails such a send with EINTR, which would lose the
   * cell's last output and turn a clean stop into an exception; so the flag is cleared for the
   * send and set again afterwards.
   */
  public synchronized void send(WireMessage message) {
    List<byte[]> frames = codec.encode(message);
    boolean interrupted = Thread.interrupted();
    try {
      for (int i = 0; i < frames.size(); i++) {
        boolean more = i < frames.size() - 1;
        socket.send(frames.get(i), more ? ZMQ.SNDMORE : 0);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  ZMQ.Socket socket() {
    return socket;
  }
}
