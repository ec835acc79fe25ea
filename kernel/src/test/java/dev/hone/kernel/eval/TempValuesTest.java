package dev.hone.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

class TempValuesTest {

  private static CellEvaluator evaluatorKeeping(String keep) {
    String before = System.getProperty("hone.kernel.keepValues");
    System.setProperty("hone.kernel.keepValues", keep);
    try {
      return new CellEvaluator(new PrintStream(new ByteArrayOutputStream()));
    } finally {
      if (before == null) {
        System.clearProperty("hone.kernel.keepValues");
      } else {
        System.setProperty("hone.kernel.keepValues", before);
      }
    }
  }

  private static String lastValueName(CellEvaluator evaluator) {
    List<VarSnippet> values =
        evaluator.shell().variables()
            .filter(v -> v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
            .toList();
    return values.get(values.size() - 1).name();
  }

  @Test
  void old_expression_values_are_dropped_but_mentioned_ones_and_named_variables_stay() {
    try (CellEvaluator evaluator = evaluatorKeeping("2")) {
      assertTrue(evaluator.run("int named = 7;", "cell [1]", 1).ok());
      evaluator.run("500", "cell [2]", 1);
      String forgotten = lastValueName(evaluator);
      evaluator.run("1000", "cell [3]", 1);
      String mentioned = lastValueName(evaluator);
      assertTrue(evaluator.run("int twice = " + mentioned + " * 2;", "cell [4]", 1).ok());
      for (int i = 0; i < 3; i++) {
        evaluator.run(String.valueOf(i), "cell [5]", 1);
      }

      CellResult gone = evaluator.run(forgotten, "cell [6]", 1);
      assertFalse(gone.ok(), forgotten + " should have been dropped");
      assertEquals(1000, evaluator.run(mentioned, "cell [7]", 1).value());
      assertEquals(2000, evaluator.run("twice", "cell [8]", 1).value());
      assertEquals(7, evaluator.run("named", "cell [9]", 1).value());
    }
  }

  @Test
  void a_negative_number_keeps_every_value() {
    try (CellEvaluator evaluator = evaluatorKeeping("-1")) {
      evaluator.run("500", "cell [1]", 1);
      String first = lastValueName(evaluator);
      for (int i = 0; i < 25; i++) {
        evaluator.run(String.valueOf(i), "cell [2]", 1);
      }
      assertEquals(500, evaluator.run(first, "cell [3]", 1).value());
    }
  }

  @Test
  void a_bad_setting_names_the_value_and_what_was_expected() {
    String before = System.getProperty("hone.kernel.keepValues");
    System.setProperty("hone.kernel.keepValues", "many");
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, TempValues::keepFromSystemProperty);
      assertTrue(e.getMessage().contains("'many'"), e.getMessage());
      assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty("hone.kernel.keepValues");
      } else {
        System.setProperty("hone.kernel.keepValues", before);
      }
    }
  }
}
