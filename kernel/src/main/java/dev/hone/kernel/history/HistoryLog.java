package dev.hone.kernel.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel session, answering Jupyter's history requests:
 * the last n entries, a range of execution counts, or a glob search.
 *
 * <p>History lives in memory for the session; the session number is always {@link #SESSION}.
 * Clients that ask for session 0 or a negative (relative) session get this one.
 */
public final class HistoryLog {

  /** The session number reported for this kernel process. */
  public static final int SESSION = 1;

  /**
   * One executed cell.
   *
   * @param line the execution count
   * @param input the cell's code
   * @param output its text output, or null
   */
  public record Entry(int line, String input, String output) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Records a cell. */
  public synchronized void add(int line, String input) {
    entries.add(new Entry(line, input, null));
  }

  /** Sets the text output of the cell with execution count {@code line}. */
  public synchronized void setOutput(int line, String output) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).line() == line) {
        entries.set(i, new Entry(line, entries.get(i).input(), output));
        return;
      }
    }
  }

  /** Returns the last {@code n} entries, oldest first. */
  public synchronized List<Entry> tail(int n) {
    int from = Math.max(0, entries.size() - Math.max(n, 0));
    return List.copyOf(entries.subList(from, entries.size()));
  }

  /**
   * Returns entries with {@code start <= line < stop} of a session; other sessions are empty.
   * A stop of 0 or less means to the end.
   */
  public synchronized List<Entry> range(int session, int start, int stop) {
    if (session > 0 && session != SESSION) {
      return List.of();
    }
    List<Entry> result = new ArrayList<>();
    for (Entry e : entries) {
      if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
        result.add(e);
      }
    }
    return result;
  }

  /**
   * Returns entries whose input matches a glob ({@code *} any text, {@code ?} one character),
   * the last {@code n} of them (all if n is 0 or less), with only the latest of equal inputs when
   * {@code unique}.
   */
  public synchronized List<Entry> search(String glob, int n, boolean unique) {
    Pattern pattern = globToRegex(glob);
    List<Entry> matched = new ArrayList<>();
    for (Entry e : entries) {
      if (pattern.matcher(e.input()).matches()) {
        matched.add(e);
      }
    }
    if (unique) {
      Map<String, Entry> latest = new LinkedHashMap<>();
      for (Entry e : matched) {
        latest.remove(e.input());
        latest.put(e.input(), e);
      }
      matched = new ArrayList<>(latest.values());
    }
    if (n > 0 && matched.size() > n) {
      matched = matched.subList(matched.size() - n, matched.size());
    }
    return List.copyOf(matched);
  }

  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
