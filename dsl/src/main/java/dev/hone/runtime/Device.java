package dev.hone.runtime;

import java.util.Locale;
import java.util.Optional;

/**
 * Where training and inference run.
 *
 * <p>{@link #auto()} picks the first GPU when the engine sees one, the CPU otherwise. The
 * environment variable {@code HONE_DEVICE} ({@code cpu}, {@code gpu} or {@code gpu:1}) overrides
 * {@code auto}; a device named on the config overrides both.
 *
 * <pre>{@code
 * Train.epochs(5).device(Device.cpu());
 * }</pre>
 *
 * @param kind {@code "auto"}, {@code "cpu"} or {@code "gpu"}
 * @param index the GPU index, 0 otherwise
 */
public record Device(String kind, int index) {

  /** The environment variable that overrides {@link #auto()}. */
  public static final String ENVIRONMENT_VARIABLE = "HONE_DEVICE";

  /** Checks the kind and index. */
  public Device {
    if (!kind.equals("auto") && !kind.equals("cpu") && !kind.equals("gpu")) {
      throw new IllegalArgumentException("device kind must be auto, cpu or gpu, was '" + kind + "'");
    }
    if (index < 0) {
      throw new IllegalArgumentException("device index must be >= 0, was " + index);
    }
  }

  /** The GPU when there is one, else the CPU; {@code HONE_DEVICE} overrides. */
  public static Device auto() {
    return new Device("auto", 0);
  }

  /** The CPU. */
  public static Device cpu() {
    return new Device("cpu", 0);
  }

  /**
   * The GPU with the given index.
   *
   * @param index from 0
   * @return the device
   */
  public static Device gpu(int index) {
    return new Device("gpu", index);
  }

  /**
   * Parses {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto}.
   *
   * @param text the name
   * @return the device
   */
  public static Device parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("cpu") || t.equals("auto") || t.equals("gpu")) {
      return new Device(t, 0);
    }
    if (t.startsWith("gpu:") || t.startsWith("cuda:")) {
      try {
        return gpu(Integer.parseInt(t.substring(t.indexOf(':') + 1)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "cannot read device '" + text + "'; expected cpu, gpu, gpu:N or auto");
  }

  /** Returns the device that {@code HONE_DEVICE} names, if it is set. */
  public static Optional<Device> fromEnvironment() {
    String value = System.getenv(ENVIRONMENT_VARIABLE);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(value));
  }

  @Override
  public String toString() {
    return kind.equals("gpu") ? "gpu:" + index : kind;
  }
}
