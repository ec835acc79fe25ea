package dev.hone.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Int8 weight matrices, per tensor and per output channel, symmetric and asymmetric. */
class QuantizedWeightsTest {

  /** A seeded matrix whose columns have very different magnitudes and offsets. */
  private static float[] randomMatrix(Random random, int inputs, int outputs) {
    float[] w = new float[inputs * outputs];
    float[] magnitude = new float[outputs];
    float[] offset = new float[outputs];
    for (int j = 0; j < outputs; j++) {
      magnitude[j] = (float) Math.pow(10, random.nextDouble() * 6 - 4); // 1e-4 .. 1e2
      offset[j] = random.nextInt(3) == 0 ? magnitude[j] * (random.nextFloat() * 4 - 2) : 0;
    }
    for (int k = 0; k < w.length; k++) {
      int j = k % outputs;
      w[k] = offset[j] + magnitude[j] * (float) random.nextGaussian();
    }
    return w;
  }

  @Property(tries = 300)
  void every_weight_comes_back_within_half_its_channels_step(
      @ForAll @IntRange(min = 1, max = 24) int inputs,
      @ForAll @IntRange(min = 1, max = 24) int outputs,
      @ForAll Granularity granularity,
      @ForAll Symmetry symmetry,
      @ForAll long seed) {
    float[] w = randomMatrix(new Random(seed), inputs, outputs);
    QuantizedWeights q = QuantizedWeights.int8(w, inputs, outputs, granularity, symmetry);
    float[] back = q.dequantize();
    for (int k = 0; k < w.length; k++) {
      float scale = q.scale(k % outputs);
      float error = Math.abs(back[k] - w[k]);
      // half a step, plus the float rounding of w / scale and of the stored scale (~2^-16 steps)
      assertTrue(error <= scale * (0.5f + 1e-4f) + Math.ulp(w[k]),
          "weight " + k + " = " + w[k] + " came back as " + back[k] + ", step " + scale);
      assertEquals(back[k], q.dequantize(k / outputs, k % outputs));
    }
  }

  @Property(tries = 300)
  void a_weight_that_is_exactly_zero_stays_exactly_zero(
      @ForAll @IntRange(min = 1, max = 24) int inputs,
      @ForAll @IntRange(min = 1, max = 24) int outputs,
      @ForAll @DoubleRange(min = 0, max = 1) double sparsity,
      @ForAll Granularity granularity,
      @ForAll Symmetry symmetry,
      @ForAll long seed) {
    Random random = new Random(seed);
    float[] w = randomMatrix(random, inputs, outputs);
    for (int k = 0; k < w.length; k++) {
      if (random.nextDouble() < sparsity) {
        w[k] = random.nextBoolean() ? 0f : -0f; // pruned
      }
    }
    float[] back = QuantizedWeights.int8(w, inputs, outputs, granularity, symmetry).dequantize();
    for (int k = 0; k < w.length; k++) {
      if (w[k] == 0) {
        assertEquals(0.0f, back[k], "weight " + k + " was pruned");
      }
    }
  }

  @Test
  void zero_is_exact_even_when_a_column_lies_away_from_zero() {
    float[] w = {0f, 5f, 5.5f, 0f, 6f, 7f}; // 3 x 2; column 0 {0, 5.5, 6}, column 1 {5, 0, 7}
    for (Granularity g : Granularity.values()) {
      float[] back = QuantizedWeights.int8(w, 3, 2, g, Symmetry.ASYMMETRIC).dequantize();
      assertEquals(0.0f, back[0], g.toString());
      assertEquals(0.0f, back[3], g.toString());
    }
  }

  @Test
  void per_channel_beats_per_tensor_when_one_column_is_large() {
    Random random = new Random(7);
    int inputs = 64;
    int outputs = 16;
    float[] w = new float[inputs * outputs];
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) random.nextGaussian() * (k % outputs == 3 ? 100f : 0.1f);
    }
    for (Symmetry s : Symmetry.values()) {
      float[] perTensor = QuantizedWeights.int8(w, inputs, outputs, Granularity.PER_TENSOR, s)
          .dequantize();
      float[] perChannel = QuantizedWeights.int8(w, inputs, outputs, Granularity.PER_CHANNEL, s)
          .dequantize();
      double tensorError = 0;
      double channelError = 0;
      for (int k = 0; k < w.length; k++) {
        if (k % outputs != 3) {
          tensorError += Math.pow(perTensor[k] - w[k], 2);
          channelError += Math.pow(perChannel[k] - w[k], 2);
        }
      }
      // per tensor, the small columns get a step of ~300/127 and mostly round to zero
      assertTrue(channelError * 1000 < tensorError,
          s + ": per channel " + channelError + ", per tensor " + tensorError);
    }
  }

  @Test
  void symmetric_scales_are_the_largest_magnitude_over_127() {
    float[] w = {0.5f, -4f, 1f, 2f}; // 2 x 2: column 0 {0.5, 1}, column 1 {-4, 2}
    QuantizedWeights perChannel =
        QuantizedWeights.int8(w, 2, 2, Granularity.PER_CHANNEL, Symmetry.SYMMETRIC);
    assertArrayEquals(new float[] {1f / 127, 4f / 127}, perChannel.scales());
    assertArrayEquals(new int[] {0, 0}, perChannel.zeroPoints());
    assertArrayEquals(new byte[] {64, -127, 127, 64}, perChannel.values()); // 63.5 -> 64 (even)
    assertEquals(2, perChannel.channels());
    assertFalse(perChannel.unsigned());

    QuantizedWeights perTensor =
        QuantizedWeights.int8(w, 2, 2, Granularity.PER_TENSOR, Symmetry.SYMMETRIC);
    assertArrayEquals(new float[] {4f / 127}, perTensor.scales());
    assertEquals(1, perTensor.channels());
    assertEquals(4f / 127, perTensor.scale(0));
    assertEquals(4f / 127, perTensor.scale(1));
    assertEquals(0, perTensor.zeroPoint(1));
    assertArrayEquals(new byte[] {16, -127, 32, 64}, perTensor.values()); // 15.875, 31.75, 63.5
  }

  @Test
  void asymmetric_weights_are_signed_int8_with_the_range_widened_to_zero() {
    float[] w = {1f, -1f, 3f, 3f}; // 2 x 2: column 0 {1, 3}, column 1 {-1, 3}
    QuantizedWeights q =
        QuantizedWeights.int8(w, 2, 2, Granularity.PER_CHANNEL, Symmetry.ASYMMETRIC);
    assertFalse(q.unsigned());
    assertEquals(3f / 255, q.scale(0), 1e-9f); // [1, 3] widened to [0, 3]
    assertEquals(-128, q.zeroPoint(0));
    assertEquals(4f / 255, q.scale(1), 1e-9f); // [-1, 3]
    assertEquals(-64, q.zeroPoint(1)); // rint(-128 + 1 / (4/255)) = rint(-64.25)
    assertEquals(127, q.value(1, 0)); // 3 is the column's max
    assertEquals(-128, q.value(0, 1)); // -1 is the column's min
    assertEquals(127, q.value(1, 1));
    QuantizedWeights withZero = QuantizedWeights.int8(new float[] {1f, 0f, 3f, 3f}, 2, 2,
        Granularity.PER_CHANNEL, Symmetry.ASYMMETRIC);
    assertEquals(withZero.zeroPoint(1), withZero.value(0, 1)); // a zero is stored as the zero point
  }

  @Test
  void unsigned_values_are_read_as_uint8() {
    QuantizedWeights q = new QuantizedWeights(1, 2, new byte[] {(byte) 200, 0},
        new float[] {0.5f}, new int[] {128}, Granularity.PER_TENSOR, true);
    assertEquals(200, q.value(0, 0));
    assertArrayEquals(new float[] {36f, -64f}, q.dequantize());
  }

  @Test
  void the_record_is_immutable() {
    float[] w = {1f, -1f};
    QuantizedWeights q = QuantizedWeights.int8(w, 1, 2, Granularity.PER_TENSOR,
        Symmetry.SYMMETRIC);
    QuantizedWeights same = QuantizedWeights.int8(w, 1, 2, Granularity.PER_TENSOR,
        Symmetry.SYMMETRIC);
    q.values()[0] = 0;
    q.scales()[0] = 99f;
    q.zeroPoints()[0] = 5;
    w[0] = 50f;
    assertEquals(same, q);
    assertEquals(same.hashCode(), q.hashCode());
    assertEquals(127, q.valueBuffer().get(0));
    assertTrue(q.valueBuffer().isReadOnly());
    assertEquals("QuantizedWeights[1 x 2, int8, PER_TENSOR, 1 scale]", q.toString());
  }

  @Test
  void an_all_zero_matrix_quantizes_with_scale_1() {
    QuantizedWeights q = QuantizedWeights.int8(new float[6], 2, 3, Granularity.PER_CHANNEL,
        Symmetry.SYMMETRIC);
    assertArrayEquals(new float[] {1f, 1f, 1f}, q.scales());
    assertArrayEquals(new float[6], q.dequantize());
  }

  @Test
  void a_length_that_does_not_match_the_shape_is_named_with_both() {
    assertEquals("weights of a 3 x 4 matrix need 12 values, was 10",
        assertThrows(IllegalArgumentException.class, () -> QuantizedWeights.int8(new float[10],
            3, 4, Granularity.PER_TENSOR, Symmetry.SYMMETRIC)).getMessage());
    assertEquals("weights need inputs > 0 and outputs > 0, was 0 x 4",
        assertThrows(IllegalArgumentException.class, () -> QuantizedWeights.int8(new float[0],
            0, 4, Granularity.PER_TENSOR, Symmetry.SYMMETRIC)).getMessage());
  }

  @Test
  void the_first_non_finite_weight_is_named_by_index_and_value() {
    float[] w = {1f, 2f, 3f, 4f, 5f, Float.NaN, Float.POSITIVE_INFINITY, 8f};
    assertEquals("weight 5 (input 1, output 1) is NaN; quantization needs finite weights",
        assertThrows(IllegalArgumentException.class, () -> QuantizedWeights.int8(w, 2, 4,
            Granularity.PER_CHANNEL, Symmetry.ASYMMETRIC)).getMessage());
    w[5] = 0f;
    assertEquals("weight 6 (input 1, output 2) is Infinity; quantization needs finite weights",
        assertThrows(IllegalArgumentException.class, () -> QuantizedWeights.int8(w, 2, 4,
            Granularity.PER_CHANNEL, Symmetry.ASYMMETRIC)).getMessage());
  }

  @Test
  void inconsistent_parts_are_rejected_by_the_record() {
    assertEquals("values of a 2 x 2 matrix need 4 entries, was 3",
        assertThrows(IllegalArgumentException.class, () -> new QuantizedWeights(2, 2,
            new byte[3], new float[] {1f}, new int[] {0}, Granularity.PER_TENSOR, false))
            .getMessage());
    assertEquals("PER_CHANNEL quantization of 2 outputs needs 2 scales and zero points, was 1"
        + " and 1", assertThrows(IllegalArgumentException.class, () -> new QuantizedWeights(2, 2,
            new byte[4], new float[] {1f}, new int[] {0}, Granularity.PER_CHANNEL, false))
            .getMessage());
    assertEquals("scale 1 must be finite and > 0, was -1.0",
        assertThrows(IllegalArgumentException.class, () -> new QuantizedWeights(2, 2,
            new byte[4], new float[] {1f, -1f}, new int[] {0, 0}, Granularity.PER_CHANNEL,
            false)).getMessage());
    assertEquals("zero point 0 must lie in [-128, 127] for int8, was 200",
        assertThrows(IllegalArgumentException.class, () -> new QuantizedWeights(2, 2,
            new byte[4], new float[] {1f}, new int[] {200}, Granularity.PER_TENSOR, false))
            .getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> QuantizedWeights.int8(new float[4], 2, 2,
        Granularity.PER_TENSOR, Symmetry.SYMMETRIC).scale(2));
  }
}
