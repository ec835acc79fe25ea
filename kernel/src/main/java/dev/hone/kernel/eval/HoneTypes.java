package dev.hone.kernel.eval;

import dev.hone.kernel.KernelLog;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The simple names of Hone's public types (the DSL's, outside {@code internal} packages), listed
 * once from the jar or folder the DSL was loaded from, so completion can rank them first without
 * asking the compiler about each name.
 */
final class HoneTypes {

  private static volatile Set<String> names;

  private HoneTypes() {}

  static Set<String> simpleNames() {
    Set<String> known = names;
    if (known == null) {
      known = Set.copyOf(list());
      names = known;
    }
    return known;
  }

  private static Set<String> list() {
    Set<String> found = new HashSet<>();
    // Any DSL class tells where the DSL lives: a jar in the kernel's lib/, or dsl/target/classes.
    CodeSource source = dev.hone.train.Progress.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return found;
    }
    try {
      Path where = Path.of(source.getLocation().toURI());
      List<String> entries = new ArrayList<>();
      if (Files.isDirectory(where)) {
        try (Stream<Path> files = Files.walk(where.resolve("dev/hone"))) {
          files.forEach(f -> entries.add(where.relativize(f).toString().replace('\\', '/')));
        }
      } else {
        try (JarFile jar = new JarFile(where.toFile())) {
          jar.stream().forEach(e -> entries.add(e.getName()));
        }
      }
      for (String entry : entries) {
        if (entry.startsWith("dev/hone/") && entry.endsWith(".class") && !entry.contains("$")
            && !entry.contains("/internal/") && !entry.endsWith("package-info.class")) {
          String binary = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
          if (isPublic(binary)) {
            found.add(binary.substring(binary.lastIndexOf('.') + 1));
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      KernelLog.warn("cannot list Hone's types for completion: " + e);
    }
    return found;
  }

  private static boolean isPublic(String binaryName) {
    try {
      return Modifier.isPublic(Class.forName(binaryName, false, HoneTypes.class.getClassLoader()).getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
