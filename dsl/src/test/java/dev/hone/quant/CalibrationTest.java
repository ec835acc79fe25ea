package dev.hone.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Activation ranges from calibration data: min/max, percentile and entropy. */
class CalibrationTest {

  /** {@code n} standard normal values, then the given outliers. */
  private static float[] gaussianWithOutliers(long seed, int n, float... outliers) {
    Random random = new Random(seed);
    float[] v = Arrays.copyOf(new float[0], n + outliers.length);
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    System.arraycopy(outliers, 0, v, n, outliers.length);
    return v;
  }

  private static float[] relu(float[] values) {
    float[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(0f, out[i]);
    }
    return out;
  }

  @Test
  void min_max_is_the_observed_extremes() {
    assertEquals(new Range(-1.5f, 3.25f),
        Calibration.minMax().range(new float[] {0f, 3.25f, -1.5f, 2f}));
    assertEquals(new Range(7f, 7f), Calibration.minMax().range(new float[] {7f}));
  }

  @Property(tries = 200)
  void percentile_100_is_min_max(
      @ForAll @Size(min = 1, max = 300) float @FloatRange(min = -1e6f, max = 1e6f) [] values) {
    assertEquals(Calibration.minMax().range(values),
        Calibration.percentile(100).range(values));
  }

  @Test
  void percentile_is_the_nearest_rank_of_the_magnitudes() {
    float[] oneToHundred = new float[100];
    for (int i = 0; i < 100; i++) {
      oneToHundred[i] = 100 - i; // order does not matter
    }
    assertEquals(new Range(1f, 99f), Calibration.percentile(99).range(oneToHundred));
    assertEquals(new Range(1f, 50f), Calibration.percentile(50).range(oneToHundred));
    assertEquals(new Range(1f, 1f), Calibration.percentile(0.5).range(oneToHundred));
    float[] signed = {-4f, -3f, -2f, -1f, 1f, 2f, 3f, 4f}; // |x| = 1 1 2 2 3 3 4 4
    assertEquals(new Range(-3f, 3f), Calibration.percentile(75).range(signed));
  }

  @Test
  void percentile_99_clips_a_few_outliers() {
    float[] v = gaussianWithOutliers(11, 10_000, 80f, -90f, 100f, -120f, 150f);
    Range minMax = Calibration.minMax().range(v);
    Range p99 = Calibration.percentile(99).range(v);
    assertEquals(new Range(-120f, 150f), minMax);
    assertTrue(p99.max() > 2f && p99.max() < 3f, p99.toString()); // 99% of |N(0,1)|: 2.58
    assertEquals(-p99.max(), p99.min());
    // 99.99% of 10005 values is rank 10004: only the largest magnitude, 150, is clipped
    assertEquals(new Range(-120f, 120f), Calibration.percentile(99.99).range(v));
  }

  @Test
  void percentile_keeps_the_minimum_of_non_negative_data() {
    float[] v = relu(gaussianWithOutliers(12, 10_000, 50f));
    Range r = Calibration.percentile(99.9).range(v);
    assertEquals(0f, r.min());
    assertTrue(r.max() < 4f, r.toString());
  }

  @Test
  void entropy_clips_huge_outliers_but_keeps_the_gaussian_bulk() {
    // width of a bin: 45/2048; the smallest candidate, 128 bins, is 2.8 sigma
    float[] v = gaussianWithOutliers(13, 100_000, 40f, -41f, 42f, -43f, 44f, -45f);
    Range r = Calibration.entropy().range(v);
    assertEquals(-r.max(), r.min());
    assertTrue(r.max() >= 3f, "at least 3 sigma: " + r);
    assertTrue(r.max() <= 10f, "well below the outliers at 40..45: " + r);
  }

  @Test
  void entropy_clips_outliers_far_beyond_the_histograms_resolution() {
    float[] v = gaussianWithOutliers(14, 100_000, 1000f, -1000f);
    Range r = Calibration.entropy().range(v);
    assertTrue(r.max() < 100f, "far below the outliers at 1000: " + r);
    assertTrue(r.max() >= 1000f * 128 / 2048, "no lower than 128 of 2048 bins: " + r);
  }

  @Test
  void entropy_does_not_clip_data_without_a_tail() {
    Random random = new Random(15);
    float[] uniform = new float[100_000];
    for (int i = 0; i < uniform.length; i++) {
      uniform[i] = random.nextFloat() * 2 - 1;
    }
    Range r = Calibration.entropy().range(uniform);
    assertTrue(r.max() > 0.95f, r.toString());
    float[] far = new float[10_000];
    for (int i = 0; i < far.length; i++) {
      far[i] = 90 + random.nextFloat() * 10; // a candidate that clips all of it into one bin
    }
    assertTrue(Calibration.entropy().range(far).max() > 95f);
  }

  @Test
  void entropy_on_relu_outputs_starts_at_zero() {
    float[] v = relu(gaussianWithOutliers(16, 100_000, 40f, 42f, 44f, 45f));
    Range r = Calibration.entropy().range(v);
    assertEquals(0f, r.min());
    assertTrue(r.max() >= 3f && r.max() <= 10f, r.toString());
  }

  @Test
  void entropy_of_a_constant_or_zero_tensor_is_its_magnitude() {
    float[] constant = new float[100];
    Arrays.fill(constant, -5f);
    // The threshold bounds |x|; the side the data never reaches keeps its own extent (0 here).
    assertEquals(new Range(-5f, 0f), Calibration.entropy().range(constant));
    assertEquals(new Range(0f, 2f), Calibration.entropy().range(new float[] {2f}));
    assertEquals(new Range(0f, 0f), Calibration.entropy().range(new float[3]));
  }

  @Test
  void entropy_keeps_the_extent_of_a_side_that_stays_short_of_the_threshold() {
    float[] gelu = new float[2000];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < gelu.length; i++) {
      double x = r.nextDouble() * 8 - 2;
      gelu[i] = (float) Math.max(x, -0.17);
    }
    Range range = Calibration.entropy().range(gelu);
    assertEquals(-0.17f, range.min(), 1e-6, "the negative side ends at its own minimum");
    assertTrue(range.max() > 1, range.toString());
  }

  @Test
  void names_say_which_rule_and_its_setting() {
    assertEquals("minmax", Calibration.minMax().name());
    assertEquals("percentile(99.99)", Calibration.percentile(99.99).name());
    assertEquals("percentile(100)", Calibration.percentile(100).name());
    assertEquals("entropy", Calibration.entropy().name());
    assertEquals("percentile(99.9)", Calibration.percentile(99.9).toString());
    assertEquals(Calibration.percentile(99.9), Calibration.percentile(99.9));
  }

  @Test
  void a_percentile_outside_0_to_100_is_rejected_with_its_value() {
    for (double bad : new double[] {0, -1, 100.5, Double.NaN}) {
      assertEquals("percentile must be in (0, 100], was " + bad, assertThrows(
          IllegalArgumentException.class, () -> Calibration.percentile(bad)).getMessage());
    }
  }

  @Test
  void empty_and_non_finite_input_is_rejected() {
    for (Calibration c : new Calibration[] {Calibration.minMax(), Calibration.percentile(99),
        Calibration.entropy()}) {
      assertEquals("no values to calibrate on", assertThrows(IllegalArgumentException.class,
          () -> c.range(new float[0])).getMessage(), c.name());
      assertEquals("value 2 is NaN; calibration needs finite values", assertThrows(
          IllegalArgumentException.class, () -> c.range(new float[] {1f, 2f, Float.NaN, 3f}))
          .getMessage(), c.name());
      assertEquals("value 0 is -Infinity; calibration needs finite values", assertThrows(
          IllegalArgumentException.class,
          () -> c.range(new float[] {Float.NEGATIVE_INFINITY})).getMessage(), c.name());
    }
  }

  @Test
  void calibration_leaves_its_input_unchanged() {
    float[] v = {3f, -1f, 2f};
    for (Calibration c : new Calibration[] {Calibration.minMax(), Calibration.percentile(50),
        Calibration.entropy()}) {
      c.range(v);
      assertEquals("[3.0, -1.0, 2.0]", Arrays.toString(v), c.name());
    }
  }
}
