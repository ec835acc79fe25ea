package dev.hone.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationLinesTest {

  @Test
  void a_leading_dot_moves_to_the_end_of_the_previous_line() {
    assertEquals(List.of("var c = Train.epochs(20).", "     adam(1e-3);"),
        ContinuationLines.join(List.of("var c = Train.epochs(20)", "    .adam(1e-3);")));
  }

  @Test
  void the_dot_goes_before_a_trailing_comment_and_past_comment_lines() {
    List<String> out = ContinuationLines.join(List.of(
        "var c = Train.epochs(20) // twenty",
        "    // the optimizer:",
        "",
        "    .adam(1e-3) /* fast */",
        "    .seed(7);"));
    assertEquals(List.of(
        "var c = Train.epochs(20). // twenty",
        "    // the optimizer:",
        "",
        "     adam(1e-3). /* fast */",
        "     seed(7);"), out);
  }

  @Test
  void the_script_keeps_its_line_count() {
    List<String> in = List.of("a()", ".b()", ".c();", "d();");
    assertEquals(in.size(), ContinuationLines.join(in).size());
  }

  @Test
  void strings_text_blocks_and_block_comments_are_not_code() {
    List<String> out = ContinuationLines.join(List.of(
        "String s = \"// not a comment\"",
        "    .strip();",
        "String t = \"\"\"",
        "    text",
        "    .still text",
        "    \"\"\"",
        "    .strip();",
        "/* a comment",
        "   .in it */",
        "char c = '\"';"));
    assertEquals("String s = \"// not a comment\".", out.get(0));
    assertEquals("    .still text", out.get(4));
    assertEquals("    \"\"\".", out.get(5));
    assertEquals("   .in it */", out.get(8));
  }

  @Test
  void lines_that_do_not_continue_are_left_alone() {
    List<String> in = List.of("/exit", ".x();", "var a = 1;", "...", "/open f.jsh", "  .y();");
    assertEquals(in, ContinuationLines.join(in));
  }
}
