package dev.hone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.data.table.Impute;
import dev.hone.data.table.Pipeline;
import dev.hone.data.table.TableSplit;
import dev.hone.data.table.Tables;
import dev.hone.runtime.Device;
import dev.hone.train.Train;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** A model trained on a table keeps its pipeline: evaluation by name, raw-row prediction, files. */
class TableModelTest {

  private static TableSplit data;
  private static TrainedModel model;

  @BeforeAll
  static void train() {
    data = Pipeline.label("Species").markMissing(".", "Sex").dropMissing("Sex").impute(Impute.MEDIAN)
        .oneHotWithUnknown("Island").oneHot("Sex").standardize()
        .fitSplit(Tables.penguins(), 0.2, 42);
    model = Model.mlp(data.featureCount(), 16, data.classes())
        .train(data.train(), Train.epochs(30).batchSize(16).adam(1e-2).seed(3)
            .device(Device.cpu()));
  }

  @Test
  void a_model_trained_on_penguins_is_accurate_and_its_evaluation_shows_species_names() {
    Evaluation e = model.evaluate(data.test());
    assertTrue(e.accuracy() > 0.9, "accuracy " + e.accuracy());
    assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), e.classNames());
    assertTrue(e.toMimeBundle().get("text/html").contains("<th>Gentoo</th>"));
    assertEquals("Chinstrap", e.toTable().stringColumn("name").get(1));
  }

  @Test
  void it_predicts_from_a_raw_row_of_the_table() {
    Table penguins = Tables.penguins();
    int right = 0;
    int rows = 0;
    for (int r = 0; r < penguins.rowCount(); r++) {
      Map<String, Object> row = Tables.row(penguins, r);
      if (row.containsValue(null) || ".".equals(row.get("Sex"))) {
        continue;
      }
      rows++;
      right += model.predict(row).equals(row.get("Species")) ? 1 : 0;
    }
    assertTrue(right > 0.9 * rows, right + " of " + rows);
  }

  @Test
  void saved_and_loaded_it_predicts_the_same_from_raw_rows(@TempDir Path dir) {
    Path f = dir.resolve("penguins.hone");
    model.save(f);
    Network back = Model.load(f);
    Table penguins = Tables.penguins().dropRowsWithMissingValues();
    penguins = penguins.where(penguins.stringColumn("Sex").isNotEqualTo("."));
    assertEquals(model.predict(penguins), back.predict(penguins));
    assertEquals(model.spec(), back.spec());
    Dataset test = data.test();
    assertArrayEquals(model.predict(test.rows()), back.predict(test.rows()));
    assertEquals(model.evaluate(test).classNames(), back.evaluate(test).classNames());
  }

  @Test
  void pruned_and_quantized_forms_keep_the_pipeline(@TempDir Path dir) {
    Map<String, Object> row = Tables.row(Tables.penguins(), 0);
    assertEquals(model.predict(row), model.prune(0.3).predict(row));
    Path f = dir.resolve("p.hone");
    model.prune(0.3).save(f);
    assertEquals(model.prune(0.3).predict(row), Model.load(f).predict(row));
  }

  @Test
  void an_unseen_category_at_prediction_is_an_error_unless_it_has_a_bucket() {
    Map<String, Object> row = new HashMap<>(Tables.row(Tables.penguins(), 0));
    row.put("Island", "Atlantis");   // Island has an unknown bucket: accepted
    model.predict(row);
    row.put("Island", "Dream");
    row.put("Sex", "UNSURE");
    var e = assertThrows(IllegalArgumentException.class, () -> model.predict(row));
    assertTrue(e.getMessage().contains("'Sex' is 'UNSURE'"), e.getMessage());
    row.put("Sex", null);
    var m = assertThrows(IllegalArgumentException.class, () -> model.predict(row));
    assertTrue(m.getMessage().contains("'Sex' is missing"), m.getMessage());
  }

  @Test
  void a_model_trained_on_arrays_cannot_read_raw_rows() {
    Dataset xor = Dataset.of("xor", new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
        new int[] {0, 1, 1, 0}, 2);
    TrainedModel m = Model.mlp(2, 4, 2).train(xor, Train.epochs(1).device(Device.cpu()));
    var e = assertThrows(IllegalStateException.class, () -> m.predict(Map.of("a", 1)));
    assertTrue(e.getMessage().contains("feature arrays"), e.getMessage());
  }
}
