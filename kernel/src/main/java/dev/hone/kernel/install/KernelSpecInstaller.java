package dev.hone.kernel.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the kernelspec that makes Jupyter list the Hone kernel: {@code kernels/hone/kernel.json}
 * in the user's Jupyter data folder or under a prefix.
 *
 * <p>The spec runs {@code bin/hone-kernel} from the kernel's home (the {@code kernel/} folder of a
 * built checkout), because kernel.json cannot expand variables: the launcher reads {@code
 * HONE_KERNEL_JVM_OPTS} and {@code HONE_KERNEL_CLASSPATH}. Interrupts go by message, which needs
 * no signal to reach the JVM through the launcher; SIGINT works as well.
 *
 * <pre>{@code
 * kernel/install.sh --user            # ~/.local/share/jupyter/kernels/hone
 * kernel/install.sh --prefix /opt/jy  # /opt/jy/share/jupyter/kernels/hone
 * }</pre>
 */
public final class KernelSpecInstaller {

  /** The kernel's name in Jupyter ({@code --kernel_name=hone}). */
  public static final String NAME = "hone";

  private KernelSpecInstaller() {}

  /**
   * Installs from the command line: {@code --home DIR [--user | --prefix DIR] [--name NAME]}.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    Path home = null;
    Path prefix = null;
    String name = NAME;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--home" -> home = Path.of(args[++i]);
        case "--prefix" -> prefix = Path.of(args[++i]);
        case "--user" -> prefix = null;
        case "--name" -> name = args[++i];
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + "; use --user or --prefix DIR");
      }
    }
    if (home == null) {
      throw new IllegalArgumentException("--home DIR (the kernel/ folder of a built checkout) is required");
    }
    Path kernels = prefix == null ? userKernels() : prefix.resolve("share/jupyter/kernels");
    Path home0 = home.toAbsolutePath().normalize();
    if (!Files.isRegularFile(home0.resolve("target/hone-kernel.jar"))) {
      throw new IllegalArgumentException(
          home0.resolve("target/hone-kernel.jar") + " does not exist; build first: mvn -q -B -DskipTests package");
    }
    Path dir = install(home0, kernels.resolve(name), java.util.Map.of());
    System.out.println("Installed the Hone kernel '" + name + "' in " + dir);
  }

  /**
   * Writes the kernelspec folder.
   *
   * @param home the kernel's home, holding {@code bin/hone-kernel} and {@code target/}
   * @param dir the kernelspec folder to write, e.g. {@code .../kernels/hone}
   * @param extraEnv more environment for the kernel, e.g. {@code HONE_KERNEL_CLASSPATH} when the
   *     kernel runs from a build's class folders (the tests do)
   * @return {@code dir}
   */
  public static Path install(Path home, Path dir, java.util.Map<String, String> extraEnv) {
    Path launcher = home.resolve("bin/hone-kernel");
    if (!Files.isRegularFile(launcher)) {
      throw new IllegalArgumentException(launcher + " does not exist; --home must be the kernel/ folder");
    }
    JsonArray argv = new JsonArray();
    argv.add(launcher.toString());
    argv.add("{connection_file}");
    JsonObject env = new JsonObject();
    env.addProperty("HONE_KERNEL_HOME", home.toString());
    extraEnv.forEach(env::addProperty);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("debugger", false);
    JsonObject spec = new JsonObject();
    spec.add("argv", argv);
    spec.addProperty("display_name", "Java (Hone)");
    spec.addProperty("language", "java");
    spec.addProperty("interrupt_mode", "message");
    spec.add("env", env);
    spec.add("metadata", metadata);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("kernel.json"), new GsonBuilder().setPrettyPrinting().create().toJson(spec) + "\n");
      launcher.toFile().setExecutable(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kernelspec in " + dir, e);
    }
    return dir;
  }

  /** Returns the user's Jupyter kernels folder, as Jupyter computes it. */
  static Path userKernels() {
    String dataDir = System.getenv("JUPYTER_DATA_DIR");
    if (dataDir != null && !dataDir.isBlank()) {
      return Path.of(dataDir, "kernels");
    }
    Path home = Path.of(System.getProperty("user.home"));
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
      return home.resolve("Library/Jupyter/kernels");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path data = xdg == null || xdg.isBlank() ? home.resolve(".local/share") : Path.of(xdg);
    return data.resolve("jupyter/kernels");
  }
}
