package dev.hone.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a script so that JShell accepts method chains continued on a line that starts with a
 * dot, as Java code is usually formatted.
 *
 * <p>JShell evaluates a line as soon as it is a complete snippet, so in
 *
 * <pre>{@code
 * var config = Train.epochs(20)
 *     .adam(1e-3);
 * }</pre>
 *
 * the first line runs on its own and the second is rejected ("illegal start of expression").
 * This moves each such leading dot to the end of the code on the previous code line (before a
 * trailing {@code //} comment, past blank and comment-only lines), which JShell reads as an
 * unfinished expression. The dot's place becomes a space, so the script keeps its line count and
 * every line keeps its number: an error still points at the line the reader wrote. Strings,
 * character literals, text blocks and comments are skipped, so a dot inside them is left alone.
 *
 * <pre>{@code
 * List<String> lines = ContinuationLines.join(List.of("var c = Train.epochs(20)", "    .adam(1e-3);"));
 * // ["var c = Train.epochs(20).", "     adam(1e-3);"]
 * }</pre>
 */
public final class ContinuationLines {

  private ContinuationLines() {}

  /** Lexer state at the start of a line: code, or inside a block comment or text block. */
  private enum Carry { CODE, BLOCK_COMMENT, TEXT_BLOCK }

  /**
   * Returns the script with every leading-dot continuation moved onto the previous code line.
   *
   * @param lines the script's lines, without line terminators
   * @return as many lines, rewritten
   */
  public static List<String> join(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    Carry carry = Carry.CODE;
    int lastCodeLine = -1;
    int lastCodeEnd = -1;
    for (int i = 0; i < out.size(); i++) {
      String line = out.get(i);
      if (carry == Carry.CODE && isJshellCommand(line)) {
        lastCodeLine = -1;
        continue;
      }
      int first = firstNonBlank(line);
      if (carry == Carry.CODE && lastCodeLine >= 0 && first >= 0 && line.charAt(first) == '.'
          && !line.startsWith("..", first)) {
        String prev = out.get(lastCodeLine);
        out.set(lastCodeLine, prev.substring(0, lastCodeEnd) + "." + prev.substring(lastCodeEnd));
        line = line.substring(0, first) + " " + line.substring(first + 1);
        out.set(i, line);
      }
      Scan scan = scan(line, carry);
      carry = scan.carry;
      if (scan.codeEnd >= 0) {
        lastCodeLine = i;
        lastCodeEnd = scan.codeEnd;
      }
    }
    return out;
  }

  private static boolean isJshellCommand(String line) {
    return line.stripLeading().startsWith("/") && !line.stripLeading().startsWith("//")
        && !line.stripLeading().startsWith("/*");
  }

  private static int firstNonBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (!Character.isWhitespace(line.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Where a line's code ends (exclusive; -1 when it has none) and the state it leaves. */
  private record Scan(int codeEnd, Carry carry) {}

  private static Scan scan(String line, Carry start) {
    Carry carry = start;
    int codeEnd = -1;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (carry == Carry.BLOCK_COMMENT) {
        int close = line.indexOf("*/", i);
        if (close < 0) {
          return new Scan(codeEnd, carry);
        }
        i = close + 2;
        carry = Carry.CODE;
      } else if (carry == Carry.TEXT_BLOCK) {
        int close = textBlockEnd(line, i);
        if (close < 0) {
          return new Scan(n, carry);
        }
        i = close + 3;
        codeEnd = i;
        carry = Carry.CODE;
      } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
        return new Scan(codeEnd, carry);
      } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
        carry = Carry.BLOCK_COMMENT;
        i += 2;
      } else if (line.startsWith("\"\"\"", i)) {
        carry = Carry.TEXT_BLOCK;
        i += 3;
        codeEnd = i;
      } else if (c == '"' || c == '\'') {
        i = literalEnd(line, i, c);
        codeEnd = i;
      } else {
        if (!Character.isWhitespace(c)) {
          codeEnd = i + 1;
        }
        i++;
      }
    }
    return new Scan(codeEnd, carry);
  }

  /** Returns the index just past a string or char literal that opens at {@code open}. */
  private static int literalEnd(String line, int open, char quote) {
    int i = open + 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return line.length();
  }

  /** Returns where the closing {@code """} of a text block starts on this line, or -1. */
  private static int textBlockEnd(String line, int from) {
    int i = from;
    while (i < line.length()) {
      if (line.charAt(i) == '\\') {
        i += 2;
      } else if (line.startsWith("\"\"\"", i)) {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }
}
