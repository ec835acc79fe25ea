package dev.hone.data.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.DataFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Loading CSV and JSON, the bundled tables and the missing-value report. */
class TablesTest {

  @Test
  void the_bundled_penguins_have_344_rows_and_10_with_missing_fields() {
    Table p = Tables.penguins();
    assertEquals(344, p.rowCount());
    assertEquals(7, p.columnCount());
    Table missing = Tables.missing(p);
    int last = missing.rowCount() - 1;
    assertEquals("(rows with any)", missing.stringColumn("column").get(last));
    assertEquals(10, missing.intColumn("missing").get(last));
    assertEquals(ColumnType.DOUBLE, p.column("Body Mass (g)").type());
    assertEquals(ColumnType.STRING, p.column("Sex").type());
    assertEquals(10, missing.intColumn("missing").get(6), "Sex is missing in 10 rows");
  }

  @Test
  void the_bundled_cars_have_406_rows_and_14_with_missing_fields() {
    Table c = Tables.cars();
    assertEquals(406, c.rowCount());
    Table missing = Tables.missing(c);
    assertEquals(14, missing.intColumn("missing").get(missing.rowCount() - 1));
    assertEquals(6, missing.where(missing.stringColumn("column").isEqualTo("Horsepower"))
        .intColumn("missing").get(0));
  }

  @Test
  void csv_reads_numbers_text_quotes_and_missing_cells() {
    Table t = Tables.csvText("toy", "x,name,y\n1,\"a, b\",2.5\n,\"say \"\"hi\"\"\",NA\n3,c,4\n");
    assertEquals(3, t.rowCount());
    assertEquals(ColumnType.DOUBLE, t.column("x").type());
    assertEquals("a, b", t.stringColumn("name").get(0));
    assertEquals("say \"hi\"", t.stringColumn("name").get(1));
    assertTrue(t.column("x").isMissing(1));
    assertTrue(t.column("y").isMissing(1));
    assertEquals(ColumnType.STRING, Tables.csvText("t", "h\n?\n1\n").column("h").type(),
        "a column with '?' stays text, for toNumbers to parse");
  }

  @Test
  void a_ragged_csv_row_is_an_error_naming_its_line(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "a,b,c\n1,2,3\n4,5\n6,7,8\n");
    var e = assertThrows(DataFileException.class, () -> Tables.csv(f));
    assertTrue(e.getMessage().contains("line 3 has 2 fields, expected 3"), e.getMessage());
    assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
  }

  @Test
  void json_reads_nulls_and_absent_keys_as_missing(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rows.json");
    Files.writeString(f, "[{\"x\": 1, \"s\": \"a\"}, {\"x\": null}, {\"s\": \"b\", \"x\": 2.5}]");
    Table t = Tables.json(f);
    assertEquals("rows", t.name());
    assertEquals(3, t.rowCount());
    assertEquals(ColumnType.DOUBLE, t.column("x").type());
    assertTrue(t.column("x").isMissing(1));
    assertTrue(t.column("s").isMissing(1));
    assertEquals(2.5, t.doubleColumn("x").get(2));
  }

  @Test
  void json_that_is_not_an_array_of_objects_is_an_error_naming_the_file(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("obj.json");
    Files.writeString(f, "{\"x\": 1}");
    var e = assertThrows(DataFileException.class, () -> Tables.json(f));
    assertTrue(e.getMessage().contains("obj.json") && e.getMessage().contains("array"),
        e.getMessage());
  }

  @Test
  void the_bundled_json_source_and_csv_agree_on_missing_counts() {
    // the converter keeps every null: penguins' numeric columns miss 2 values each
    Table missing = Tables.missing(Tables.penguins());
    for (int i = 2; i <= 5; i++) {
      assertEquals(2, missing.intColumn("missing").get(i), missing.stringColumn("column").get(i));
    }
  }

  @Test
  void a_raw_row_maps_columns_to_values_with_null_for_missing() {
    var row = Tables.row(Tables.penguins(), 3);   // the fourth penguin has no measurements
    assertEquals("Adelie", row.get("Species"));
    assertEquals(null, row.get("Body Mass (g)"));
  }
}
