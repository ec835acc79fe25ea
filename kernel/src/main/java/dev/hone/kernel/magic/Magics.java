package dev.hone.kernel.magic;

import dev.hone.kernel.eval.CellError;
import dev.hone.kernel.eval.CellResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's magics: {@code %classpath}, {@code %maven}, {@code %load}, {@code %time},
 * {@code %lsmagic}, and the cell magics {@code %%time}, {@code %%html}, {@code %%markdown}.
 */
public final class Magics {

  private static final java.util.Set<String> NOT_RUN = java.util.Set.of("CompilationError", "UnknownMagic");

  private final Map<String, LineMagic> lineMagics = new TreeMap<>();
  private final Map<String, CellMagic> cellMagics = new TreeMap<>();

  /** Returns the registry with the built-in magics. */
  public static Magics builtIn() {
    Magics magics = new Magics();
    magics.line("lsmagic", magics::lsmagic);
    magics.line("classpath", Magics::classpath);
    magics.line("maven", Magics::maven);
    magics.line("load", Magics::load);
    magics.line("time", Magics::timeLine);
    magics.cell("time", Magics::timeCell);
    magics.cell("html", (args, body, line, ctx) -> show(ctx, "text/html", body));
    magics.cell("markdown", (args, body, line, ctx) -> show(ctx, "text/markdown", body));
    return magics;
  }

  /** Registers a line magic. */
  public void line(String name, LineMagic magic) {
    lineMagics.put(name, magic);
  }

  /** Registers a cell magic. */
  public void cell(String name, CellMagic magic) {
    cellMagics.put(name, magic);
  }

  /** Runs {@code %name args}. */
  public CellResult runLine(String name, String args, int line, MagicContext context) {
    LineMagic magic = lineMagics.get(name);
    if (magic == null) {
      return unknown("%" + name, context, line);
    }
    return magic.run(args, line, context);
  }

  /** Runs {@code %%name args} over a body. */
  public CellResult runCell(String name, String args, String body, int bodyLine, MagicContext context) {
    CellMagic magic = cellMagics.get(name);
    if (magic == null) {
      return unknown("%%" + name, context, bodyLine - 1);
    }
    return magic.run(args, body, bodyLine, context);
  }

  /** Returns the names of the line magics, for completion and %lsmagic. */
  public List<String> lineNames() {
    return List.copyOf(lineMagics.keySet());
  }

  /** Returns the names of the cell magics. */
  public List<String> cellNames() {
    return List.copyOf(cellMagics.keySet());
  }

  private CellResult unknown(String magic, MagicContext context, int line) {
    return error(
        "UnknownMagic",
        magic + " is not a magic (" + context.cell() + ", line " + line + "); %lsmagic lists them");
  }

  private CellResult lsmagic(String args, int line, MagicContext context) {
    StringBuilder text = new StringBuilder("Line magics: ");
    lineMagics.keySet().forEach(n -> text.append('%').append(n).append(' '));
    text.append("\nCell magics: ");
    cellMagics.keySet().forEach(n -> text.append("%%").append(n).append(' '));
    System.out.println(text.toString().strip());
    return CellResult.empty();
  }

  private static CellResult classpath(String args, int line, MagicContext context) {
    if (args.isBlank()) {
      System.out.println(System.getProperty("java.class.path"));
      return CellResult.empty();
    }
    List<Path> added = new ArrayList<>();
    for (String item : args.split("[\\s" + java.io.File.pathSeparator + "]+")) {
      List<Path> paths;
      try {
        paths = expand(item);
      } catch (IOException e) {
        return error("ClasspathError", "cannot list " + item + ": " + e.getMessage());
      }
      if (paths.isEmpty()) {
        return error("ClasspathError", item + " does not exist (relative paths start at " + Path.of("").toAbsolutePath() + ")");
      }
      for (Path p : paths) {
        context.evaluator().addToClasspath(p.toString());
        added.add(p);
      }
    }
    System.out.println("added to the class path: " + added.size() + (added.size() == 1 ? " entry" : " entries"));
    return CellResult.empty();
  }

  // A trailing * matches the jars of a folder, as java -cp does.
  private static List<Path> expand(String item) throws IOException {
    if (item.endsWith("*")) {
      Path dir = Path.of(item.substring(0, item.length() - 1).isEmpty() ? "." : item.substring(0, item.length() - 1));
      List<Path> jars = new ArrayList<>();
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
          stream.forEach(p -> jars.add(p.toAbsolutePath()));
        }
      }
      return jars;
    }
    Path path = Path.of(item);
    return Files.exists(path) ? List.of(path.toAbsolutePath()) : List.of();
  }

  private static CellResult maven(String args, int line, MagicContext context) {
    if (args.isBlank()) {
      return error("MavenError", "%maven needs group:artifact:version, e.g. %maven org.apache.commons:commons-lang3:3.17.0");
    }
    int count = 0;
    for (String coordinates : args.strip().split("\\s+")) {
      try {
        for (Path jar : MavenResolver.resolve(coordinates)) {
          context.evaluator().addToClasspath(jar.toString());
          count++;
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        return error("MavenError", e.getMessage());
      }
    }
    System.out.println("added to the class path: " + count + (count == 1 ? " jar" : " jars"));
    return CellResult.empty();
  }

  private static CellResult load(String args, int line, MagicContext context) {
    Path file = Path.of(args.strip());
    String code;
    try {
      code = Files.readString(file);
    } catch (IOException e) {
      return error("LoadError", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
    }
    if (file.toString().endsWith(".java")) {
      // JShell has no packages; blank the package line so line numbers stay those of the file.
      code = code.replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", "");
    }
    return context.evaluator().run(code, file.getFileName().toString(), 1);
  }

  private static CellResult timeLine(String args, int line, MagicContext context) {
    long start = System.nanoTime();
    CellResult result = context.evaluator().run(args, context.cell(), line);
    printTime(start, result);
    return result;
  }

  private static CellResult timeCell(String args, String body, int bodyLine, MagicContext context) {
    long start = System.nanoTime();
    CellResult result = context.runner().run(body, bodyLine);
    printTime(start, result);
    return result;
  }

  // Code that did not compile (or named no magic) never ran: a wall time would only mislead.
  private static void printTime(long startNanos, CellResult result) {
    if (result.error().map(e -> NOT_RUN.contains(e.ename())).orElse(false)) {
      return;
    }
    double ms = (System.nanoTime() - startNanos) / 1e6;
    System.out.println(
        ms < 1000
            ? String.format(Locale.ROOT, "Wall time: %.1f ms", ms)
            : String.format(Locale.ROOT, "Wall time: %.2f s", ms / 1000));
  }

  private static CellResult show(MagicContext context, String mime, String body) {
    context.display().display(Map.of(mime, body, "text/plain", body), null);
    return CellResult.empty();
  }

  private static CellResult error(String ename, String message) {
    return CellResult.failed(new CellError(ename, message, List.of(ename + ": " + message)));
  }
}
