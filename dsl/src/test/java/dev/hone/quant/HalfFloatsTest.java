package dev.hone.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

/** IEEE binary16 and bfloat16 conversions, against known bit patterns and exhaustively. */
class HalfFloatsTest {

  private static void assertHalf(int expected, float f) {
    assertEquals(String.format("0x%04X", expected),
        String.format("0x%04X", HalfFloats.toHalf(f) & 0xFFFF), "toHalf(" + f + ")");
  }

  private static void assertBf16(int expected, float f) {
    assertEquals(String.format("0x%04X", expected),
        String.format("0x%04X", HalfFloats.toBFloat16(f) & 0xFFFF), "toBFloat16(" + f + ")");
  }

  @Test
  void known_values_have_their_ieee_bit_patterns() {
    assertHalf(0x3C00, 1.0f);
    assertHalf(0xC000, -2.0f);
    assertHalf(0x3800, 0.5f);
    assertHalf(0x2E66, 0.1f);
    assertHalf(0x3555, 1f / 3);
    assertHalf(0x0000, 0.0f);
    assertHalf(0x8000, -0.0f);
    assertHalf(0x0400, 0x1p-14f); // smallest normal
    assertHalf(0x7C00, Float.POSITIVE_INFINITY);
    assertHalf(0xFC00, Float.NEGATIVE_INFINITY);
    assertHalf(0x7E00, Float.NaN);
  }

  @Test
  void the_largest_half_is_65504_and_65520_overflows_to_infinity() {
    assertHalf(0x7BFF, 65504f);
    assertHalf(0x7BFF, 65519.996f); // just below the midpoint to the next (unrepresentable) step
    assertHalf(0x7C00, 65520f); // the midpoint, odd mantissa below: rounds up into Inf
    assertHalf(0xFC00, -65520f);
    assertHalf(0x7C00, 1e6f);
    assertHalf(0x7C00, Float.MAX_VALUE);
    assertEquals(65504f, HalfFloats.fromHalf((short) 0x7BFF));
  }

  @Test
  void subnormals_go_down_to_two_to_the_minus_24() {
    assertHalf(0x0001, 0x1p-24f);
    assertEquals(0x1p-24f, HalfFloats.fromHalf((short) 0x0001));
    assertEquals(1023 * 0x1p-24f, HalfFloats.fromHalf((short) 0x03FF));
    assertHalf(0x03FF, 1023 * 0x1p-24f);
    assertHalf(0x0000, 0x1p-25f); // exactly half the smallest subnormal: ties to even (zero)
    assertHalf(0x0001, Math.nextUp(0x1p-25f));
    assertHalf(0x0002, 3 * 0x1p-25f); // 1.5 steps: ties to even (2)
    assertHalf(0x0000, Float.MIN_VALUE);
    assertHalf(0x8001, -0x1p-24f);
    assertHalf(0x0400, 1023.5f * 0x1p-24f); // rounds up out of the subnormals
  }

  @Test
  void normal_values_round_half_to_even() {
    assertHalf(0x3C00, 1 + 0x1p-11f); // halfway between 0x3C00 and 0x3C01: even is 0x3C00
    assertHalf(0x3C02, 1 + 3 * 0x1p-11f); // halfway between 0x3C01 and 0x3C02: even is 0x3C02
    assertHalf(0x3C01, Math.nextUp(1 + 0x1p-11f));
    assertHalf(0x4000, 2 - 0x1p-12f); // rounds up across the exponent boundary
  }

  @Test
  void nan_stays_nan_through_both_formats() {
    // a signalling NaN whose payload lies only in bits the half drops
    float signalling = Float.intBitsToFloat(0x7F80_0001);
    assertTrue(Float.isNaN(HalfFloats.fromHalf(HalfFloats.toHalf(signalling))));
    assertTrue(Float.isNaN(HalfFloats.fromBFloat16(HalfFloats.toBFloat16(signalling))));
    assertTrue(Float.isNaN(HalfFloats.fromHalf((short) 0x7E00)));
    assertTrue(Float.isNaN(HalfFloats.fromHalf((short) 0xFC01)));
  }

  @Test
  void every_one_of_the_65536_halves_round_trips_exactly() {
    for (int h = 0; h <= 0xFFFF; h++) {
      float f = HalfFloats.fromHalf((short) h);
      short back = HalfFloats.toHalf(f);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(HalfFloats.fromHalf(back)), "NaN " + Integer.toHexString(h));
      } else {
        assertEquals(h, back & 0xFFFF, "half 0x" + Integer.toHexString(h) + " = " + f);
      }
    }
  }

  @Test
  void halves_increase_with_their_bits() {
    // positive halves in bit order are in value order, so fromHalf has no gap or swap
    for (int h = 0; h < 0x7C00; h++) {
      assertTrue(HalfFloats.fromHalf((short) h) < HalfFloats.fromHalf((short) (h + 1)),
          "0x" + Integer.toHexString(h));
    }
  }

  @Property(tries = 2000)
  void to_half_picks_the_nearest_half_and_the_even_one_on_a_tie(
      @ForAll @FloatRange(min = -65519.99f, max = 65519.99f) float f) {
    short h = HalfFloats.toHalf(f);
    double chosen = HalfFloats.fromHalf(h);
    double error = Math.abs(f - chosen);
    // the neighbours of the chosen half, in bit order on the same side of zero
    for (int delta = -1; delta <= 1; delta += 2) {
      int neighbourBits = (h & 0xFFFF) + delta;
      if ((neighbourBits & 0x7FFF) > 0x7BFF || (neighbourBits & 0xFFFF) != neighbourBits
          || ((neighbourBits ^ h) & 0x8000) != 0) {
        continue;
      }
      double other = Math.abs(f - HalfFloats.fromHalf((short) neighbourBits));
      assertTrue(error <= other, f + " -> " + chosen + " but a neighbour is closer");
      if (error == other) {
        assertEquals(0, h & 1, f + " is a tie and must round to the even half");
      }
    }
  }

  @Test
  void bfloat16_keeps_the_top_bits_rounded_to_nearest_even() {
    assertBf16(0x3F80, 1.0f);
    assertBf16(0xC000, -2.0f);
    assertBf16(0x4049, 3.1415927f); // 0x40490FDB: low half below 0x8000, rounds down
    assertBf16(0x3F80, Float.intBitsToFloat(0x3F80_8000)); // tie, even kept part: down
    assertBf16(0x3F82, Float.intBitsToFloat(0x3F81_8000)); // tie, odd kept part: up to even
    assertBf16(0x3F81, Float.intBitsToFloat(0x3F80_8001)); // above the tie: up
    assertBf16(0x3F80, Float.intBitsToFloat(0x3F80_7FFF)); // below the tie: down
    assertBf16(0x7F80, Float.POSITIVE_INFINITY);
    assertBf16(0xFF80, Float.NEGATIVE_INFINITY);
    assertBf16(0x7F80, Float.MAX_VALUE); // past the last bfloat16's midpoint: Inf
    assertBf16(0x8000, -0.0f);
    assertBf16(0x7FC0, Float.NaN);
    assertEquals(3.140625f, HalfFloats.fromBFloat16((short) 0x4049));
    assertEquals(1e30f, HalfFloats.fromBFloat16(HalfFloats.toBFloat16(1e30f)), 1e30f / 128);
  }

  @Test
  void every_bfloat16_round_trips_exactly() {
    for (int b = 0; b <= 0xFFFF; b++) {
      float f = HalfFloats.fromBFloat16((short) b);
      short back = HalfFloats.toBFloat16(f);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(HalfFloats.fromBFloat16(back)));
      } else {
        assertEquals(b, back & 0xFFFF, "bf16 0x" + Integer.toHexString(b));
      }
    }
  }

  @Test
  void array_forms_convert_each_value() {
    float[] values = {1f, -2f, 0.1f, 65520f};
    short[] halves = HalfFloats.toHalf(values);
    assertArrayEquals(new short[] {0x3C00, (short) 0xC000, 0x2E66, 0x7C00}, halves);
    assertArrayEquals(new float[] {1f, -2f, HalfFloats.fromHalf((short) 0x2E66),
        Float.POSITIVE_INFINITY}, HalfFloats.fromHalf(halves));
    short[] b = HalfFloats.toBFloat16(values);
    // 65520 is 0x477FF000: the dropped half 0xF000 is above the tie, so it rounds up to 65536
    assertArrayEquals(new short[] {0x3F80, (short) 0xC000, 0x3DCD, 0x4780}, b);
    assertArrayEquals(new float[] {1f, -2f, 0.10009765625f, 65536f}, HalfFloats.fromBFloat16(b));
  }
}
