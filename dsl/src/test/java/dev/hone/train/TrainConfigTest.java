package dev.hone.train;

import dev.hone.runtime.Device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainConfigTest {

  @Test
  void zero_epochs_are_rejected_naming_the_value() {
    var e = assertThrows(IllegalArgumentException.class, () -> Train.epochs(0));
    assertEquals("epochs must be > 0, was 0", e.getMessage());
  }

  @Test
  void copy_methods_leave_the_original_unchanged() {
    TrainConfig base = Train.epochs(3);
    TrainConfig changed = base.batchSize(256).sgd(0.5).seed(1);
    assertEquals(32, base.batchSize());
    assertEquals(256, changed.batchSize());
    assertEquals(new Optimizer.Adam(1e-3), base.optimizer());
    assertEquals(new Optimizer.Sgd(0.5), changed.optimizer());
    assertNull(base.listener());
  }

  @Test
  void early_stopping_needs_a_validation_split() {
    var e = assertThrows(IllegalArgumentException.class, () -> Train.epochs(3).earlyStopping(2));
    assertTrue(e.getMessage().contains("validation"), e.getMessage());
    assertEquals(2, Train.epochs(3).validation(0.1).earlyStopping(2).earlyStoppingPatience());
  }

  @Test
  void bad_hyperparameters_name_the_parameter_and_value() {
    var lr = assertThrows(IllegalArgumentException.class, () -> Train.epochs(1).adam(-1));
    assertEquals("learningRate must be a finite number > 0, was -1.0", lr.getMessage());
    var mu = assertThrows(IllegalArgumentException.class, () -> Train.epochs(1).momentum(0.1, 1));
    assertTrue(mu.getMessage().contains("momentum"), mu.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Train.epochs(1).validation(1.0));
    assertThrows(IllegalArgumentException.class, () -> Train.epochs(1).batchSize(0));
    assertThrows(IllegalArgumentException.class, () -> Train.epochs(1).weightDecay(Double.NaN));
  }

  @Test
  void describe_lists_what_differs_from_the_defaults() {
    assertEquals("train(epochs=10, batch=128, adam(lr=0.001), step(0.1, every 5), seed=42)",
        Train.epochs(10).batchSize(128).adam(1e-3).stepDecay(0.1, 5).describe());
    assertEquals("train(epochs=2, batch=32, adamw(lr=0.001, wd=0.01), val=0.1, seed=42)",
        Train.epochs(2).adamW(1e-3, 0.01).validation(0.1).describe());
  }

  @Test
  void devices_parse_and_reject_unknown_names() {
    assertEquals(Device.gpu(1), Device.parse("gpu:1"));
    assertEquals(Device.cpu(), Device.parse(" CPU "));
    var e = assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
    assertTrue(e.getMessage().contains("tpu"), e.getMessage());
  }

  @Test
  void terminal_progress_prints_one_line_per_epoch_when_not_interactive() {
    var bytes = new java.io.ByteArrayOutputStream();
    var bar = new TerminalProgressBar(new java.io.PrintStream(bytes, true), false);
    bar.onStart(new TrainingPlan("m", 2, 3, 96, 0));
    bar.onBatch(new BatchProgress(1, 1, 3, 0.9, 0.9, 0.1));
    bar.onEpoch(new EpochStats(1, 0.5, 0.8, Double.NaN, Double.NaN, 0.1, 1.0, 96, 0));
    String out = bytes.toString();
    assertTrue(out.contains("epoch 1/2  loss 0.5000  acc 0.8000"), out);
    assertTrue(!out.contains("\r"), "no carriage returns in logs");
  }

  @Test
  void adamw_with_one_argument_uses_pytorchs_default_decay() {
    assertEquals(new Optimizer.Adam(1e-3, 0.9, 0.999, 1e-8, 0.01),
        Train.epochs(1).adamW(1e-3).optimizer());
    assertEquals(new Optimizer.Adam(1e-3, 0.9, 0.999, 1e-8, 0.05),
        Train.epochs(1).adamW(1e-3, 0.05).optimizer());
  }
}
