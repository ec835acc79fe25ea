package dev.hone.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void step_decay_is_lr_times_gamma_to_the_epoch_over_the_step() {
    TrainConfig c = Train.epochs(30).sgd(0.1).stepDecay(0.1, 10);
    assertEquals(0.1, c.learningRateAt(0), 1e-15);
    assertEquals(0.1, c.learningRateAt(9.9), 1e-15);
    assertEquals(0.01, c.learningRateAt(10), 1e-15);
    assertEquals(0.001, c.learningRateAt(25), 1e-15);
  }

  @Test
  void multi_step_drops_at_each_milestone() {
    TrainConfig c = Train.epochs(10).sgd(1).multiStep(0.5, 2, 5);
    assertEquals(1, c.learningRateAt(1.5), 1e-15);
    assertEquals(0.5, c.learningRateAt(2), 1e-15);
    assertEquals(0.25, c.learningRateAt(7), 1e-15);
  }

  @Test
  void exponential_multiplies_every_epoch() {
    TrainConfig c = Train.epochs(10).sgd(1).exponentialDecay(0.9);
    assertEquals(Math.pow(0.9, 3), c.learningRateAt(3.5), 1e-15);
  }

  @Test
  void cosine_goes_from_the_base_rate_to_zero() {
    TrainConfig c = Train.epochs(10).sgd(1).cosine();
    assertEquals(1, c.learningRateAt(0), 1e-12);
    assertEquals(0.5, c.learningRateAt(5), 1e-12);
    assertEquals(0, c.learningRateAt(10), 1e-12);
  }

  @Test
  void warmup_rises_linearly_then_follows_the_cosine() {
    TrainConfig c = Train.epochs(10).sgd(1).warmupCosine(2);
    assertEquals(0.25, c.learningRateAt(0.5), 1e-12);
    assertEquals(1, c.learningRateAt(2), 1e-12);
    assertEquals(0.5, c.learningRateAt(6), 1e-12);
  }

  @Test
  void polynomial_decay_of_power_one_is_linear() {
    TrainConfig c = Train.epochs(4).sgd(1).polynomialDecay(1);
    assertEquals(0.75, c.learningRateAt(1), 1e-12);
    assertEquals(0, c.learningRateAt(4), 1e-12);
  }

  @Test
  void impossible_arguments_are_rejected_with_the_value() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new LearningRateSchedule.StepDecay(1.5, 3));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new LearningRateSchedule.MultiStep(0.1, List.of(5, 3)));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.StepDecay(0.1, 0));
  }

  @Property
  void every_schedule_stays_within_zero_and_one(
      @ForAll @DoubleRange(min = 0, max = 50) double epoch,
      @ForAll @IntRange(min = 1, max = 50) int total) {
    for (LearningRateSchedule s : List.of(new LearningRateSchedule.Constant(),
        new LearningRateSchedule.StepDecay(0.5, 3),
        new LearningRateSchedule.MultiStep(0.1, List.of(2, 7)),
        new LearningRateSchedule.Exponential(0.95), new LearningRateSchedule.Cosine(2, 0.01),
        new LearningRateSchedule.Polynomial(2, 0))) {
      double f = s.factor(Math.min(epoch, total), total);
      assertTrue(f >= 0 && f <= 1 + 1e-12, s + " gave " + f);
    }
  }
}
