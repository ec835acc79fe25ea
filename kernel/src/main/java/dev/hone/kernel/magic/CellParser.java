package dev.hone.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into Java code and magics, keeping each part's first cell line.
 *
 * <p>A cell whose first line is {@code %%name args} is one cell magic over the rest of the cell.
 * Otherwise every line that starts with {@code %} is a line magic, run where it stands, and the
 * lines between are Java. Java never starts a line with {@code %}.
 */
public final class CellParser {

  private CellParser() {}

  /** A piece of a cell. */
  public sealed interface Step permits JavaCode, LineMagicCall, CellMagicCall {}

  /** Java code starting at cell line {@code line}. */
  public record JavaCode(String code, int line) implements Step {}

  /** {@code %name args} on cell line {@code line}. */
  public record LineMagicCall(String name, String args, int line) implements Step {}

  /** {@code %%name args} and the body, which starts on cell line {@code bodyLine}. */
  public record CellMagicCall(String name, String args, String body, int bodyLine)
      implements Step {}

  /** Returns the steps of a cell, in order. */
  public static List<Step> parse(String cell, int firstLine) {
    List<String> lines = cell.lines().toList();
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first < lines.size() && lines.get(first).stripLeading().startsWith("%%")) {
      String header = lines.get(first).strip().substring(2);
      String[] nameArgs = nameAndArgs(header);
      String body = String.join("\n", lines.subList(first + 1, lines.size()));
      return List.of(new CellMagicCall(nameArgs[0], nameArgs[1], body, firstLine + first + 1));
    }
    List<Step> steps = new ArrayList<>();
    StringBuilder java = new StringBuilder();
    int javaLine = firstLine;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.stripLeading().startsWith("%")) {
        if (!java.toString().isBlank()) {
          steps.add(new JavaCode(java.toString(), javaLine));
        }
        java.setLength(0);
        String[] nameArgs = nameAndArgs(line.strip().substring(1));
        steps.add(new LineMagicCall(nameArgs[0], nameArgs[1], firstLine + i));
        javaLine = firstLine + i + 1;
      } else {
        java.append(line).append('\n');
      }
    }
    if (!java.toString().isBlank()) {
      steps.add(new JavaCode(java.toString(), javaLine));
    }
    return steps;
  }

  /** Returns whether the cell holds magics at all. */
  public static boolean hasMagics(String cell) {
    return cell.lines().anyMatch(l -> l.stripLeading().startsWith("%"));
  }

  private static String[] nameAndArgs(String text) {
    int space = 0;
    while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
      space++;
    }
    return new String[] {text.substring(0, space), text.substring(space).strip()};
  }
}
