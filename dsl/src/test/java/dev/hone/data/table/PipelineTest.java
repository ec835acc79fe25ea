package dev.hone.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Each pipeline step on synthetic tables, fit-on-train-only, bad input, and the saved form. */
class PipelineTest {

  private static final String TOY = """
      x,color,y,label
      1,red,10,a
      2,blue,,b
      ,red,30,a
      4,green,40,b
      100,blue,50,a
      2,blue,,b
      """;

  private static Table toy() {
    return Tables.csvText("toy", TOY);
  }

  private static long cells(FittedPipeline p, int row) {
    return p.report().longColumn("cells changed").get(row);
  }

  private static int rowsRemoved(FittedPipeline p, int row) {
    return p.report().intColumn("rows removed").get(row);
  }

  @Test
  void impute_learns_mean_median_most_frequent_and_constant_and_counts_the_cells() {
    FittedPipeline mean = Pipeline.label("label").impute(Impute.MEAN).fit(toy());
    // x: mean of 1,2,4,100,2 = 21.8; y: mean of 10,30,40,50 = 32.5
    assertEquals("x=21.8, y=32.5", mean.report().stringColumn("learned").get(1));
    assertEquals(3, cells(mean, 1), "one x and two y cells filled");
    Table out = mean.transform(toy());
    assertEquals(21.8, out.doubleColumn("x").get(2), 1e-12);

    FittedPipeline median = Pipeline.label("label").impute(Impute.MEDIAN, "y").fit(toy());
    assertEquals(35, median.transform(toy()).doubleColumn("y").get(1), 1e-12);

    FittedPipeline frequent = Pipeline.label("label").impute(Impute.MOST_FREQUENT, "x")
        .fit(toy());
    assertEquals(2, frequent.transform(toy()).doubleColumn("x").get(2), 1e-12);

    FittedPipeline constant = Pipeline.label("label").imputeConstant("-1", "y").fit(toy());
    assertEquals(-1, constant.transform(toy()).doubleColumn("y").get(5), 1e-12);
    assertEquals(2, cells(constant, 1));
  }

  @Test
  void fitted_statistics_come_from_the_training_table_only() {
    Table train = toy();
    Table test = Tables.csvText("test", "x,color,y,label\n1000,red,,a\n-5,blue,7,b\n");
    Pipeline p = Pipeline.label("label").impute(Impute.MEAN).standardize("x");
    FittedPipeline fitted = p.fit(train);
    String before = fitted.toJson();
    Table t = fitted.transform(test);
    assertEquals(before, fitted.toJson(), "applying to test data changes nothing fitted");
    assertEquals(before, p.fit(train).toJson(), "fitting is deterministic");
    // y of the test row is filled with the TRAIN mean, 32.5, not the test mean 7
    assertEquals(32.5, t.doubleColumn("y").get(0), 1e-12);
    // x uses the train mean and deviation
    double[] xs = {1, 2, 21.8, 4, 100, 2};
    double mean = 0;
    for (double v : xs) {
      mean += v / xs.length;
    }
    double var = 0;
    for (double v : xs) {
      var += (v - mean) * (v - mean) / xs.length;
    }
    assertEquals((1000 - mean) / Math.sqrt(var), t.doubleColumn("x").get(0), 1e-9);
  }

  @Property(tries = 50)
  void standardized_training_columns_have_mean_0_and_deviation_1_whatever_the_test_data(
      @ForAll @Size(min = 3, max = 40) List<@DoubleRange(min = -1e3, max = 1e3) Double> train,
      @ForAll @Size(min = 1, max = 10) List<@DoubleRange(min = -1e6, max = 1e6) Double> test) {
    if (train.stream().distinct().count() < 2) {
      return;
    }
    Table tr = table(train);
    FittedPipeline f = Pipeline.label("label").standardize().fit(tr);
    double[] z = f.transform(tr).doubleColumn("v").asDoubleArray();
    double m = java.util.Arrays.stream(z).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(z).map(v -> (v - m) * (v - m)).average()
        .orElseThrow());
    assertEquals(0, m, 1e-6);
    assertEquals(1, sd, 1e-6);
    String fitted = f.toJson();
    f.transform(table(test));
    assertEquals(fitted, f.toJson());
  }

  private static Table table(List<Double> values) {
    DoubleColumn v = DoubleColumn.create("v", values.stream().mapToDouble(d -> d).toArray());
    StringColumn l = StringColumn.create("label");
    for (int i = 0; i < values.size(); i++) {
      l.append(i % 2 == 0 ? "a" : "b");
    }
    return Table.create("t", v, l);
  }

  @Test
  void outliers_by_iqr_are_clipped_or_dropped_and_counted() {
    Table t = Tables.csvText("t", "x,label\n1,a\n2,b\n3,a\n4,b\n5,a\n100,b\n");
    FittedPipeline clip = Pipeline.label("label").outliers(Outliers.iqr(1.5)).fit(t);
    assertEquals(1, cells(clip, 1));
    // Q1 = 2.25, Q3 = 4.75 (linear interpolation), fence = 4.75 + 1.5 * 2.5 = 8.5
    assertEquals(8.5, clip.transform(t).doubleColumn("x").get(5), 1e-12);
    FittedPipeline drop = Pipeline.label("label").outliers(Outliers.iqr(1.5).drop()).fit(t);
    assertEquals(1, rowsRemoved(drop, 1));
    assertEquals(5, drop.trainRows());
    assertEquals(6, drop.transform(t).rowCount(), "test rows are never dropped as outliers");
    FittedPipeline z = Pipeline.label("label").outliers(Outliers.zScore(2).drop()).fit(t);
    assertEquals(1, rowsRemoved(z, 1));
  }

  @Test
  void duplicates_missing_rows_and_sparse_rows_are_dropped_from_training_and_counted() {
    FittedPipeline dup = Pipeline.label("label").dropDuplicates().fit(toy());
    assertEquals(1, rowsRemoved(dup, 1), "the last row repeats row 2");
    FittedPipeline missing = Pipeline.label("label").dropMissing("y").fit(toy());
    assertEquals(2, rowsRemoved(missing, 1));
    assertEquals(4, missing.transform(toy()).rowCount(), "missing rows drop from test too");
    FittedPipeline sparse = Pipeline.label("label").dropRowsMissingMoreThan(0.2).fit(toy());
    assertEquals(3, rowsRemoved(sparse, 1));
  }

  @Test
  void numbers_read_as_text_are_parsed_and_unparseable_cells_counted() {
    Table t = Tables.csvText("t", "hp,label\n130,a\n?,b\n95,a\n");
    FittedPipeline p = Pipeline.label("label").toNumbers("hp").fit(t);
    assertEquals(1, cells(p, 1));
    Table out = p.transform(t);
    assertTrue(out.column("hp").isMissing(1));
    assertEquals(95, out.doubleColumn("hp").get(2));
  }

  @Test
  void one_hot_makes_a_column_per_training_category_and_rejects_unseen_ones() {
    Table clean = toy().dropRowsWithMissingValues();
    FittedPipeline p = Pipeline.label("label").oneHot("color").fit(clean);
    assertEquals(List.of("x", "color=blue", "color=green", "color=red", "y"), p.featureNames());
    Table test = Tables.csvText("t", "x,color,y,label\n1,purple,2,a\n");
    var e = assertThrows(IllegalArgumentException.class, () -> p.transform(test));
    assertTrue(e.getMessage().contains("'color' is 'purple'")
        && e.getMessage().contains("[blue, green, red]"), e.getMessage());

    FittedPipeline bucket = Pipeline.label("label").oneHotWithUnknown("color").fit(clean);
    Table out = bucket.transform(test);
    assertEquals(1, out.doubleColumn("color=(unknown)").get(0));
    assertEquals(1, bucket.changes(test).longColumn("cells changed").get(1));
  }

  @Test
  void a_placeholder_becomes_missing_and_is_counted() {
    FittedPipeline p = Pipeline.label("Species").markMissing(".", "Sex").dropMissing("Sex")
        .fit(Tables.penguins());
    assertEquals(1, cells(p, 1), "one penguin's Sex is '.'");
    assertEquals(11, rowsRemoved(p, 2), "10 missing and the '.'");
  }

  @Test
  void ordinal_codes_sorted_categories() {
    FittedPipeline p = Pipeline.label("label").ordinal("color").fit(toy());
    double[] codes = p.transform(toy()).doubleColumn("color").asDoubleArray();
    assertArrayEquals(new double[] {2, 0, 2, 1, 0, 0}, codes);
  }

  @Test
  void log_power_and_bins_transform_numbers() {
    Table t = Tables.csvText("t", "x,label\n0,a\n3,b\n8,a\n-4,b\n");
    assertEquals(Math.log1p(3), Pipeline.label("label").log("x").fit(
        Tables.csvText("t", "x,label\n0,a\n3,b\n")).transform(
        Tables.csvText("t", "x,label\n3,a\n")).doubleColumn("x").get(0), 1e-12);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("label").log("x").fit(t));
    assertTrue(e.getMessage().contains("-4"), e.getMessage());
    double[] sqrt = Pipeline.label("label").power(0.5, "x").fit(t).transform(t)
        .doubleColumn("x").asDoubleArray();
    assertArrayEquals(new double[] {0, Math.sqrt(3), Math.sqrt(8), -2}, sqrt, 1e-12);
    double[] bins = Pipeline.label("label").bin(4, "x").fit(t).transform(t)
        .doubleColumn("x").asDoubleArray();
    // range -4..8, edges -1, 2, 5
    assertArrayEquals(new double[] {1, 2, 3, 0}, bins);
  }

  @Test
  void min_max_scales_training_values_to_0_1() {
    Table t = Tables.csvText("t", "x,label\n2,a\n4,b\n6,a\n");
    FittedPipeline p = Pipeline.label("label").minMax().fit(t);
    assertArrayEquals(new double[] {0, 0.5, 1}, p.transform(t).doubleColumn("x")
        .asDoubleArray(), 1e-12);
    assertEquals(2.0, p.transform(Tables.csvText("u", "x,label\n10,a\n")).doubleColumn("x")
        .get(0), 1e-12, "test values beyond the training range go beyond 1");
  }

  @Test
  void a_dataset_has_class_ids_and_keeps_the_class_names() {
    FittedPipeline p = Pipeline.label("label").impute(Impute.MEAN).oneHot().fit(toy());
    Dataset d = p.dataset(toy());
    assertEquals(List.of("a", "b"), d.classNames());
    assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, d.labels());
    assertEquals(5, d.featureCount());
    assertTrue(d.preprocessing().isPresent());
    assertEquals(d.classNames(), d.take(2).classNames(), "subsets keep the names");
  }

  @Test
  void an_unknown_column_is_an_error_that_lists_the_columns() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("label").impute(Impute.MEAN, "z").fit(toy()));
    assertTrue(e.getMessage().contains("no column 'z'")
        && e.getMessage().contains("[x, color, y, label]"), e.getMessage());
    var l = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("species").fit(toy()));
    assertTrue(l.getMessage().contains("'species'"), l.getMessage());
  }

  @Test
  void an_unknown_feature_or_label_column_is_an_error_that_lists_the_columns() {
    var f = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("label").features("x", "weight").fit(toy()));
    assertTrue(f.getMessage().contains("no column 'weight'")
        && f.getMessage().contains("[x, color, y, label]"), f.getMessage());
    var l = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("species").features("x").fit(toy()));
    assertTrue(l.getMessage().contains("no column 'species'")
        && l.getMessage().contains("[x, color, y, label]"), l.getMessage());
    var s = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("species").impute(Impute.MEAN).fitSplit(toy(), 0.5, 1));
    assertTrue(s.getMessage().contains("'species'")
        && s.getMessage().contains("[x, color, y, label]"), s.getMessage());
  }

  @Test
  void an_entirely_missing_column_is_an_error_naming_it() {
    Table t = Tables.csvText("t", "x,e,label\n1,,a\n2,,b\n");
    var e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("label").impute(Impute.MEDIAN, "e").fit(t));
    assertTrue(e.getMessage().contains("'e'") && e.getMessage().contains("entirely missing"),
        e.getMessage());
  }

  @Test
  void a_label_with_one_class_is_an_error() {
    Table t = Tables.csvText("t", "x,label\n1,a\n2,a\n");
    var e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("label").fit(t));
    assertTrue(e.getMessage().contains("one class [a]"), e.getMessage());
  }

  @Test
  void a_text_feature_left_unencoded_is_an_error_that_suggests_encoders() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.label("label").impute(Impute.MEAN).fit(toy()).dataset(toy()));
    assertTrue(e.getMessage().contains("'color' still holds text"), e.getMessage());
  }

  @Test
  void the_saved_form_reads_back_equal_and_encodes_rows_the_same() {
    FittedPipeline p = Pipeline.label("label").toNumbers("x").impute(Impute.MEDIAN)
        .outliers(Outliers.zScore(3)).oneHotWithUnknown("color").bin(3, "y").minMax("x")
        .fit(toy());
    FittedPipeline back = FittedPipeline.fromJson(p.toJson());
    assertEquals(p, back);
    Map<String, Object> row = new HashMap<>();
    row.put("x", 3);
    row.put("color", "green");
    row.put("y", null);
    assertArrayEquals(p.encode(row), back.encode(row));
    assertEquals(p.report().printAll(), back.report().printAll());
  }

  @Test
  void a_raw_row_without_a_needed_column_is_an_error_naming_it() {
    FittedPipeline p = Pipeline.label("label").impute(Impute.MEAN).oneHot().fit(toy());
    var e = assertThrows(IllegalArgumentException.class, () -> p.encode(Map.of("x", 1)));
    assertTrue(e.getMessage().contains("no column 'color'"), e.getMessage());
  }

  @Test
  void it_displays_as_a_table_of_steps_in_text_and_html() {
    FittedPipeline p = Pipeline.label("label").impute(Impute.MEAN).oneHot().standardize()
        .fit(toy());
    Map<String, String> b = p.toMimeBundle();
    assertTrue(b.get("text/plain").contains("impute(mean)"), b.get("text/plain"));
    assertTrue(b.get("text/html").contains("<table>") && b.get("text/html").contains("one_hot"));
    assertFalse(b.get("text/html").contains("<script"));
  }

  @Test
  void fit_split_fits_on_the_train_rows_only() {
    Table penguins = Tables.penguins();
    TableSplit s = Pipeline.label("Species").dropMissing().oneHot().standardize()
        .fitSplit(penguins, 0.25, 7);
    assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), s.train().classNames());
    assertEquals(334 - s.test().size(), s.train().size(), "10 rows miss a field");
    // the training features are standardized: each column of train has mean ~0
    float[][] rows = s.train().rows();
    for (int j = 0; j < 4; j++) {
      double m = 0;
      for (float[] r : rows) {
        m += r[j] / rows.length;
      }
      assertEquals(0, m, 1e-4);
    }
    assertTrue(s.toMimeBundle().get("text/html").contains("test rows"));
  }
}
