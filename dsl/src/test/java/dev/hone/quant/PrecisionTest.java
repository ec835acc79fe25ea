package dev.hone.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Names and sizes of the number formats. */
class PrecisionTest {

  @Test
  void parse_ignores_case_and_blanks() {
    assertEquals(Precision.INT8, Precision.parse("int8"));
    assertEquals(Precision.FP16, Precision.parse("FP16"));
    assertEquals(Precision.BF16, Precision.parse(" Bf16 "));
    assertEquals(Precision.FP32, Precision.parse("fp32"));
    for (Precision p : Precision.values()) {
      assertEquals(p, Precision.parse(p.toString()));
    }
  }

  @Test
  void an_unknown_name_is_rejected_with_the_accepted_names() {
    assertEquals("unknown precision 'int4'; expected one of fp32, fp16, bf16, int8",
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("int4")).getMessage());
    assertEquals("unknown precision null; expected one of fp32, fp16, bf16, int8",
        assertThrows(IllegalArgumentException.class, () -> Precision.parse(null)).getMessage());
  }

  @Test
  void bits_per_value() {
    assertEquals(32, Precision.FP32.bits());
    assertEquals(16, Precision.FP16.bits());
    assertEquals(16, Precision.BF16.bits());
    assertEquals(8, Precision.INT8.bits());
  }
}
