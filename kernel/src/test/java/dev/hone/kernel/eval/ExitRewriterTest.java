package dev.hone.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExitRewriterTest {

  @Test
  void exit_and_halt_calls_are_pointed_at_the_trap() {
    String code = ExitRewriter.rewrite("if (x) System.exit(1);\nRuntime.getRuntime().halt(2);");
    assertEquals(2, code.split("ExitTrap.exit\\(", -1).length - 1, code);
    assertEquals(2, code.lines().count());
  }

  @Test
  void strings_and_comments_are_left_alone() {
    String code = "String s = \"System.exit(1)\"; // System.exit(2)\n/* System.exit(3) */";
    assertEquals(code, ExitRewriter.rewrite(code));
  }

  @Test
  void code_without_exits_is_unchanged() {
    String code = "int exitCode = 0;";
    assertTrue(ExitRewriter.rewrite(code) == code || ExitRewriter.rewrite(code).equals(code));
  }
}
