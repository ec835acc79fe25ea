package dev.hone.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellParserTest {

  @Test
  void a_cell_magic_takes_the_whole_cell_and_its_body_starts_on_the_next_line() {
    List<CellParser.Step> steps = CellParser.parse("%%time\nint a = 1;\na", 1);
    assertEquals(List.of(new CellParser.CellMagicCall("time", "", "int a = 1;\na", 2)), steps);
  }

  @Test
  void line_magics_split_java_and_keep_its_line_numbers() {
    List<CellParser.Step> steps = CellParser.parse("int a = 1;\n%classpath lib/*\nint b = 2;", 1);
    assertEquals(3, steps.size());
    assertEquals(new CellParser.LineMagicCall("classpath", "lib/*", 2), steps.get(1));
    assertEquals(3, ((CellParser.JavaCode) steps.get(2)).line());
  }

  @Test
  void plain_java_has_no_magics() {
    assertTrue(!CellParser.hasMagics("int a = 5 % 2;"));
  }
}
