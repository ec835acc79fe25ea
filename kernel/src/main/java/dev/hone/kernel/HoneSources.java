package dev.hone.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the javadoc of Hone's classes and methods in the dsl sources bundled into the kernel jar
 * (under {@code hone-sources/}), for inspect requests.
 *
 * <p>JShell reads javadoc only from the JDK's {@code src.zip}; it has no way to be told about
 * other sources. So for a signature JShell gives, such as {@code dev.hone.model.MlpSpec
 * dev.hone.model.Model.mlp(int... widths)}, we open {@code dev/hone/model/Model.java} and take
 * the doc comment just before the declaration of {@code mlp(}.
 */
final class HoneSources {

  private static final List<String> PACKAGES =
      List.of("data", "model", "train", "display", "compress", "bench", "plot", "export", "runtime");
  private static final Pattern DOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

  private HoneSources() {}

  /** Returns the javadoc for a JShell signature with qualified names, if it is Hone's. */
  static Optional<String> javadoc(String signature) {
    int paren = signature.indexOf('(');
    String head = (paren < 0 ? signature : signature.substring(0, paren)).strip();
    String qualified = head.substring(head.lastIndexOf(' ') + 1);
    int dot = qualified.lastIndexOf('.');
    String owner = paren < 0 || dot < 0 ? qualified : qualified.substring(0, dot);
    String member = qualified.substring(dot + 1);
    boolean isType = paren < 0 || owner.equals(member) || owner.endsWith("." + member);
    // JShell names imported types simply (Model, not dev.hone.model.Model): try Hone's packages.
    List<String> candidates = new ArrayList<>();
    if (owner.startsWith("dev.hone.")) {
      candidates.add(owner);
    } else {
      for (String pkg : PACKAGES) {
        candidates.add("dev.hone." + pkg + "." + owner);
      }
    }
    for (String candidate : candidates) {
      String type = candidate;
      while (type.startsWith("dev.hone.")) {
        Optional<String> source = read("hone-sources/" + type.replace('.', '/') + ".java");
        if (source.isPresent()) {
          return docBefore(source.get(), member, isType);
        }
        type = type.substring(0, type.lastIndexOf('.'));
      }
    }
    return Optional.empty();
  }

  /** Returns the doc comment of the first declaration of {@code member} in a source file. */
  static Optional<String> docBefore(String source, String member, boolean isType) {
    Pattern declaration =
        isType
            ? Pattern.compile("\\b(class|interface|record|enum)\\s+" + Pattern.quote(member) + "\\b")
            : Pattern.compile("\\b" + Pattern.quote(member) + "\\s*\\(");
    Matcher doc = DOC.matcher(source);
    while (doc.find()) {
      int end = doc.end();
      int stop = end;
      while (stop < source.length() && source.charAt(stop) != '{' && source.charAt(stop) != ';') {
        stop++;
      }
      String declared = source.substring(end, stop);
      if (declaration.matcher(declared).find()) {
        return Optional.of(clean(doc.group(1)));
      }
    }
    return Optional.empty();
  }

  private static String clean(String comment) {
    StringBuilder text = new StringBuilder();
    for (String line : comment.split("\n")) {
      String l = line.strip();
      if (l.startsWith("*")) {
        l = l.substring(1).strip();
      }
      text.append(l).append('\n');
    }
    return text.toString().replaceAll("<p>", "\n").replaceAll("\n{3,}", "\n\n").strip();
  }

  private static Optional<String> read(String resource) {
    try (InputStream in = HoneSources.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
