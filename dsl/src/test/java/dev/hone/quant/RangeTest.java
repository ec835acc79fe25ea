package dev.hone.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The interval a calibration hands to the quantization parameters. */
class RangeTest {

  @Test
  void a_range_gives_the_parameters_of_each_scheme() {
    Range r = new Range(-3f, 2f);
    assertEquals(3f, r.maxAbs());
    assertEquals(QuantParams.symmetricInt8(3f), r.symmetricInt8());
    assertEquals(QuantParams.asymmetricUint8(-3f, 2f), r.asymmetricUint8());
    assertEquals(QuantParams.asymmetricInt8(-3f, 2f), r.asymmetricInt8());
    assertEquals(0, new Range(0f, 6f).asymmetricUint8().zeroPoint());
  }

  @Test
  void min_above_max_or_a_non_finite_end_is_rejected() {
    assertEquals("a range needs finite min <= max, was [2.0, 1.0]", assertThrows(
        IllegalArgumentException.class, () -> new Range(2f, 1f)).getMessage());
    assertEquals("a range needs finite min <= max, was [NaN, 1.0]", assertThrows(
        IllegalArgumentException.class, () -> new Range(Float.NaN, 1f)).getMessage());
    assertEquals("a range needs finite min <= max, was [0.0, Infinity]", assertThrows(
        IllegalArgumentException.class, () -> new Range(0f, Float.POSITIVE_INFINITY))
        .getMessage());
  }
}
