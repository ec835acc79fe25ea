package dev.hone.data.table.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads CSV text and JSON arrays of objects into Tablesaw tables. A column whose every present
 * value is a number becomes a {@code DoubleColumn}; any other a {@code StringColumn}. Empty cells,
 * JSON nulls and absent keys are missing values.
 */
public final class Readers {

  /** Cells read as missing in CSV text. */
  public static final Set<String> MISSING = Set.of("", "NA", "NaN", "null");

  private Readers() {}

  /**
   * Parses CSV text (RFC 4180 quoting, first line is the header).
   *
   * @param text the file's contents
   * @param tableName the table's name
   * @return the table
   * @throws IllegalArgumentException naming the line when a row has the wrong number of fields
   */
  public static Table csv(String text, String tableName) {
    List<List<String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int rowLine = 1;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          any = true;
        }
        case ',' -> {
          row.add(cell.toString());
          cell.setLength(0);
          any = true;
        }
        case '\r' -> { }
        case '\n' -> {
          if (any || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
            lines.add(rowLine);
          }
          row = new ArrayList<>();
          cell.setLength(0);
          any = false;
          line++;
          rowLine = line;
        }
        default -> {
          cell.append(c);
          any = true;
        }
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + rowLine + " opens a quote that"
          + " never closes");
    }
    if (any || cell.length() > 0) {
      row.add(cell.toString());
      rows.add(row);
      lines.add(rowLine);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("it is empty; expected a header line");
    }
    List<String> header = rows.get(0);
    for (int r = 1; r < rows.size(); r++) {
      if (rows.get(r).size() != header.size()) {
        throw new IllegalArgumentException("line " + lines.get(r) + " has "
            + rows.get(r).size() + " fields, expected " + header.size() + " like the header "
            + header);
      }
    }
    checkHeader(header);
    LinkedHashMap<String, List<String>> cols = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      List<String> values = new ArrayList<>(rows.size() - 1);
      for (int r = 1; r < rows.size(); r++) {
        String v = rows.get(r).get(c);
        values.add(MISSING.contains(v.trim()) ? null : v);
      }
      cols.put(header.get(c), values);
    }
    return build(tableName, cols, rows.size() - 1);
  }

  private static void checkHeader(List<String> header) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String h : header) {
      if (h.isBlank()) {
        throw new IllegalArgumentException("the header " + header
            + " has an empty column name");
      }
      if (!seen.add(h)) {
        throw new IllegalArgumentException("the header names '" + h + "' twice");
      }
    }
  }

  /**
   * Parses a JSON array of flat objects (one object per row; keys are columns).
   *
   * @param text the JSON text
   * @param tableName the table's name
   * @return the table
   * @throws IllegalArgumentException when the text is not an array of objects
   */
  public static Table json(String text, String tableName) {
    JsonElement root;
    try {
      root = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonArray()) {
      throw new IllegalArgumentException("it holds a JSON " + kind(root)
          + "; expected an array of objects, one per row");
    }
    JsonArray array = root.getAsJsonArray();
    LinkedHashMap<String, List<String>> cols = new LinkedHashMap<>();
    Map<String, Boolean> textual = new LinkedHashMap<>();
    for (int r = 0; r < array.size(); r++) {
      JsonElement e = array.get(r);
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException("element " + r + " is a JSON " + kind(e)
            + "; expected an object");
      }
      for (var field : e.getAsJsonObject().entrySet()) {
        List<String> values = cols.computeIfAbsent(field.getKey(), k -> new ArrayList<>());
        while (values.size() < r) {
          values.add(null);
        }
        JsonElement v = field.getValue();
        if (v.isJsonNull()) {
          values.add(null);
        } else if (v.isJsonPrimitive()) {
          values.add(v.getAsString());
          if (!v.getAsJsonPrimitive().isNumber()) {
            textual.put(field.getKey(), true);
          }
        } else {
          throw new IllegalArgumentException("element " + r + " field '"
              + field.getKey() + "' is a JSON " + kind(v) + "; expected a flat value");
        }
      }
    }
    if (array.isEmpty()) {
      throw new IllegalArgumentException("it is an empty array; expected rows");
    }
    for (List<String> values : cols.values()) {
      while (values.size() < array.size()) {
        values.add(null);
      }
    }
    Table t = Table.create(tableName);
    for (var e : cols.entrySet()) {
      t.addColumns(textual.containsKey(e.getKey()) ? text(e.getKey(), e.getValue())
          : numbers(e.getKey(), e.getValue()));
    }
    return t;
  }

  private static String kind(JsonElement e) {
    return e.isJsonArray() ? "array" : e.isJsonObject() ? "object" : e.isJsonNull() ? "null"
        : "value";
  }

  private static Table build(String name, LinkedHashMap<String, List<String>> cols, int rows) {
    Table t = Table.create(name);
    for (var e : cols.entrySet()) {
      boolean numeric = true;
      for (String v : e.getValue()) {
        if (v != null && !isNumber(v)) {
          numeric = false;
          break;
        }
      }
      t.addColumns(numeric ? numbers(e.getKey(), e.getValue()) : text(e.getKey(), e.getValue()));
    }
    return t;
  }

  private static boolean isNumber(String v) {
    String s = v.trim();
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(s.length() - 1);
    if (!(Character.isDigit(c) || c == '.')) {
      return false;   // rejects Java's "1f", "2d" and "Infinity"
    }
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static DoubleColumn numbers(String name, List<String> values) {
    double[] d = new double[values.size()];
    for (int i = 0; i < d.length; i++) {
      String v = values.get(i);
      d[i] = v == null ? Double.NaN : Double.parseDouble(v.trim());
    }
    return DoubleColumn.create(name, d);
  }

  private static StringColumn text(String name, List<String> values) {
    String[] s = new String[values.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = values.get(i) == null ? "" : values.get(i);
    }
    return StringColumn.create(name, s);
  }

}
