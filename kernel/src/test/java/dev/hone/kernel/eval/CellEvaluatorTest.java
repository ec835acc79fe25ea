package dev.hone.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellEvaluatorTest {

  private static CellEvaluator evaluator;

  @BeforeAll
  static void start() {
    evaluator = new CellEvaluator(new PrintStream(new ByteArrayOutputStream()));
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  private static String traceback(CellResult result) {
    return String.join("\n", result.error().orElseThrow().traceback());
  }

  @Test
  void a_cell_ending_with_an_expression_gives_its_value_as_a_live_object() {
    CellResult result = evaluator.run("var list = new java.util.ArrayList<Integer>();\nlist.add(4);\nlist", "cell [1]", 1);
    assertTrue(result.ok());
    assertTrue(result.hasValue());
    assertEquals(List.of(4), result.value());
  }

  @Test
  void a_cell_ending_with_a_declaration_or_statement_has_no_value() {
    assertFalse(evaluator.run("int declared = 3;", "cell [1]", 1).hasValue());
    assertFalse(evaluator.run("System.out.print(\"\")", "cell [1]", 1).hasValue());
  }

  @Test
  void variables_keep_their_values_across_cells() {
    evaluator.run("int kept = 41;", "cell [1]", 1);
    assertEquals(42, evaluator.run("kept + 1", "cell [2]", 1).value());
  }

  @Test
  void a_runtime_exception_points_at_the_line_in_the_cell() {
    CellResult result =
        evaluator.run("int a = 1;\n\nint b = 0;\nint c = a / b;", "cell [5]", 1);
    CellError error = result.error().orElseThrow();
    assertEquals("java.lang.ArithmeticException", error.ename());
    assertEquals("/ by zero", error.evalue());
    assertTrue(traceback(result).contains("cell [5], line 4"), traceback(result));
    assertFalse(traceback(result).contains("#"), traceback(result));
  }

  @Test
  void a_method_from_an_earlier_cell_is_named_by_that_cell_and_line() {
    evaluator.run("// helpers\nint divide(int x) {\n  return 10 / x;\n}", "cell [7]", 1);
    CellResult result = evaluator.run("int y = 2;\ndivide(y - 2)", "cell [8]", 1);
    String traceback = traceback(result);
    assertTrue(traceback.contains("divide (cell [7], line 3)"), traceback);
    assertTrue(traceback.contains("cell [8], line 2"), traceback);
  }

  @Test
  void a_compile_error_points_at_the_line_in_the_cell() {
    CellResult result = evaluator.run("int ok = 1;\nint bad = undefinedName + 1;", "cell [3]", 1);
    CellError error = result.error().orElseThrow();
    assertEquals("CompilationError", error.ename());
    assertTrue(error.evalue().contains("cannot find symbol"), error.evalue());
    assertTrue(traceback(result).contains("cell [3], line 2"), traceback(result));
  }

  @Test
  void system_exit_ends_the_cell_with_an_error_and_the_kernel_lives_on() {
    evaluator.run("int before = 7;", "cell [1]", 1);
    CellResult result = evaluator.run("System.exit(3);", "cell [2]", 1);
    assertEquals("SystemExit", result.error().orElseThrow().ename());
    assertEquals(7, evaluator.run("before", "cell [3]", 1).value());
  }

  @Test
  void running_out_of_memory_ends_the_cell_with_an_error() {
    CellResult result = evaluator.run("long[] huge = new long[Integer.MAX_VALUE - 8];", "cell [1]", 1);
    assertEquals("java.lang.OutOfMemoryError", result.error().orElseThrow().ename());
    assertEquals(2, evaluator.run("1 + 1", "cell [2]", 1).value());
  }

  @Test
  void an_interrupt_stops_a_sleeping_cell_and_keeps_earlier_variables() throws Exception {
    evaluator.run("String survivor = \"still here\";", "cell [1]", 1);
    CompletableFuture<CellResult> running =
        CompletableFuture.supplyAsync(() -> evaluator.run("Thread.sleep(60_000);", "cell [2]", 1));
    waitUntilRunning();
    assertTrue(evaluator.gate().interrupt());
    CellResult result = running.get(10, TimeUnit.SECONDS);
    assertEquals("Interrupted", result.error().orElseThrow().ename());
    assertEquals("still here", evaluator.run("survivor", "cell [3]", 1).value());
  }

  @Test
  void a_tight_loop_that_ignores_interrupts_stops_at_its_back_edge_and_keeps_earlier_state()
      throws Exception {
    evaluator.run("long spins = 0;", "cell [1]", 1);
    for (String loop : List.of("while (true) { spins++; }", "while (true) {}", "for(;;) spins++;")) {
      CompletableFuture<CellResult> running =
          CompletableFuture.supplyAsync(() -> evaluator.run(loop, "cell [2]", 1));
      waitUntilRunning();
      assertTrue(evaluator.gate().interrupt());
      Thread.sleep(100);
      assertFalse(running.isDone(), loop + " should ignore a plain interrupt");
      assertTrue(evaluator.gate().armStopPoints());
      CellResult result = running.get(10, TimeUnit.SECONDS);
      assertEquals("Interrupted", result.error().orElseThrow().ename(), loop);
    }
    assertEquals(true, evaluator.run("spins > 0", "cell [3]", 1).value());
    assertEquals(3, evaluator.run("1 + 2", "cell [4]", 1).value());
  }

  @Test
  void a_lambda_called_by_library_code_stops_at_its_entry() throws Exception {
    CompletableFuture<CellResult> running =
        CompletableFuture.supplyAsync(
            () -> evaluator.run(
                "java.util.stream.LongStream.range(0, Long.MAX_VALUE).map(i -> i * 3).sum()", "cell [2]", 1));
    waitUntilRunning();
    evaluator.gate().interrupt();
    assertTrue(evaluator.gate().armStopPoints());
    assertEquals("Interrupted", running.get(10, TimeUnit.SECONDS).error().orElseThrow().ename());
  }

  @Test
  void a_method_defined_in_an_earlier_cell_stops_too() throws Exception {
    evaluator.run("void spinForever() { int x = 0; do { x ^= 1; } while (x < 2); }", "cell [1]", 1);
    CompletableFuture<CellResult> running =
        CompletableFuture.supplyAsync(() -> evaluator.run("spinForever();", "cell [2]", 1));
    waitUntilRunning();
    evaluator.gate().interrupt();
    assertTrue(evaluator.gate().armStopPoints());
    assertEquals("Interrupted", running.get(10, TimeUnit.SECONDS).error().orElseThrow().ename());
  }

  @Test
  void stop_points_stay_disarmed_without_an_interrupt_and_after_the_cell() {
    assertFalse(evaluator.gate().armStopPoints());
    assertEquals(4950, evaluator.run("int sum = 0;\nfor (int i = 0; i < 100; i++) sum += i;\nsum", "cell [1]", 1).value());
  }

  @Test
  void a_library_loop_that_ignores_interrupts_is_stopped_by_thread_stop_where_the_jdk_has_it()
      throws Exception {
    CompletableFuture<CellResult> running =
        CompletableFuture.supplyAsync(
            () -> evaluator.run("dev.hone.kernel.eval.LibrarySpin.spin()", "cell [2]", 1));
    waitUntilRunning();
    evaluator.gate().interrupt();
    evaluator.gate().armStopPoints();
    Thread.sleep(200);
    assertFalse(running.isDone(), "library code has no stop points");
    boolean hasThreadStop = Runtime.version().feature() < 20;
    try {
      assertEquals(hasThreadStop, evaluator.gate().forceStop());
    } finally {
      LibrarySpin.release();
    }
    assertEquals("Interrupted", running.get(10, TimeUnit.SECONDS).error().orElseThrow().ename());
    assertEquals(3, evaluator.run("1 + 2", "cell [3]", 1).value());
  }

  @Test
  void is_complete_tells_open_blocks_from_finished_code_and_garbage() {
    assertEquals("complete", evaluator.isComplete("int q = 1;"));
    assertEquals("incomplete", evaluator.isComplete("for (int i = 0; i < 3; i++) {"));
    assertEquals("invalid", evaluator.isComplete("x ++ )"));
  }

  @Test
  void completion_offers_methods_of_a_class() {
    CellEvaluator.Completions c = evaluator.complete("Math.ma", 7);
    assertTrue(c.matches().contains("max("), c.matches().toString());
    assertEquals(5, c.start());
  }

  @Test
  void completion_after_a_dot_puts_hone_members_first_and_leaves_out_object_plumbing() {
    evaluator.run("var cfg = dev.hone.train.Train.epochs(3);", "cell [1]", 1);
    List<String> members = evaluator.complete("cfg.", 4).matches();
    for (String plumbing : List.of("wait(", "notify()", "notifyAll()", "getClass()", "hashCode()")) {
      assertFalse(members.contains(plumbing), plumbing + " in " + members);
    }
    assertFalse(members.contains("listenerOrDefault()"), members.toString());
    assertEquals(List.of("equals(", "toString()"), members.subList(members.size() - 2, members.size()));
    assertTrue(members.contains("adam("), members.toString());

    // An enum: its own bits() before the members every enum inherits from java.lang.Enum.
    List<String> precision = evaluator.complete("dev.hone.quant.Precision.INT8.", 30).matches();
    assertEquals("bits()", precision.get(0), precision.toString());
    assertTrue(precision.indexOf("ordinal()") > 0, precision.toString());
  }

  @Test
  void completion_of_a_name_puts_hone_types_and_the_sessions_own_names_first() {
    evaluator.run("import java.util.*;", "cell [1]", 1);
    evaluator.run("import dev.hone.data.*;", "cell [2]", 1);
    evaluator.run("int Stock = 1;", "cell [3]", 1);
    List<String> names = evaluator.complete("St", 2).matches();
    int hone = names.indexOf("Standardizer");
    int own = names.indexOf("Stock");
    int jdk = names.indexOf("Stack");
    assertTrue(hone >= 0 && own >= 0 && jdk >= 0, names.toString());
    assertTrue(hone < jdk && own < jdk, names.toString());
  }

  @Test
  void the_receiver_of_a_completion_is_the_expression_before_the_dot() {
    assertEquals("Model.mlp(784, 10)", CompletionRanking.receiver("var m = Model.mlp(784, 10)"));
    assertEquals("\"a.b\".trim()", CompletionRanking.receiver("x = f(\"a.b\".trim()"));
    assertEquals("list.get(i)", CompletionRanking.receiver("int n = 2;\nlist.get(i)"));
    assertEquals("new Foo(1)", CompletionRanking.receiver("var f = new Foo(1)"));
  }

  private static void waitUntilRunning() throws InterruptedException {
    for (int i = 0; i < 3000 && !evaluator.gate().inUserCode(); i++) {
      Thread.sleep(10);
    }
    assertTrue(evaluator.gate().inUserCode(), "the cell never started running");
  }
}
