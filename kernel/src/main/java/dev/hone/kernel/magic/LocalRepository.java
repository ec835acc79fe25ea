package dev.hone.kernel.magic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Finds the local Maven repository the way {@code mvn} does, for the simple cases: {@code
 * -Dmaven.repo.local}, else {@code <localRepository>} in {@code ~/.m2/settings.xml} or in {@code
 * $MAVEN_HOME/conf/settings.xml} (with {@code ${user.home}} and {@code ${env.NAME}} expanded), else
 * {@code ~/.m2/repository}. A setting with other expressions is ignored.
 */
final class LocalRepository {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(env\\.)?([^}]+)}");

  private LocalRepository() {}

  /** Returns the local repository of this user. */
  static Path find() {
    String property = System.getProperty("maven.repo.local");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    Path home = Path.of(System.getProperty("user.home"));
    String mavenHome = System.getenv("MAVEN_HOME");
    return fromSettings(home.resolve(".m2/settings.xml"), home, System.getenv())
        .or(() -> mavenHome == null ? Optional.empty()
            : fromSettings(Path.of(mavenHome, "conf", "settings.xml"), home, System.getenv()))
        .orElse(home.resolve(".m2/repository"));
  }

  /**
   * Returns the {@code <localRepository>} of a settings file, expanded, if the file sets a simple
   * one.
   */
  static Optional<Path> fromSettings(Path settings, Path userHome, Map<String, String> env) {
    if (!Files.isReadable(settings)) {
      return Optional.empty();
    }
    String value;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // report by exception, not on stderr
      NodeList nodes = builder.parse(settings.toFile()).getElementsByTagName("localRepository");
      if (nodes.getLength() == 0) {
        return Optional.empty();
      }
      value = nodes.item(0).getTextContent().strip();
    } catch (IOException | SAXException | ParserConfigurationException e) {
      return Optional.empty(); // mvn would refuse this file too; the default is the best guess
    }
    StringBuilder expanded = new StringBuilder();
    Matcher m = EXPRESSION.matcher(value);
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = env.get(m.group(2));
      } else if (m.group(2).equals("user.home")) {
        replacement = userHome.toString();
      } else {
        replacement = null;
      }
      if (replacement == null) {
        return Optional.empty();
      }
      m.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(expanded);
    return expanded.length() == 0 ? Optional.empty() : Optional.of(Path.of(expanded.toString()));
  }
}
