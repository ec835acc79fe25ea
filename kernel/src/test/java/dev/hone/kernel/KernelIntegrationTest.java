package dev.hone.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Starts the real kernel from an installed kernelspec and drives it with Jupyter's own clients:
 * the conformance suite, behaviour tests (interrupt, signatures, exit, magics, live training), and
 * every notebook in notebooks/.
 */
class KernelIntegrationTest {

  private static final Path PYTHON_TESTS = Path.of("src/test/python").toAbsolutePath();

  private static void assertPasses(JupyterClients.Result result) {
    assertEquals(0, result.exitCode(), result.output());
    // unittest reports "OK (skipped=N)" when a conformance check was skipped; none may be.
    assertFalse(java.util.regex.Pattern.compile("\\.\\.\\. skipped|skipped=")
        .matcher(result.output()).find(), result.output());
  }

  @Test
  void the_jupyter_kernel_conformance_suite_passes() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_hone_kernel"));
  }

  @Test
  void interrupts_stop_cells_and_the_kernel_lives_on() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.InterruptTests",
        "test_kernel_behaviour.IgnoredSigintTests"));
  }

  @Test
  void bad_signatures_exits_and_errors_leave_the_kernel_serving() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.RobustnessTests"));
  }

  @Test
  void a_failed_cell_aborts_the_cells_queued_behind_it() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.StopOnErrorTests"));
  }

  @Test
  void magics_work_through_the_protocol() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.MagicTests"));
  }

  @Test
  void cells_read_stdin_through_input_requests_when_the_client_allows_it() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.StdinTests"));
  }

  @Test
  void completion_ranks_hone_first_and_hides_object_plumbing() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.CompletionTests"));
  }

  @Test
  void a_kernel_whose_client_dies_exits() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.OrphanTests"));
  }

  @Test
  void training_shows_live_progress_in_one_output() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_kernel_behaviour.TrainingDisplayTests"));
  }

  @Test
  void maven_resolves_in_process_from_the_local_repository() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_maven"));
  }

  @Test
  void widgets_sync_with_the_front_end_over_comms() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_widgets"));
  }

  @Test
  void regenerate_saves_a_notebook_with_the_outputs_of_a_real_run() throws Exception {
    assertPasses(JupyterClients.python(PYTHON_TESTS, 600, "-m", "unittest", "-v", "test_regenerate"));
  }

  @Test
  void every_notebook_runs_through_the_kernel_without_errors() throws Exception {
    List<String> args = new ArrayList<>(List.of("run_notebooks.py"));
    args.addAll(notebooks());
    assertFalse(args.size() == 1, "no notebooks found in " + notebooksDir());
    assertPasses(JupyterClients.python(PYTHON_TESTS, 900, args.toArray(String[]::new)));
  }

  private static Path notebooksDir() {
    return Path.of("").toAbsolutePath().getParent().resolve("notebooks");
  }

  private static List<String> notebooks() throws IOException {
    if (!Files.isDirectory(notebooksDir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(notebooksDir())) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().map(Path::toString).toList();
    }
  }
}
