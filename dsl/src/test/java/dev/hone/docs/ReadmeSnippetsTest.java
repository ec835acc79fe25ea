package dev.hone.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in the README compiles against the current API, pastes into interactive
 * jshell as printed, and runs without an error in the real jshell through dsl/bin/hone-jshell.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path STARTUP = ROOT.resolve("dsl/bin/hone-startup.jsh");
  private static final Path KERNEL_STARTUP =
      ROOT.resolve("kernel/src/main/resources/dev/hone/kernel/startup.jsh");

  /** What jshell's DEFAULT startup imports, which hone-jshell loads before Hone's own. */
  private static final String JSHELL_DEFAULT_IMPORTS = """
      import java.io.*;
      import java.math.*;
      import java.net.*;
      import java.nio.file.*;
      import java.util.*;
      import java.util.concurrent.*;
      import java.util.function.*;
      import java.util.prefs.*;
      import java.util.regex.*;
      import java.util.stream.*;
      """;

  @TempDir
  Path out;

  private static List<String> readmeBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(ROOT.resolve("README.md")));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertFalse(blocks.isEmpty(), "the README shows code");
    return blocks;
  }

  private static List<String> imports(Path startup) throws IOException {
    return Files.readAllLines(startup).stream().map(String::strip)
        .filter(l -> l.startsWith("import ")).toList();
  }

  @Test
  void every_java_block_in_the_readme_compiles() throws IOException {
    List<String> blocks = readmeBlocks();
    String imports = JSHELL_DEFAULT_IMPORTS + String.join("\n", imports(STARTUP)) + "\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (int i = 0; i < blocks.size(); i++) {
      String name = "Snippet" + i;
      String source = imports + "class " + name + " { void run() throws Exception {\n"
          + blocks.get(i) + "\n} }";
      JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      StringWriter errors = new StringWriter();
      boolean ok = javac.getTask(errors, null, null, List.of("-d", out.toString(), "-classpath",
          System.getProperty("java.class.path")), null, List.of(file)).call();
      assertTrue(ok, "README block " + i + " does not compile:\n" + blocks.get(i) + "\n" + errors);
    }
  }

  /**
   * Interactive jshell runs a line as soon as it is a complete snippet, so a README chain goes
   * on with a trailing dot or an open parenthesis, never a line that starts with a dot (which
   * only hone-jshell's script runner joins).
   */
  @Test
  void every_java_block_in_the_readme_pastes_into_interactive_jshell() throws IOException {
    for (String block : readmeBlocks()) {
      for (String line : block.split("\n")) {
        assertFalse(line.stripLeading().startsWith("."),
            "a README line starts with a dot, which interactive jshell rejects: " + line);
      }
    }
  }

  @Test
  void every_java_block_in_the_readme_runs_in_jshell() throws Exception {
    List<String> blocks = readmeBlocks();
    for (int i = 0; i < blocks.size(); i++) {
      Path script = out.resolve("readme-" + i + ".jsh");
      Files.writeString(script, blocks.get(i));
      ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("dsl/bin/hone-jshell").toString(),
          script.toString()).directory(out.toFile()).redirectErrorStream(true);
      pb.environment().put("HONE_CLASSPATH", System.getProperty("java.class.path"));
      long start = System.nanoTime();
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(15, TimeUnit.MINUTES), "jshell finished");
      System.out.printf(Locale.ROOT, "README block %d ran in jshell in %.1f s%n", i,
          (System.nanoTime() - start) / 1e9);
      String where = "README block " + i + " in jshell:\n" + blocks.get(i) + "\n--- output:\n"
          + output;
      assertEquals(0, p.exitValue(), where);
      assertFalse(Pattern.compile("(?m)^(\\|  )?(Error:|Exception )").matcher(output).find(),
          where);
    }
  }

  /** The notebook kernel and hone-jshell import the same Hone packages. */
  @Test
  void the_kernel_and_hone_jshell_import_the_same_hone_packages() throws IOException {
    Set<String> shell = honeImports(STARTUP);
    Set<String> kernel = honeImports(KERNEL_STARTUP);
    assertEquals(shell, kernel, "dsl/bin/hone-startup.jsh and the kernel's startup.jsh");
  }

  /** The dev.hone imports of a startup file, less the kernel's own and packages not in dsl. */
  private static Set<String> honeImports(Path startup) throws IOException {
    Path sources = ROOT.resolve("dsl/src/main/java");
    return imports(startup).stream()
        .filter(l -> l.contains(" dev.hone.") && !l.contains("dev.hone.kernel"))
        .filter(l -> {
          String pkg = l.replaceFirst("^import (static )?", "").replaceFirst(";$", "")
              .replaceFirst("\\.\\*$", "");
          String dir = l.startsWith("import static ") ? pkg.substring(0, pkg.lastIndexOf('.'))
              : pkg;
          return Files.isDirectory(sources.resolve(dir.replace('.', '/')));
        })
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
