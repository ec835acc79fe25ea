package dev.hone.kernel.eval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Keeps JShell's {@code $1}, {@code $2}, ... (the values of expression cells) for the last {@link
 * #keep} of them and drops older ones that no code names.
 *
 * <p>JShell imports every live declaration into every snippet it compiles, so each expression
 * cell made every later cell slower to compile: after 200 expression cells a trivial cell took
 * more than twice the work of the first. A {@code $N} that any later snippet mentions is never
 * dropped (the check is textual, so a mention inside a string also keeps it), and neither is any
 * named variable. The number kept is the system property {@code hone.kernel.keepValues} (default
 * {@value #DEFAULT_KEEP}; a negative number keeps all, as JShell does).
 */
final class TempValues {

  static final int DEFAULT_KEEP = 20;
  private static final Pattern NAME = Pattern.compile("\\$\\d+");

  private final JShell shell;
  private final int keep;
  private final Deque<VarSnippet> values = new ArrayDeque<>();
  private final Set<String> mentioned = new HashSet<>();

  TempValues(JShell shell, int keep) {
    this.shell = shell;
    this.keep = keep;
  }

  /** Returns the number to keep from the system property, or the default. */
  static int keepFromSystemProperty() {
    String value = System.getProperty("hone.kernel.keepValues");
    if (value == null || value.isBlank()) {
      return DEFAULT_KEEP;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "hone.kernel.keepValues must be a whole number (negative keeps every value), was '" + value + "'", e);
    }
  }

  /** Notes a snippet that was evaluated: its mentions of {@code $N}, and whether it is one. */
  void evaluated(Snippet snippet) {
    Matcher m = NAME.matcher(snippet.source());
    while (m.find()) {
      mentioned.add(m.group());
    }
    if (snippet instanceof VarSnippet value
        && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      values.addLast(value);
    }
  }

  /** Drops the oldest values beyond the number kept; call between cells, not during one. */
  void trim() {
    if (keep < 0) {
      return;
    }
    while (values.size() > keep) {
      VarSnippet oldest = values.removeFirst();
      if (!mentioned.contains(oldest.name()) && shell.status(oldest).isActive()) {
        shell.drop(oldest);
      }
    }
  }
}
