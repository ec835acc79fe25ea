package dev.hone.kernel.input;

import com.google.gson.JsonObject;
import dev.hone.kernel.KernelLog;
import dev.hone.kernel.protocol.Channel;
import dev.hone.kernel.protocol.Messages;
import dev.hone.kernel.protocol.WireMessage;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the notebook for a line of input: sends {@code input_request} on the stdin socket to the
 * client of the running cell and waits for its {@code input_reply}.
 *
 * <pre>{@code
 * String name = input.readLine("Your name: ", false);   // the notebook shows a text box
 * }</pre>
 *
 * <p>The kernel tells it which request is running ({@link #beginCell}); a read outside a cell, or
 * in a cell whose client sent {@code allow_stdin: false}, fails with a {@link NoInputException}
 * that says so. While it waits, an interrupt (the stop button) ends the wait.
 */
public final class FrontendInput {

  private static volatile FrontendInput installed;

  private final Channel stdin;
  private final Messages messages;
  private final Runnable flushOutput;
  private volatile Request current;
  private volatile long cells;

  /** The execute request that is running: who to ask, and whether it may be asked. */
  private record Request(List<byte[]> identities, JsonObject header, boolean allowStdin) {}

  /**
   * @param stdin the kernel's stdin socket
   * @param messages makes headers with the kernel's session
   * @param flushOutput sends pending stdout, so a prompt printed before reading shows first
   */
  public FrontendInput(Channel stdin, Messages messages, Runnable flushOutput) {
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.flushOutput = Objects.requireNonNull(flushOutput, "flushOutput");
  }

  /** Makes this the input that {@code System.in} and {@code Notebook.input} use. */
  public void install() {
    installed = this;
    System.setIn(new CellStdin(this));
  }

  /** Returns the installed input, for {@code Notebook.input}. */
  public static FrontendInput installed() {
    FrontendInput input = installed;
    if (input == null) {
      throw new NoInputException("input needs the Hone kernel; this JVM is not running one");
    }
    return input;
  }

  /** Marks the start of an execute request; reads until {@link #endCell} go to its client. */
  public void beginCell(WireMessage executeRequest) {
    cells++;
    current =
        new Request(
            executeRequest.identities(),
            executeRequest.header(),
            executeRequest.contentBoolean("allow_stdin", false));
  }

  /** Marks the end of the running request. */
  public void endCell() {
    current = null;
  }

  /** Returns a number that changes with every cell, so a line left in a buffer can be dropped. */
  long cellNumber() {
    return cells;
  }

  /**
   * Asks the client for one line.
   *
   * @param prompt shown before the text box; may be empty
   * @param password whether the client should hide what is typed
   * @return the line typed, without a line end
   * @throws NoInputException if the client does not take input, or no cell is running
   * @throws InterruptedIOException if the cell was interrupted while waiting
   */
  public synchronized String readLine(String prompt, boolean password) throws InterruptedIOException {
    Request request = current;
    if (request == null) {
      throw new NoInputException("no cell is running, so nobody can be asked for input");
    }
    if (!request.allowStdin()) {
      throw new NoInputException(
          "this cell cannot read input: its client sent allow_stdin=false (nbconvert and other batch "
              + "runs answer no prompts); run it in a notebook or console, or set the value in code");
    }
    flushOutput.run();
    JsonObject content = new JsonObject();
    content.addProperty("prompt", prompt == null ? "" : prompt);
    content.addProperty("password", password);
    stdin.send(
        new WireMessage(
            request.identities(), messages.header("input_request"), request.header(), new JsonObject(), content, List.of()));
    while (true) {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("the cell was interrupted while waiting for input");
      }
      Optional<WireMessage> reply = stdin.receive(100);
      if (reply.isEmpty()) {
        continue;
      }
      if (!reply.get().type().equals("input_reply")) {
        KernelLog.warn("ignored a " + reply.get().type() + " on stdin while waiting for input_reply");
        continue;
      }
      return reply.get().contentString("value", "");
    }
  }
}
