package dev.hone.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * Runs one JShell script in the real JShell tool, with leading-dot chains joined
 * ({@link ContinuationLines}) and, unless told to keep going, a stop at the first error.
 *
 * <p>JShell itself reports an error in a script and goes on with the next snippet, so a chain
 * whose second line failed leaves a value with default settings that later lines then use (a
 * training run with the wrong optimizer, for minutes). Here the script reaches the tool one line
 * at a time through its standard-input file ({@code -}); JShell asks for the next line only after
 * it has evaluated the snippet before, so when it has just printed an error the next line it gets
 * is {@code /exit 1}. The runner then names the line where the failing snippet ended. With
 * {@code --keep-going} every snippet runs, as in plain jshell, and the exit status is 1 when any
 * failed. {@code dsl/bin/hone-jshell} calls this for a script argument:
 *
 * <pre>{@code
 * java -cp CLASSPATH dev.hone.shell.ScriptRunner [--keep-going] script.jsh [jshell options...]
 * }</pre>
 */
public final class ScriptRunner {

  /** How JShell starts an error or exception report, with or without its feedback prefix. */
  private static final Pattern ERROR = Pattern.compile(
      "^(\\|  )?(Error:|Exception |attempted to (use|call|invoke) )");

  private ScriptRunner() {}

  /**
   * Runs the script and exits with JShell's status, or 1 after an error.
   *
   * @param args {@code [--keep-going] script [jshell options...]}
   * @throws Exception when the JShell tool cannot start
   */
  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean keepGoing = !rest.isEmpty() && rest.get(0).equals("--keep-going");
    if (keepGoing) {
      rest.remove(0);
    }
    if (rest.isEmpty()) {
      System.err.println("usage: ScriptRunner [--keep-going] script.jsh [jshell options...]");
      System.exit(2);
    }
    Path script = Path.of(rest.remove(0));
    if (!Files.isReadable(script)) {
      System.err.println("hone-jshell: cannot read the script '" + script + "'");
      System.exit(2);
    }
    System.exit(run(script, Files.readAllLines(script, StandardCharsets.UTF_8), keepGoing, rest,
        System.out, System.err));
  }

  /**
   * Runs script lines in the JShell tool and returns the exit status.
   *
   * @param name the script's name, for messages
   * @param lines the script
   * @param keepGoing true to run past errors, as plain jshell does
   * @param jshellOptions options for the tool, such as {@code --class-path}
   * @param out where the tool and the script's code print
   * @param err where errors go
   * @return the status of the script's {@code /exit}, 0 at its end, or 1 after an error
   * @throws Exception when the JShell tool cannot start
   */
  static int run(Path name, List<String> lines, boolean keepGoing, List<String> jshellOptions,
      PrintStream out, PrintStream err) throws Exception {
    ErrorWatch watch = new ErrorWatch(err);
    LineFeed feed = new LineFeed(ContinuationLines.join(lines), watch, keepGoing);
    List<String> toolArgs = new ArrayList<>(jshellOptions);
    toolArgs.add("-");
    int status;
    try (PrintStream cmdErr = new PrintStream(watch, true, StandardCharsets.UTF_8)) {
      status = JavaShellToolBuilder.builder()
          .in(feed, System.in)
          .out(out, out, out)
          .err(cmdErr, err)
          .start(toolArgs.toArray(String[]::new));
    }
    if (feed.stoppedAfterLine >= 0) {
      err.println(feed.stoppedAfterLine == 0
          ? "hone-jshell: stopped before " + name + " ran: the startup failed (error above)"
          : "hone-jshell: stopped at " + name + " line " + feed.stoppedAfterLine
              + ": the snippet ending there failed (error above); --keep-going runs past errors");
      return 1;
    }
    if (watch.errors > 0 && status == 0) {
      err.println("hone-jshell: " + watch.errors + " error(s) in " + name);
      return 1;
    }
    return status;
  }

  /** Passes the tool's error output through and counts the errors it reports. */
  private static final class ErrorWatch extends OutputStream {
    private final PrintStream err;
    private final StringBuilder line = new StringBuilder();
    private volatile boolean fresh;
    private int errors;

    ErrorWatch(PrintStream err) {
      this.err = err;
    }

    @Override
    public synchronized void write(int b) {
      err.write(b);
      if (b == '\n') {
        if (ERROR.matcher(line).find()) {
          errors++;
          fresh = true;
        }
        line.setLength(0);
      } else if (line.length() < 80) {
        line.append((char) b);
      }
    }

    @Override
    public void flush() {
      err.flush();
    }

    /** Returns whether an error was reported since the last call. */
    boolean takeFresh() {
      boolean f = fresh;
      fresh = false;
      return f;
    }
  }

  /** Hands the tool one script line per read, or {@code /exit 1} right after an error. */
  private static final class LineFeed extends InputStream {
    private final List<String> lines;
    private final ErrorWatch watch;
    private final boolean keepGoing;
    private int next;
    private byte[] current = new byte[0];
    private int pos;
    int stoppedAfterLine = -1;

    LineFeed(List<String> lines, ErrorWatch watch, boolean keepGoing) {
      this.lines = lines;
      this.watch = watch;
      this.keepGoing = keepGoing;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= current.length) {
        if (watch.takeFresh() && !keepGoing && stoppedAfterLine < 0) {
          stoppedAfterLine = next;
          next = lines.size();
          current = "/exit 1\n".getBytes(StandardCharsets.UTF_8);
        } else if (next < lines.size()) {
          current = (lines.get(next++) + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
          return -1;
        }
        pos = 0;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
