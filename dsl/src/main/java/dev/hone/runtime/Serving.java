package dev.hone.runtime;

import java.util.Objects;

/**
 * Where and how a predictor runs: the backend (or the measured default for the model's form),
 * the device, and the number of threads. An immutable value.
 *
 * <pre>{@code
 * try (Predictor p = model.predictor(Serving.on(Backend.ONNX_RUNTIME).threads(1))) { ... }
 * }</pre>
 *
 * @param backend the runtime, or null for the measured default of the model's form
 * @param device where engine calls run
 * @param threads intra-op threads for ONNX Runtime, 0 for its default (one per physical core);
 *     DJL's PyTorch engine takes its thread count once per process, from the system property
 *     {@code ai.djl.pytorch.num_threads}
 */
public record Serving(Backend backend, Device device, int threads) {

  /** Checks the values. */
  public Serving {
    Objects.requireNonNull(device, "device");
    if (threads < 0 || threads > 1024) {
      throw new IllegalArgumentException("threads must be between 0 (the runtime's default)"
          + " and 1024, was " + threads);
    }
  }

  /** Returns the measured default backend for the model's form, on {@link Device#auto()}. */
  public static Serving auto() {
    return new Serving(null, Device.auto(), 0);
  }

  /**
   * Returns a serving on the given backend.
   *
   * @param backend the runtime
   * @return the serving
   */
  public static Serving on(Backend backend) {
    return new Serving(Objects.requireNonNull(backend, "backend"), Device.auto(), 0);
  }

  /**
   * Returns this serving with a thread count.
   *
   * @param count threads, 0 for the runtime's default
   * @return the serving
   */
  public Serving threads(int count) {
    return new Serving(backend, device, count);
  }

  /**
   * Returns this serving on a device.
   *
   * @param where the device
   * @return the serving
   */
  public Serving device(Device where) {
    return new Serving(backend, where, threads);
  }
}
