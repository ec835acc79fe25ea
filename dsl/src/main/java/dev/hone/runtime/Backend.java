package dev.hone.runtime;

import java.util.Locale;

/**
 * The runtimes that serve predictions. Each form of a model has a default, measured on the build
 * machine (see {@code Predictor}); {@link Serving} picks one explicitly.
 *
 * <pre>{@code
 * model.predictor(Serving.on(Backend.ONNX_RUNTIME).threads(2));
 * }</pre>
 */
public enum Backend {
  /** DJL's PyTorch engine (libtorch): float32, CPU or GPU. */
  DJL_PYTORCH("djl-pytorch"),
  /** ONNX Runtime's CPU kernels: float32, and the integer kernels of INT8 models. */
  ONNX_RUNTIME("onnxruntime"),
  /** Hone's own heap kernel for very sparse models at small batches. */
  HONE_SPARSE("hone-sparse");

  private final String label;

  Backend(String label) {
    this.label = label;
  }

  /** Returns the short name shown in tables: {@code djl-pytorch}, {@code onnxruntime}, ... */
  public String label() {
    return label;
  }

  /**
   * Returns the backend with this label or constant name, case-insensitive.
   *
   * @param name e.g. {@code onnxruntime} or {@code ONNX_RUNTIME}
   * @return the backend
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static Backend parse(String name) {
    for (Backend b : values()) {
      if (b.label.equalsIgnoreCase(name) || b.name().equalsIgnoreCase(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown backend '" + name
        + "'; expected djl-pytorch, onnxruntime or hone-sparse");
  }

  @Override
  public String toString() {
    return label.toLowerCase(Locale.ROOT);
  }
}
