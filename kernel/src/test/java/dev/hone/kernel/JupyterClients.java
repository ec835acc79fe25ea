package dev.hone.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hone.kernel.install.KernelSpecInstaller;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Jupyter clients from Debian's packages, driving the kernel from an installed kernelspec.
 *
 * <p>Missing packages are installed with apt-get when the tests run as root on Debian (CI starts
 * from a fresh machine); elsewhere the tests fail and name the packages to install. They are never
 * skipped.
 */
final class JupyterClients {

  static final String PYTHON = "/usr/bin/python3";
  private static final List<String> PACKAGES =
      List.of(
          "python3-jupyter-client", "python3-nbclient", "python3-nbformat",
          "python3-jupyter-kernel-test", "jupyter-nbconvert", "python3-zmq");
  private static final String IMPORTS =
      "import jupyter_client, nbclient, nbformat, jupyter_kernel_test, zmq";

  private static Path jupyterPath;

  private JupyterClients() {}

  /** Returns the JUPYTER_PATH folder holding the test's kernelspec, installing it once. */
  static synchronized Path jupyterPath() throws IOException, InterruptedException {
    if (jupyterPath == null) {
      ensurePackages();
      Path root = Files.createTempDirectory("hone-kernelspec");
      Path home = Path.of("").toAbsolutePath();
      String classpath =
          home.resolve("target/classes")
              + File.pathSeparator
              + Files.readString(home.resolve("target/kernel-classpath.txt")).strip();
      KernelSpecInstaller.install(
          home,
          root.resolve("share/jupyter/kernels/" + KernelSpecInstaller.NAME),
          Map.of("HONE_KERNEL_BASE_CLASSPATH", classpath));
      jupyterPath = root.resolve("share/jupyter");
    }
    return jupyterPath;
  }

  /** Runs python with the test kernelspec visible; returns exit code and output. */
  static Result python(Path workingDir, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
    builder.environment().put("JUPYTER_PATH", jupyterPath().toString());
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().put("PYTHONUNBUFFERED", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                output.append(e);
              }
            });
    reader.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      reader.join(5000);
      return new Result(-1, output + "\n(timed out after " + timeoutSeconds + " s)");
    }
    reader.join();
    System.out.println(output);
    return new Result(process.exitValue(), output.toString());
  }

  record Result(int exitCode, String output) {}

  private static void ensurePackages() throws IOException, InterruptedException {
    if (importsWork()) {
      return;
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
      install.addAll(PACKAGES);
      new ProcessBuilder("apt-get", "update").inheritIO().start().waitFor();
      new ProcessBuilder(install).inheritIO().start().waitFor();
      if (importsWork()) {
        return;
      }
    }
    fail(
        "The kernel's integration tests need Jupyter's clients for "
            + PYTHON
            + " ("
            + IMPORTS
            + " failed). Install the Debian packages: sudo apt-get install "
            + String.join(" ", PACKAGES));
  }

  private static boolean importsWork() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    Process check = new ProcessBuilder(PYTHON, "-c", IMPORTS).redirectErrorStream(true).start();
    check.getInputStream().readAllBytes();
    return check.waitFor() == 0;
  }
}
