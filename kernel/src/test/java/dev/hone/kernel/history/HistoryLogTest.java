package dev.hone.kernel.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryLogTest {

  private static HistoryLog log() {
    HistoryLog log = new HistoryLog();
    log.add(1, "int a = 1;");
    log.add(2, "6 * 7");
    log.add(3, "a + 1");
    log.add(4, "6 * 7");
    return log;
  }

  @Test
  void tail_returns_the_last_entries_oldest_first() {
    assertEquals(List.of(3, 4), log().tail(2).stream().map(HistoryLog.Entry::line).toList());
  }

  @Test
  void range_includes_start_and_excludes_stop() {
    assertEquals(List.of(2, 3), log().range(HistoryLog.SESSION, 2, 4).stream().map(HistoryLog.Entry::line).toList());
  }

  @Test
  void search_matches_globs_and_unique_keeps_the_latest() {
    assertEquals(2, log().search("6 * 7", 0, false).size());
    assertEquals(List.of(4), log().search("6*", 0, true).stream().map(HistoryLog.Entry::line).toList());
    assertEquals(List.of(3, 4), log().search("*", 2, false).stream().map(HistoryLog.Entry::line).toList());
  }

  @Test
  void outputs_attach_to_their_cell() {
    HistoryLog log = log();
    log.setOutput(2, "42");
    assertEquals("42", log.range(0, 2, 3).get(0).output());
  }
}
