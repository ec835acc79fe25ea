package dev.hone.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.data.Split;
import dev.hone.model.Fixtures;
import dev.hone.model.Model;
import dev.hone.model.Network;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class CompareTest {

  private static final Split BLOBS = Fixtures.blobs(400, 8, 3, 1.2, 7).split(0.25, 1);
  private static final TrainedModel DENSE = Model.mlp(8, 16, 3).train(BLOBS.train(),
      Train.epochs(3).batchSize(32).listener(TrainingListener.NONE));
  private static final List<Network> MODELS = List.of(DENSE, DENSE.prune(0.5), DENSE.prune(0.9),
      DENSE.pruneNeurons(0.5), DENSE.cluster(3));
  private static final Comparison COMPARISON = quick(Compare.of(MODELS)).on(BLOBS.test());

  /** Tiny timing counts: these tests check the bookkeeping, not the speed. */
  private static Compare quick(Compare c) {
    return c.latency(2, 10).throughput(16, 1, 3);
  }

  @Test
  void the_table_has_one_row_per_model_and_the_expected_columns() {
    var table = COMPARISON.toTable();
    assertEquals(MODELS.size(), table.rowCount());
    assertEquals(List.of("model", "form", "accuracy", "loss", "parameters", "non_zero",
        "sparsity", "file_bytes", "ratio", "p50_us", "p99_us", "samples_per_s", "runtime_b1"),
        table.columnNames());
    assertEquals(MODELS.size(), COMPARISON.rows().size());
    // Dense models answer single rows on ONNX Runtime (CPU), a 90%-pruned one on the heap kernel.
    assertEquals("onnxruntime", COMPARISON.row(0).runtime());
    assertTrue(COMPARISON.rows().stream().anyMatch(r -> r.runtime().equals("hone-sparse")),
        COMPARISON.rows().toString());
  }

  @Test
  void each_row_holds_what_its_model_reports_about_itself() {
    for (int i = 0; i < MODELS.size(); i++) {
      Network m = MODELS.get(i);
      Comparison.Row r = COMPARISON.row(i);
      assertEquals(i, r.index());
      assertEquals(m.evaluate(BLOBS.test()).accuracy(), r.accuracy(), 0.0, r.name());
      assertEquals(m.evaluate(BLOBS.test()).loss(), r.loss(), 1e-12, r.name());
      assertEquals(m.fileBytes(), r.fileBytes(), r.name());
      assertEquals(m.compressionRatio(), r.compressionRatio(), 0.0, r.name());
      assertEquals(m.parameterCount(), r.parameters(), r.name());
      assertEquals(m.nonZeroParameters(), r.nonZeroParameters(), r.name());
      assertEquals(m.sparsity(), r.sparsity(), 0.0, r.name());
      assertEquals(m.form(), r.form());
      assertEquals(m.provenance().toString(), r.provenance());
      assertTrue(r.latencyP50Micros() > 0 && r.latencyP99Micros() >= r.latencyP50Micros(),
          r.toString());
      assertTrue(r.samplesPerSecond() > 0, r.toString());
    }
  }

  @Test
  void the_model_pruned_to_ninety_percent_compresses_more_than_the_dense_one() {
    assertTrue(COMPARISON.row(2).compressionRatio() > COMPARISON.row(0).compressionRatio(),
        COMPARISON.row(2) + " vs " + COMPARISON.row(0));
  }

  @Test
  void names_are_the_steps_after_training_or_dense() {
    assertEquals("dense", COMPARISON.row(0).name());
    assertEquals("prune(sparsity=0.5)", COMPARISON.row(1).name());
    assertEquals("prune(sparsity=0.9)", COMPARISON.row(2).name());
    assertTrue(COMPARISON.row(3).name().startsWith("prune_neurons(fraction=0.5"),
        COMPARISON.row(3).name());
    assertTrue(COMPARISON.row(4).name().startsWith("cluster(bits=3"), COMPARISON.row(4).name());
    assertTrue(COMPARISON.row(1).provenance().startsWith("mlp(8,16,3) > train("));
  }

  @Test
  void a_fine_tune_step_is_named_by_its_epochs_only() {
    Network tuned = DENSE.prune(0.5).fineTune(BLOBS.train(),
        Train.epochs(1).batchSize(32).listener(TrainingListener.NONE));
    assertEquals("prune(sparsity=0.5) > fine_tune(epochs=1)",
        Compare.shortName(tuned.provenance()));
  }

  @Test
  void models_with_the_same_name_get_their_index_appended() {
    Comparison c = quick(Compare.of(DENSE, DENSE)).on(BLOBS.test());
    assertEquals(List.of("dense #0", "dense #1"),
        c.rows().stream().map(Comparison.Row::name).toList());
  }

  @Test
  void the_size_front_holds_the_most_accurate_and_the_smallest_model() {
    List<Comparison.Row> front = COMPARISON.pareto();
    assertFalse(front.isEmpty());
    double best = COMPARISON.rows().stream().mapToDouble(Comparison.Row::accuracy).max()
        .orElseThrow();
    assertTrue(front.stream().anyMatch(r -> r.accuracy() == best), front.toString());
    Comparison.Row smallest = COMPARISON.rows().stream()
        .min(Comparator.comparingLong(Comparison.Row::fileBytes)).orElseThrow();
    assertTrue(front.contains(smallest), front + " lacks " + smallest);
    assertFalse(COMPARISON.paretoLatency().isEmpty());
  }

  @Test
  void the_front_keeps_exactly_the_rows_no_other_row_beats() {
    // accuracy, bytes: a and e are cheapest for their accuracy; b and d tie; c loses to a.
    Comparison c = synthetic(new double[][] {{0.90, 1000}, {0.95, 2000}, {0.90, 1500},
        {0.95, 2000}, {0.80, 500}, {0.70, 600}});
    assertEquals(List.of(4, 0, 1, 3), c.pareto().stream().map(Comparison.Row::index).toList());
  }

  @Test
  void the_latency_front_uses_the_median_latency() {
    // Same accuracies as sizes, but latency reversed: the large model is now the fast one.
    Comparison c = synthetic(new double[][] {{0.90, 1000}, {0.95, 2000}});
    assertEquals(List.of(1), c.paretoLatency().stream().map(Comparison.Row::index).toList());
    assertEquals(List.of(0, 1), c.pareto().stream().map(Comparison.Row::index).toList());
  }

  /** Rows of the given accuracy and bytes; latency falls as bytes rise. */
  private static Comparison synthetic(double[][] accuracyBytes) {
    List<Comparison.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < accuracyBytes.length; i++) {
      double acc = accuracyBytes[i][0];
      long bytes = (long) accuracyBytes[i][1];
      rows.add(new Comparison.Row(i, "m" + i, "p" + i, "dense", acc, 0.1, 100, 100, 0, bytes,
          1.0, 1e6 / bytes, 2e6 / bytes, 1000, "djl-pytorch", DENSE));
    }
    return new Comparison("synthetic", 10, 10, 16, rows);
  }

  @Test
  void a_model_whose_inputs_differ_is_rejected_naming_it() {
    TrainedModel other = Model.mlp(5, 4, 3).train(Fixtures.blobs(60, 5, 3, 0.6, 3),
        Train.epochs(1).batchSize(16).listener(TrainingListener.NONE));
    var e = assertThrows(IllegalArgumentException.class,
        () -> quick(Compare.of(DENSE, DENSE.prune(0.5), other)).on(BLOBS.test()));
    assertTrue(e.getMessage().contains("model 2"), e.getMessage());
    assertTrue(e.getMessage().contains("5 inputs"), e.getMessage());
    assertTrue(e.getMessage().contains("8 features"), e.getMessage());
  }

  @Test
  void data_with_other_classes_is_rejected_naming_the_model() {
    Dataset fourClasses = Fixtures.blobs(40, 8, 4, 0.6, 3);
    var e = assertThrows(IllegalArgumentException.class,
        () -> quick(Compare.of(DENSE)).on(fourClasses));
    assertTrue(e.getMessage().contains("model 0"), e.getMessage());
    assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
  }

  @Test
  void comparing_no_models_is_an_error() {
    assertThrows(IllegalArgumentException.class, () -> Compare.of());
    assertThrows(IllegalArgumentException.class, () -> Compare.of(List.of()));
  }

  @Test
  void timing_settings_out_of_range_are_rejected() {
    Compare c = Compare.of(DENSE);
    assertThrows(IllegalArgumentException.class, () -> c.latency(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> c.latency(0, 0));
    assertThrows(IllegalArgumentException.class, () -> c.throughput(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> c.throughput(8, 1, 0));
  }

  @Test
  void asking_for_a_row_that_is_not_there_names_the_range() {
    var e = assertThrows(IndexOutOfBoundsException.class, () -> COMPARISON.row(5));
    assertTrue(e.getMessage().contains("0 to 4"), e.getMessage());
  }

  @Test
  void the_mime_bundle_has_text_html_and_a_png() {
    Map<String, String> bundle = COMPARISON.toMimeBundle();
    assertTrue(bundle.get("text/plain").contains("prune(sparsity=0.9)"));
    assertTrue(bundle.get("text/plain").contains("Pareto front"));
    String html = bundle.get("text/html");
    assertTrue(html.contains("<table>") && html.contains("\u2605"), html);
    assertTrue(html.contains("data:image/png;base64,"));
    byte[] png = Base64.getDecoder().decode(bundle.get("image/png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void the_charts_show_every_model_and_the_front() {
    XYChart bytes = COMPARISON.bytesChart();
    assertTrue(!bytes.getStyler().isXAxisLogarithmic() || bytes.getStyler().isXAxisLogarithmicDecadeOnly(),
        "a log axis is labelled at its decades only");
    assertEquals(MODELS.size() + 1, bytes.getSeriesMap().size());
    assertTrue(bytes.getSeriesMap().containsKey("Pareto front"));
    assertEquals(MODELS.size() + 1, COMPARISON.latencyChart().getSeriesMap().size());
  }

  @Test
  void sizes_get_a_log_axis_only_when_two_decades_label_it() {
    assertTrue(Comparison.logScale(8, 1_300), "10 and 100 and 1,000 lie within");
    assertTrue(Comparison.logScale(10, 100));
    assertFalse(Comparison.logScale(15, 140), "one decade mark alone");
    assertFalse(Comparison.logScale(60, 130), "the span that ran together as 80 90100");
    assertFalse(Comparison.logScale(0, 100), "no log axis through zero");
  }

  @Test
  void one_model_alone_still_renders() {
    Comparison c = quick(Compare.of(DENSE)).on(BLOBS.test());
    assertEquals(List.of(c.row(0)), c.pareto());
    assertTrue(c.toMimeBundle().containsKey("image/png"));
  }

  @Test
  void long_legend_labels_break_before_a_step_and_short_ones_stay_whole() {
    String shortName = "\u2605 prune(sparsity=0.9) > fine_tune(epochs=2)";
    assertEquals(shortName, Comparison.wrapped(shortName, Comparison.LEGEND_CHARS));
    String longName = "prune(sparsity=0.9) > fine_tune(epochs=2) > cluster(bits=5, init=linear)"
        + " > fine_tune(epochs=1)";
    String wrapped = Comparison.wrapped(longName, Comparison.LEGEND_CHARS);
    assertEquals("prune(sparsity=0.9) > fine_tune(epochs=2) > cluster(bits=5, init=linear)\n"
        + "  > fine_tune(epochs=1)", wrapped);
    for (String line : wrapped.split("\n")) {
      assertTrue(line.length() <= Comparison.LEGEND_CHARS, line);
    }
  }
}
