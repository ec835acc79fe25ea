package dev.hone.data.table;

import dev.hone.data.DataFileException;
import dev.hone.data.table.internal.Frame;
import dev.hone.data.table.internal.Readers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables from CSV and JSON files, the two bundled tables with real missing values, and a
 * per-column missing-value report.
 *
 * <p>A column whose every present value is a number is read as numbers ({@code DoubleColumn}),
 * any other as text; empty cells (and {@code NA}, {@code NaN}, {@code null}), JSON nulls and
 * absent keys are missing values. The bundled tables come from the npm package
 * {@code vega-datasets@3.2.1} (BSD-3-Clause; see {@code VEGA-NOTICE.txt} beside them).
 *
 * <pre>{@code
 * Table penguins = Tables.penguins();          // 344 rows, 10 with missing fields
 * Tables.missing(penguins);                    // column, type, missing, share
 * Table mine = Tables.csv(Path.of("data.csv"));
 * }</pre>
 */
public final class Tables {

  private Tables() {}

  /**
   * Reads a CSV file (comma-separated, RFC 4180 quotes, a header line).
   *
   * <pre>{@code
   * Table t = Tables.csv(Path.of("cars.csv"));
   * }</pre>
   *
   * @param file the file
   * @return the table, named after the file
   * @throws DataFileException naming the file (and the line, for a row whose field count differs
   *     from the header's) when it cannot be read
   */
  public static Table csv(Path file) {
    String name = baseName(file);
    try {
      return Readers.csv(read(file), name);
    } catch (DataFileException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new DataFileException(file.toString(), e.getMessage(), e);
    }
  }

  /**
   * Parses CSV text, for data that is not in a file.
   *
   * <pre>{@code
   * Table t = Tables.csvText("toy", "x,y\n1,a\n2,b\n");
   * }</pre>
   *
   * @param name the table's name
   * @param text the CSV text with a header line
   * @return the table
   * @throws IllegalArgumentException naming the line of a ragged row
   */
  public static Table csvText(String name, String text) {
    try {
      return Readers.csv(Objects.requireNonNull(text, "text"), name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CSV text '" + name + "': " + e.getMessage(), e);
    }
  }

  /**
   * Reads a JSON file holding an array of flat objects, one per row.
   *
   * <pre>{@code
   * Table t = Tables.json(Path.of("penguins.json"));
   * }</pre>
   *
   * @param file the file
   * @return the table, named after the file
   * @throws DataFileException naming the file when it cannot be read or is not an array of
   *     objects
   */
  public static Table json(Path file) {
    try {
      return Readers.json(read(file), baseName(file));
    } catch (DataFileException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new DataFileException(file.toString(), e.getMessage(), e);
    }
  }

  /**
   * Parses JSON text holding an array of flat objects.
   *
   * <pre>{@code
   * Table t = Tables.jsonText("toy", "[{\"x\": 1, \"y\": \"a\"}, {\"x\": null, \"y\": \"b\"}]");
   * }</pre>
   *
   * @param name the table's name
   * @param text the JSON text
   * @return the table
   */
  public static Table jsonText(String name, String text) {
    try {
      return Readers.json(Objects.requireNonNull(text, "text"), name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("JSON text '" + name + "': " + e.getMessage(), e);
    }
  }

  /**
   * Returns the Palmer penguins, bundled: 344 rows of Species, Island, Beak Length (mm), Beak
   * Depth (mm), Flipper Length (mm), Body Mass (g) and Sex, 10 rows with missing fields (and one
   * Sex recorded as ".").
   *
   * <pre>{@code
   * Table penguins = Tables.penguins();
   * }</pre>
   *
   * @return a new table each call
   */
  public static Table penguins() {
    return bundled("penguins");
  }

  /**
   * Returns the cars table, bundled: 406 rows of Name, Miles_per_Gallon, Cylinders,
   * Displacement, Horsepower, Weight_in_lbs, Acceleration, Year and Origin (USA, Europe, Japan),
   * 14 rows with missing fields.
   *
   * <pre>{@code
   * Table cars = Tables.cars();
   * }</pre>
   *
   * @return a new table each call
   */
  public static Table cars() {
    return bundled("cars");
  }

  private static Table bundled(String name) {
    String resource = name + ".csv";
    try (InputStream in = Tables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new DataFileException(resource, "the bundled table is missing from the jar;"
            + " rebuild with dsl/scripts/vega-to-csv.py");
      }
      return Readers.csv(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the bundled table " + resource, e);
    }
  }

  /**
   * Reports missing values per column: {@code column}, {@code type}, {@code missing} (count) and
   * {@code share}, plus a last row {@code (rows with any)} counting rows that miss at least one.
   *
   * <pre>{@code
   * Tables.missing(Tables.penguins());   // Sex: 10 missing, ...
   * }</pre>
   *
   * @param table any table
   * @return the report
   */
  public static Table missing(Table table) {
    Frame f = Frame.of(table);
    StringColumn col = StringColumn.create("column");
    StringColumn type = StringColumn.create("type");
    IntColumn count = IntColumn.create("missing");
    DoubleColumn share = DoubleColumn.create("share");
    boolean[] any = new boolean[f.rows()];
    for (String c : f.names()) {
      int n = 0;
      for (int r = 0; r < f.rows(); r++) {
        if (f.isMissing(c, r)) {
          n++;
          any[r] = true;
        }
      }
      col.append(c);
      type.append(f.isNumeric(c) ? "number" : "text");
      count.append(n);
      share.append(f.rows() == 0 ? 0 : (double) n / f.rows());
    }
    int rows = 0;
    for (boolean a : any) {
      rows += a ? 1 : 0;
    }
    col.append("(rows with any)");
    type.append("");
    count.append(rows);
    share.append(f.rows() == 0 ? 0 : (double) rows / f.rows());
    return Table.create("missing values of " + table.name(), col, type, count, share);
  }

  /**
   * Returns one row of a table as column name to value (null for missing), the raw row that
   * {@code model.predict(rawRow)} takes.
   *
   * <pre>{@code
   * Map<String, Object> row = Tables.row(Tables.penguins(), 0);
   * model.predict(row);   // "Adelie"
   * }</pre>
   *
   * @param table the table
   * @param index the row, in {@code [0, rowCount())}
   * @return the row
   */
  public static java.util.Map<String, Object> row(Table table, int index) {
    Objects.checkIndex(index, table.rowCount());
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String c : table.columnNames()) {
      var col = table.column(c);
      out.put(c, col.isMissing(index) ? null : col.get(index));
    }
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataFileException(file.toString(), "could not read it: " + e, e);
    }
  }

  private static String baseName(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
