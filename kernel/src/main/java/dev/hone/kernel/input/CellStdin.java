package dev.hone.kernel.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code System.in} for cells: when a read finds nothing buffered, it asks the notebook for a line
 * (see {@link FrontendInput}) and hands it out, with a line end, as UTF-8 bytes. So {@code new
 * Scanner(System.in).nextLine()} and {@code System.in.read()} work as at a terminal. A line left
 * unread when a cell ends is dropped, as a terminal's type-ahead is not.
 */
final class CellStdin extends InputStream {

  private final FrontendInput input;
  private byte[] line = new byte[0];
  private int next;
  private long cell;

  CellStdin(FrontendInput input) {
    this.input = input;
  }

  @Override
  public synchronized int read() throws IOException {
    fill();
    return line[next++] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    fill();
    int n = Math.min(len, line.length - next);
    System.arraycopy(line, next, b, off, n);
    next += n;
    return n;
  }

  @Override
  public synchronized int available() {
    return cell == input.cellNumber() ? line.length - next : 0;
  }

  private void fill() throws IOException {
    long now = input.cellNumber();
    if (now != cell) {
      line = new byte[0];
      next = 0;
      cell = now;
    }
    if (next < line.length) {
      return;
    }
    line = (input.readLine("", false) + "\n").getBytes(StandardCharsets.UTF_8);
    next = 0;
  }
}
