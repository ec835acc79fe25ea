package dev.hone.kernel;

import dev.hone.kernel.install.KernelSpecInstaller;
import dev.hone.kernel.protocol.KernelSockets;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The kernel's entry point: {@code hone-kernel <connection-file>} serves Jupyter,
 * {@code hone-kernel --install [--user | --prefix DIR]} writes the kernelspec, {@code hone-kernel
 * --warm-up} runs a few cells and exits (install.sh records the class archive with it).
 */
public final class HoneKernel {

  private HoneKernel() {}

  /**
   * Runs the kernel or the installer.
   *
   * @param args {@code [-f] connection-file}, or {@code --install ...}
   * @throws IOException if the connection file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--install")) {
      KernelSpecInstaller.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length == 1 && args[0].equals("--warm-up")) {
      // Run by kernel/install.sh under -XX:ArchiveClassesAtExit to record the class archive.
      System.exit(ClassArchiveWarmUp.run() == 0 ? 0 : 1);
    }
    String file = args.length >= 2 && args[0].equals("-f") ? args[1] : args.length == 1 ? args[0] : null;
    if (file == null) {
      System.err.println("usage: hone-kernel [-f] CONNECTION_FILE | --install [--user | --prefix DIR]");
      System.exit(2);
    }
    KernelConnectionProperties connection =
        KernelConnectionProperties.parse(Files.readString(Path.of(file)));
    KernelSockets sockets = new KernelSockets(connection);
    Kernel kernel = new Kernel(sockets);
    installSigintHandler(kernel);
    ParentWatch.fromEnvironment().ifPresent(watch -> watch.start(HoneKernel::exitOrphaned));
    kernel.start();
    kernel.serve();
  }

  // The client is gone, so nobody can ask for a shutdown. System.exit runs the shutdown hooks (DJL
  // frees its natives); if one of them hangs, the JVM is halted a few seconds later all the same.
  private static void exitOrphaned() {
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(3_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(1);
            },
            "hone-orphan-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(1);
  }

  // Jupyter's default interrupt is SIGINT; without a handler it would end the JVM. The handler is
  // installed through reflection because sun.misc.Signal is an internal API that javac warns about
  // (and this build treats warnings as errors); it is in jdk.unsupported on every current JDK.
  private static void installSigintHandler(Kernel kernel) {
    if (InheritedSignals.restoreInterrupt()) {
      KernelLog.info("SIGINT was ignored by the process that started the kernel; reset to handle it");
    }
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object signal = signalType.getConstructor(String.class).newInstance("INT");
      Object handler =
          Proxy.newProxyInstance(
              handlerType.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "handle" -> {
                      kernel.interrupt();
                      yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "hone-sigint";
                  });
      signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
    } catch (ReflectiveOperationException | RuntimeException e) {
      KernelLog.warn("cannot handle SIGINT here (" + e + "); interrupt by message only");
    }
  }
}
