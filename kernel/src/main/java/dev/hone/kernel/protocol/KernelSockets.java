package dev.hone.kernel.protocol;

import dev.hone.kernel.KernelLog;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The five sockets of a Jupyter kernel, bound exactly where the connection file says.
 *
 * <p>The connection file is parsed by jjava-jupyter's {@link KernelConnectionProperties}. We bind
 * our own sockets rather than use jjava's {@code JupyterConnection} because its shell loop runs a
 * cell on the socket thread (so nothing can interrupt it) and its signature check throws out of
 * the loop instead of dropping the message.
 */
public final class KernelSockets implements AutoCloseable {

  private final ZContext context = new ZContext();
  private final Channel shell;
  private final Channel control;
  private final Channel stdin;
  private final Channel iopub;
  private final Thread heartbeat;

  /** Binds every socket of {@code connection}; signing uses its key. */
  public KernelSockets(KernelConnectionProperties connection) {
    WireCodec codec = new WireCodec(MessageSigner.of(connection));
    shell = bind("shell", SocketType.ROUTER, connection, connection.getShellPort(), codec);
    control = bind("control", SocketType.ROUTER, connection, connection.getControlPort(), codec);
    stdin = bind("stdin", SocketType.ROUTER, connection, connection.getStdinPort(), codec);
    iopub = bind("iopub", SocketType.PUB, connection, connection.getIopubPort(), codec);
    ZMQ.Socket hb = context.createSocket(SocketType.REP);
    hb.bind(address(connection, connection.getHbPort()));
    heartbeat = new Thread(() -> echo(hb), "hone-heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
  }

  private Channel bind(
      String name, SocketType type, KernelConnectionProperties c, int port, WireCodec codec) {
    ZMQ.Socket socket = context.createSocket(type);
    socket.setLinger(1000);
    String address = address(c, port);
    socket.bind(address);
    KernelLog.info(name + " bound to " + address);
    return new Channel(name, socket, codec);
  }

  private static String address(KernelConnectionProperties c, int port) {
    if ("ipc".equals(c.getTransport())) {
      return "ipc://" + c.getIp() + "-" + port;
    }
    return c.getTransport() + "://" + c.getIp() + ":" + port;
  }

  // The heartbeat is a plain echo; it runs on its own thread so a busy cell never looks dead.
  private void echo(ZMQ.Socket hb) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        byte[] ping = hb.recv();
        if (ping == null) {
          return;
        }
        hb.send(ping);
      }
    } catch (RuntimeException e) {
      // The context was closed at shutdown.
    }
  }

  public Channel shell() {
    return shell;
  }

  public Channel control() {
    return control;
  }

  public Channel stdin() {
    return stdin;
  }

  public Channel iopub() {
    return iopub;
  }

  @Override
  public void close() {
    context.close();
  }
}
