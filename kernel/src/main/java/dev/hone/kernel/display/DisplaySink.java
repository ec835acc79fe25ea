package dev.hone.kernel.display;

import java.util.Map;

/**
 * Where rendered bundles go; the kernel implements it by publishing on IOPub in reply to the cell
 * that is running.
 */
public interface DisplaySink {

  /**
   * Shows a bundle as a new output.
   *
   * @param data MIME type to content
   * @param displayId an id to update it later by, or null
   */
  void display(Map<String, String> data, String displayId);

  /** Replaces the content of every output shown with {@code displayId}. */
  void update(Map<String, String> data, String displayId);

  /** Clears the cell's output; with {@code wait}, only when the next output arrives. */
  default void clear(boolean wait) {}

  /** Sends text printed so far, so that what is displayed next comes after it. */
  default void flush() {}

  /** A sink that drops everything, used outside a kernel (tests, plain JShell). */
  DisplaySink NONE =
      new DisplaySink() {
        @Override
        public void display(Map<String, String> data, String displayId) {}

        @Override
        public void update(Map<String, String> data, String displayId) {}
      };
}
