package dev.hone.kernel.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites calls that would end the JVM in a cell's code into calls to {@link ExitTrap}.
 *
 * <p>Only code is rewritten: string, character and text-block literals and comments are left
 * alone. The replacement holds no newline, so cell line numbers stay right. Calls made by library
 * code (not written in the cell) are not caught; the kernel then exits and Jupyter restarts it.
 */
final class ExitRewriter {

  private static final Pattern EXIT =
      Pattern.compile(
          "(?:\\bjava\\s*\\.\\s*lang\\s*\\.\\s*)?\\b(?:System\\s*\\.\\s*exit"
              + "|Runtime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*(?:exit|halt))\\s*\\(");
  private static final String TRAP = "dev.hone.kernel.eval.ExitTrap.exit(";

  private ExitRewriter() {}

  /** Returns {@code code} with exit calls outside literals and comments pointed at the trap. */
  static String rewrite(String code) {
    if (!code.contains("exit") && !code.contains("halt")) {
      return code;
    }
    StringBuilder out = new StringBuilder(code.length() + 32);
    int i = 0;
    int codeStart = 0;
    while (i < code.length()) {
      int skipTo = skipLiteralOrComment(code, i);
      if (skipTo > i) {
        out.append(rewriteCode(code.substring(codeStart, i)));
        out.append(code, i, skipTo);
        i = skipTo;
        codeStart = i;
      } else {
        i++;
      }
    }
    out.append(rewriteCode(code.substring(codeStart)));
    return out.toString();
  }

  private static String rewriteCode(String code) {
    Matcher m = EXIT.matcher(code);
    return m.replaceAll(Matcher.quoteReplacement(TRAP));
  }

  // Returns the index after the literal or comment starting at i, or i when none starts there.
  private static int skipLiteralOrComment(String s, int i) {
    if (s.startsWith("//", i)) {
      int end = s.indexOf('\n', i);
      return end < 0 ? s.length() : end;
    }
    if (s.startsWith("/*", i)) {
      int end = s.indexOf("*/", i + 2);
      return end < 0 ? s.length() : end + 2;
    }
    if (s.startsWith("\"\"\"", i)) {
      int end = s.indexOf("\"\"\"", i + 3);
      return end < 0 ? s.length() : end + 3;
    }
    char c = s.charAt(i);
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
        j += s.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(j + 1, s.length());
    }
    return i;
  }
}
