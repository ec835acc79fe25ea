package dev.hone.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

/** Scale and zero point formulas, rounding and saturation, on hand-computed cases. */
class QuantParamsTest {

  @Test
  void symmetric_int8_divides_the_largest_magnitude_by_127_with_zero_point_0() {
    QuantParams p = QuantParams.symmetricInt8(1.27f);
    assertEquals(0.01f, p.scale(), 1e-9f);
    assertEquals(0, p.zeroPoint());
    assertEquals(-127, p.qmin());
    assertEquals(127, p.qmax());
    assertEquals(50, p.quantize(0.5f));
    assertEquals(-127, p.quantize(-1.27f));
    assertEquals(127, p.quantize(1.27f));
    assertEquals(-0.5f, p.dequantize(-50), 1e-6f);
  }

  @Test
  void asymmetric_uint8_spreads_the_range_over_255_steps() {
    QuantParams p = QuantParams.asymmetricUint8(-1f, 3f);
    assertEquals(4f / 255, p.scale(), 1e-9f);
    assertEquals(64, p.zeroPoint()); // rint(1 / (4/255)) = rint(63.75)
    assertEquals(0, p.qmin());
    assertEquals(255, p.qmax());
    assertEquals(0, p.quantize(-1f)); // rint(-63.75) + 64
    assertEquals(255, p.quantize(3f)); // rint(191.25) + 64
    assertEquals(64 + 32, p.quantize(0.5f)); // rint(31.875) + 64
  }

  @Test
  void asymmetric_int8_is_the_uint8_scheme_shifted_by_128() {
    QuantParams p = QuantParams.asymmetricInt8(-1f, 3f);
    assertEquals(4f / 255, p.scale(), 1e-9f);
    assertEquals(-64, p.zeroPoint()); // rint(-128 + 63.75)
    assertEquals(-128, p.qmin());
    assertEquals(127, p.qmax());
    assertEquals(-128, p.quantize(-1f));
    assertEquals(127, p.quantize(3f));
    QuantParams u = QuantParams.asymmetricUint8(-1f, 3f);
    for (float x = -1f; x <= 3f; x += 0.01f) {
      assertEquals(u.quantize(x) - 128, p.quantize(x), "x = " + x);
    }
  }

  @Test
  void values_outside_the_range_saturate_at_qmin_and_qmax() {
    QuantParams s = QuantParams.symmetricInt8(1f);
    assertEquals(127, s.quantize(5f));
    assertEquals(-127, s.quantize(-5f)); // never -128 for symmetric weights
    assertEquals(127, s.quantize(Float.POSITIVE_INFINITY));
    assertEquals(-127, s.quantize(Float.NEGATIVE_INFINITY));
    assertEquals(127, s.quantize(Float.MAX_VALUE)); // x / scale overflows to Inf, still saturates
    QuantParams u = QuantParams.asymmetricUint8(-1f, 3f);
    assertEquals(255, u.quantize(100f));
    assertEquals(0, u.quantize(-100f));
    QuantParams a = QuantParams.asymmetricInt8(-1f, 3f);
    assertEquals(127, a.quantize(100f));
    assertEquals(-128, a.quantize(-100f));
  }

  @Test
  void ties_round_half_to_even_before_the_zero_point_is_added() {
    QuantParams unit = new QuantParams(1f, 0, -127, 127);
    assertEquals(2, unit.quantize(2.5f));
    assertEquals(4, unit.quantize(3.5f));
    assertEquals(0, unit.quantize(0.5f));
    assertEquals(2, unit.quantize(1.5f));
    assertEquals(-2, unit.quantize(-2.5f));
    assertEquals(3, unit.quantize(2.5000002f));
    // with an odd zero point, rounding after adding it would give rint(13.5) = 14
    assertEquals(13, new QuantParams(1f, 11, 0, 255).quantize(2.5f));
    assertEquals(2, new QuantParams(0.5f, 0, -127, 127).quantize(1.25f));
  }

  @Test
  void zero_is_exact_for_asymmetric_ranges_that_exclude_zero() {
    QuantParams positive = QuantParams.asymmetricUint8(2f, 10f); // widened to [0, 10]
    assertEquals(0, positive.zeroPoint());
    assertEquals(10f / 255, positive.scale(), 1e-9f);
    QuantParams negative = QuantParams.asymmetricUint8(-10f, -2f); // widened to [-10, 0]
    assertEquals(255, negative.zeroPoint());
    assertEquals(-128, QuantParams.asymmetricInt8(2f, 10f).zeroPoint());
    assertEquals(127, QuantParams.asymmetricInt8(-10f, -2f).zeroPoint());
    for (QuantParams p : new QuantParams[] {positive, negative,
        QuantParams.asymmetricInt8(2f, 10f), QuantParams.asymmetricInt8(-10f, -2f)}) {
      assertEquals(0.0f, p.dequantize(p.quantize(0f)), p.toString());
    }
  }

  @Property(tries = 500)
  void zero_round_trips_exactly_for_any_range(
      @ForAll @FloatRange(min = -1e4f, max = 1e4f) float a,
      @ForAll @FloatRange(min = -1e4f, max = 1e4f) float b) {
    float min = Math.min(a, b);
    float max = Math.max(a, b);
    for (QuantParams p : new QuantParams[] {QuantParams.asymmetricUint8(min, max),
        QuantParams.asymmetricInt8(min, max),
        QuantParams.symmetricInt8(Math.max(Math.abs(min), Math.abs(max)))}) {
      assertEquals(0.0f, p.dequantize(p.quantize(0f)), p.toString());
      assertEquals(0.0f, p.dequantize(p.quantize(-0f)), p.toString());
    }
  }

  @Property(tries = 500)
  void values_in_range_come_back_within_half_a_step(
      @ForAll @FloatRange(min = -100f, max = 100f) float a,
      @ForAll @FloatRange(min = -100f, max = 100f) float b,
      @ForAll @FloatRange(min = 0f, max = 1f) float where) {
    float min = Math.min(a, b);
    float max = Math.max(a, b);
    Assume.that(max > min);
    float x = min + where * (max - min);
    Assume.that(x >= min && x <= max);
    for (QuantParams p : new QuantParams[] {QuantParams.asymmetricUint8(min, max),
        QuantParams.asymmetricInt8(min, max),
        QuantParams.symmetricInt8(Math.max(Math.abs(min), Math.abs(max)))}) {
      float error = Math.abs(p.dequantize(p.quantize(x)) - x);
      // half a step, plus the float rounding of x / scale and of the stored scale (~2^-16 steps)
      assertTrue(error <= p.scale() * (0.5f + 1e-4f) + Math.ulp(x),
          x + " in [" + min + ", " + max + "] came back " + error + " off with " + p);
    }
  }

  @Test
  void an_all_zero_range_gets_scale_1() {
    assertEquals(new QuantParams(1f, 0, -127, 127), QuantParams.symmetricInt8(0f));
    assertEquals(new QuantParams(1f, 0, 0, 255), QuantParams.asymmetricUint8(0f, 0f));
    assertEquals(new QuantParams(1f, -128, -128, 127), QuantParams.asymmetricInt8(0f, 0f));
    assertEquals(0f, QuantParams.asymmetricUint8(0f, 0f).dequantize(0));
  }

  @Test
  void a_range_of_a_few_subnormals_keeps_a_positive_scale() {
    QuantParams p = QuantParams.symmetricInt8(Float.MIN_VALUE);
    assertTrue(p.scale() > 0);
    assertEquals(0, p.quantize(0f));
  }

  @Test
  void bad_parameters_are_rejected_with_the_value() {
    assertEquals("scale must be finite and > 0, was 0.0", assertThrows(
        IllegalArgumentException.class, () -> new QuantParams(0f, 0, -127, 127)).getMessage());
    assertEquals("scale must be finite and > 0, was NaN", assertThrows(
        IllegalArgumentException.class, () -> new QuantParams(Float.NaN, 0, -127, 127))
        .getMessage());
    assertEquals("qmin must be < qmax, was [5, 5]", assertThrows(
        IllegalArgumentException.class, () -> new QuantParams(1f, 5, 5, 5)).getMessage());
    assertEquals("zero point must lie in [0, 255], was 256", assertThrows(
        IllegalArgumentException.class, () -> new QuantParams(1f, 256, 0, 255)).getMessage());
    assertEquals("maxAbs must be finite and >= 0, was -1.0", assertThrows(
        IllegalArgumentException.class, () -> QuantParams.symmetricInt8(-1f)).getMessage());
    assertEquals("need finite min <= max, was [3.0, 1.0]", assertThrows(
        IllegalArgumentException.class, () -> QuantParams.asymmetricUint8(3f, 1f)).getMessage());
    assertEquals("need finite min <= max, was [-Infinity, 1.0]", assertThrows(
        IllegalArgumentException.class,
        () -> QuantParams.asymmetricInt8(Float.NEGATIVE_INFINITY, 1f)).getMessage());
    assertEquals("cannot quantize NaN", assertThrows(IllegalArgumentException.class,
        () -> QuantParams.symmetricInt8(1f).quantize(Float.NaN)).getMessage());
  }
}
