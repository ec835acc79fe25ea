package dev.hone.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * An ahead-of-time cache of a JDK 25 or newer ({@code -XX:AOTCacheOutput}, JEPs 483, 514 and 515:
 * classes loaded and linked, and the methods' profiles) recorded from {@link AotWorkload}, and
 * the class path it is valid for. The JVM maps such a cache only with jars on the class path, so
 * the class folders of this JVM's class path are packed into jars first.
 *
 * @param java the {@code java} launcher of the JDK that recorded the cache
 * @param classPath the class path the cache was recorded with, and must be used with
 * @param file the cache
 */
record AotCache(Path java, String classPath, Path file) {

  /**
   * Records a cache with {@code java} from a run of {@link AotWorkload}.
   *
   * @param java a JDK 25 or newer {@code java} launcher
   * @param dir where the jars and the cache go
   * @param jvmArgs the engine settings the measured runs use (system properties)
   * @return the cache
   * @throws IllegalStateException when the JDK cannot record one (older than 25), naming it
   */
  static AotCache record(Path java, Path dir, List<String> jvmArgs)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(java)) {
      throw new IllegalArgumentException("--aot-java=" + java + ": not an executable java"
          + " launcher (a JDK 25 or newer is expected, such as"
          + " /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)");
    }
    List<String> entries = new ArrayList<>();
    int jars = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path jar = dir.resolve("classes-" + jars++ + ".jar");
        pack(p, jar);
        entries.add(jar.toString());
      } else {
        entries.add(entry);
      }
    }
    String classPath = String.join(File.pathSeparator, entries);
    Path file = dir.resolve("hone.aot");
    List<String> cmd = new ArrayList<>(List.of(java.toString(),
        "-XX:AOTCacheOutput=" + file));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", classPath, AotWorkload.class.getName()));
    Path log = dir.resolve("record.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    int rc = p.waitFor();
    if (rc != 0 || !Files.isRegularFile(file)) {
      throw new IllegalStateException("recording an AOT cache with " + java + " failed (exit "
          + rc + "; a JDK 25 or newer is needed): " + Files.readString(log).strip());
    }
    return new AotCache(java, classPath, file);
  }

  private static void pack(Path folder, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        j.putNextEntry(new JarEntry(folder.relativize(f).toString().replace(File.separatorChar,
            '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
  }
}
