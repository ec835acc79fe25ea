package dev.hone.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassArchiveWarmUpTest {

  @Test
  void the_warm_up_cells_run_as_a_session_would_with_the_two_meant_to_fail_failing() {
    // install.sh records the class archive from this run; a cell that stopped compiling (an
    // import or API renamed) would record less and warn at every install.
    assertEquals(0, ClassArchiveWarmUp.run());
  }
}
