package dev.hone.data.table.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.api.NumericColumn;

/**
 * The working form of a table while pipeline steps run: each column is a {@code double[]} (NaN
 * for missing) or a {@code String[]} (null for missing), so steps run as plain loops. A frame is
 * a private copy that steps change in place; users never see one.
 */
public final class Frame {

  private final String name;
  private final LinkedHashMap<String, Object> columns;
  private int rows;

  private Frame(String name, LinkedHashMap<String, Object> columns, int rows) {
    this.name = name;
    this.columns = columns;
    this.rows = rows;
  }

  /** Copies a Tablesaw table: number columns become doubles, every other column text. */
  public static Frame of(Table table) {
    LinkedHashMap<String, Object> cols = new LinkedHashMap<>();
    int n = table.rowCount();
    for (Column<?> c : table.columns()) {
      if (c instanceof NumericColumn<?> num) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = num.isMissing(i) ? Double.NaN : num.getDouble(i);
        }
        cols.put(c.name(), v);
      } else {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          v[i] = c.isMissing(i) ? null : c.getString(i);
        }
        cols.put(c.name(), v);
      }
    }
    return new Frame(table.name(), cols, n);
  }

  /**
   * Makes a one-row frame from a raw row.
   *
   * @param row column name to value
   * @param inputs the columns the pipeline was fitted on, and their kinds (true for numbers)
   */
  public static Frame ofRow(Map<String, ?> row, Map<String, Boolean> inputs) {
    LinkedHashMap<String, Object> cols = new LinkedHashMap<>();
    for (var e : inputs.entrySet()) {
      String col = e.getKey();
      if (!row.containsKey(col)) {
        throw new IllegalArgumentException("the row has no column '" + col + "'; the model was"
            + " trained on columns " + inputs.keySet() + " and the row has " + row.keySet());
      }
      Object v = row.get(col);
      if (e.getValue()) {
        double d;
        if (v == null) {
          d = Double.NaN;
        } else if (v instanceof Number num) {
          d = num.doubleValue();
        } else {
          String s = v.toString().trim();
          if (s.isEmpty()) {
            d = Double.NaN;
          } else {
            try {
              d = Double.parseDouble(s);
            } catch (NumberFormatException ex) {
              throw new IllegalArgumentException("column '" + col + "' is numeric but the row"
                  + " has '" + v + "'", ex);
            }
          }
        }
        cols.put(col, new double[] {d});
      } else {
        String s = v == null ? null : v.toString();
        cols.put(col, new String[] {s == null || s.isEmpty() ? null : s});
      }
    }
    return new Frame("row", cols, 1);
  }

  /** Returns the table's name. */
  public String name() {
    return name;
  }

  /** Returns the number of rows. */
  public int rows() {
    return rows;
  }

  /** Returns the column names in order. */
  public List<String> names() {
    return new ArrayList<>(columns.keySet());
  }

  /** Returns whether the column exists. */
  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** Returns whether the column holds numbers. */
  public boolean isNumeric(String column) {
    return require(column) instanceof double[];
  }

  /** Returns the kinds of all columns, in order (true for numbers). */
  public Map<String, Boolean> kinds() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    columns.forEach((k, v) -> out.put(k, v instanceof double[]));
    return out;
  }

  /** Returns a number column's values (shared, not copied). */
  public double[] numbers(String column) {
    Object c = require(column);
    if (!(c instanceof double[] d)) {
      throw new IllegalArgumentException("column '" + column + "' of '" + name + "' holds text;"
          + " this step needs numbers (use toNumbers(\"" + column + "\") or oneHot/ordinal)");
    }
    return d;
  }

  /** Returns a text column's values (shared, not copied). */
  public String[] strings(String column) {
    Object c = require(column);
    if (!(c instanceof String[] s)) {
      throw new IllegalArgumentException("column '" + column + "' of '" + name + "' holds numbers;"
          + " this step needs text");
    }
    return s;
  }

  /** Returns whether the value at the row is missing. */
  public boolean isMissing(String column, int row) {
    Object c = require(column);
    return c instanceof double[] d ? Double.isNaN(d[row]) : ((String[]) c)[row] == null;
  }

  /** Returns the value at the row as text ("" when missing), for duplicate detection. */
  public String text(String column, int row) {
    Object c = require(column);
    if (c instanceof double[] d) {
      return Double.isNaN(d[row]) ? "" : Double.toString(d[row]);
    }
    String s = ((String[]) c)[row];
    return s == null ? "" : s;
  }

  /** Replaces or adds a column, in place of {@code at} (or at the end when {@code at} is null). */
  public void put(String column, Object values, String at) {
    if (at == null || !columns.containsKey(at)) {
      columns.put(column, values);
      return;
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    columns.forEach((k, v) -> {
      if (k.equals(at)) {
        copy.put(column, values);
      } else if (!k.equals(column)) {
        copy.put(k, v);
      }
    });
    columns.clear();
    columns.putAll(copy);
  }

  /** Replaces one column by several, at its place. */
  public void replace(String column, LinkedHashMap<String, Object> with) {
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    columns.forEach((k, v) -> {
      if (k.equals(column)) {
        copy.putAll(with);
      } else {
        copy.put(k, v);
      }
    });
    columns.clear();
    columns.putAll(copy);
  }

  /** Removes a column. */
  public void remove(String column) {
    require(column);
    columns.remove(column);
  }

  /** Keeps the rows whose flag is true; returns how many were removed. */
  public int keep(boolean[] keep) {
    int kept = 0;
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    if (kept == rows) {
      return 0;
    }
    for (var e : columns.entrySet()) {
      Object c = e.getValue();
      if (c instanceof double[] d) {
        double[] out = new double[kept];
        for (int i = 0, j = 0; i < rows; i++) {
          if (keep[i]) {
            out[j++] = d[i];
          }
        }
        e.setValue(out);
      } else {
        String[] s = (String[]) c;
        String[] out = new String[kept];
        for (int i = 0, j = 0; i < rows; i++) {
          if (keep[i]) {
            out[j++] = s[i];
          }
        }
        e.setValue(out);
      }
    }
    int removed = rows - kept;
    rows = kept;
    return removed;
  }

  /** Returns the column, or throws naming the columns that exist. */
  public Object require(String column) {
    Object c = columns.get(column);
    if (c == null) {
      throw unknown(column, names(), name);
    }
    return c;
  }

  /** The error for a column that does not exist. */
  public static IllegalArgumentException unknown(String column, List<String> names, String table) {
    return new IllegalArgumentException("no column '" + column + "' in '" + table
        + "'; its columns are " + names);
  }

  /** Returns the frame as a Tablesaw table. */
  public Table toTable(String tableName) {
    Table t = Table.create(tableName);
    for (var e : columns.entrySet()) {
      if (e.getValue() instanceof double[] d) {
        t.addColumns(DoubleColumn.create(e.getKey(), d));
      } else {
        String[] src = (String[]) e.getValue();
        String[] v = new String[src.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = src[i] == null ? "" : src[i];
        }
        t.addColumns(StringColumn.create(e.getKey(), v));
      }
    }
    return t;
  }
}
