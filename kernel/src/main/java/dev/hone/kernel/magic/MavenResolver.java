package dev.hone.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Resolves a Maven artifact and its runtime dependencies to jar files, for {@code %maven}.
 *
 * <p>It asks the user's own Maven ({@code mvn} on the PATH, or {@code $MAVEN_HOME/bin/mvn}) to
 * build the class path of a one-dependency project. That honours the user's settings.xml,
 * mirrors and proxies and uses the local repository, and Hone users have Maven (it builds Hone).
 * It tries offline first, so cached artifacts resolve without a network; only then Maven Central.
 * Embedding a resolver (maven-resolver or MIMA) would add some thirty jars to every kernel's class
 * path for this one magic.
 */
final class MavenResolver {

  private static final Pattern COORDINATES = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+");
  private static final String PLUGIN =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";

  private MavenResolver() {}

  /** Returns the jars of {@code group:artifact:version} and its runtime dependencies. */
  static List<Path> resolve(String coordinates) throws IOException, InterruptedException {
    if (!COORDINATES.matcher(coordinates).matches()) {
      throw new IllegalArgumentException(
          "'" + coordinates + "' is not group:artifact:version, e.g. org.apache.commons:commons-lang3:3.17.0");
    }
    String[] gav = coordinates.split(":");
    Path dir = Files.createTempDirectory("hone-maven");
    try {
      Path pom = dir.resolve("pom.xml");
      Files.writeString(
          pom,
          "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
              + "<groupId>dev.hone.kernel</groupId><artifactId>maven-magic</artifactId>"
              + "<version>1</version><dependencies><dependency>"
              + "<groupId>" + gav[0] + "</groupId><artifactId>" + gav[1] + "</artifactId>"
              + "<version>" + gav[2] + "</version></dependency></dependencies></project>");
      Path output = dir.resolve("classpath.txt");
      String log = run(pom, output, true);
      if (!Files.exists(output)) {
        log = run(pom, output, false);
      }
      if (!Files.exists(output)) {
        throw new IOException("Maven could not resolve " + coordinates + ":\n" + log);
      }
      List<Path> jars = new ArrayList<>();
      for (String entry : Files.readString(output).strip().split(Pattern.quote(File.pathSeparator))) {
        if (!entry.isBlank()) {
          jars.add(Path.of(entry));
        }
      }
      return jars;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String run(Path pom, Path output, boolean offline)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(Arrays.asList(mvn(), "-q", "-B"));
    if (offline) {
      command.add("-o");
    }
    command.addAll(
        List.of(
            "-f", pom.toString(), PLUGIN,
            "-Dmdep.outputFile=" + output, "-Dmdep.includeScope=runtime"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    byte[] log = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new String(log, StandardCharsets.UTF_8);
  }

  private static String mvn() {
    String home = System.getenv("MAVEN_HOME");
    if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
      return Path.of(home, "bin", "mvn").toString();
    }
    return "mvn";
  }
}
