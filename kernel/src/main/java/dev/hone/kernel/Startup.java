package dev.hone.kernel;

import dev.hone.kernel.eval.CellEvaluator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the startup scripts: the built-in imports, then the user's own script.
 *
 * <p>The user's script is {@code $HONE_KERNEL_STARTUP} when set, else {@code
 * ~/.hone/startup.jsh} when it exists. It runs like a cell after the imports, so it can add
 * imports, helper methods, or renderers ({@code Renderers.register(...)}). Errors in it are
 * logged to the kernel's console and do not stop the kernel.
 */
final class Startup {

  static final String ENV = "HONE_KERNEL_STARTUP";

  private Startup() {}

  static void run(CellEvaluator evaluator) {
    runBuiltIn(evaluator);
    userScript()
        .ifPresent(
            path -> {
              try {
                evaluator.runStartup(path.toString(), Files.readString(path));
                KernelLog.info("startup: ran " + path);
              } catch (IOException e) {
                KernelLog.warn("startup: cannot read " + path + ": " + e.getMessage());
              }
            });
  }

  /** Runs the built-in imports only (the class-archive warm-up leaves the user's script out). */
  static void runBuiltIn(CellEvaluator evaluator) {
    for (String line : builtIn().lines().toList()) {
      String code = line.strip();
      if (code.isEmpty() || code.startsWith("//")) {
        continue;
      }
      evaluator
          .run(code, "startup", 1)
          .error()
          .ifPresent(e -> KernelLog.warn("startup: '" + code + "' failed: " + e.evalue()));
    }
  }

  static String builtIn() {
    try (InputStream in = Startup.class.getResourceAsStream("startup.jsh")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("the kernel jar lacks dev/hone/kernel/startup.jsh", e);
    }
  }

  static java.util.Optional<Path> userScript() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return java.util.Optional.of(Path.of(env));
    }
    Path home = Path.of(System.getProperty("user.home"), ".hone", "startup.jsh");
    return Files.isReadable(home) ? java.util.Optional.of(home) : java.util.Optional.empty();
  }
}
