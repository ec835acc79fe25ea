package dev.hone.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hone.runtime.internal.Engines;
import dev.hone.runtime.internal.Logits;
import dev.hone.runtime.internal.NativeMlp;
import dev.hone.runtime.internal.SparseMlpKernel;
import dev.hone.layer.Layer;
import dev.hone.runtime.Backend;
import dev.hone.runtime.Serving;
import dev.hone.runtime.internal.OrtMlp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's weights loaded for many predictions in a row. Opening one copies the weights once;
 * {@link #close()} frees them. The owner of a predictor closes it.
 *
 * <p>Each call runs on the runtime that serves it fastest, unless a {@link Serving} names one:
 * <ul>
 *   <li>a quantized model runs on ONNX Runtime ({@link Backend#ONNX_RUNTIME}), the runtime with
 *       real integer kernels; an FP16 or BF16 model too (its weights widen to float32 once, when
 *       the session opens);
 *   <li>a float model runs on ONNX Runtime on the CPU and on DJL's PyTorch engine on a GPU.
 *       Measured on the 2-core build machine, one thread, 784-128-64-10
 *       ({@code dsl/bench/run-quantization-benchmark.sh}): ONNX Runtime 10.7 us at batch 1 and
 *       371,000 rows/s at batch 256, DJL 29.8 us and 319,000 rows/s;
 *   <li>a pruned or clustered model at high sparsity and small batches runs on Hone's heap
 *       kernel ({@link SparseMlpKernel}), which skips the pruned weights. Measured the same way
 *       (median of 20,000 calls; {@code dev.hone.bench.SparseCrossoverBench}), the heap kernel
 *       beat the engine at batch 1 from 70-80% sparsity (784-128-64-10 at 90%: 6.6 against 24.1
 *       us) and at batch 8 from 90-95%; at batch 256 the engine's matrix product wins below 95%.
 *       So the heap kernel serves single rows from 80% sparsity and up to 8 rows from 95%.
 * </ul>
 *
 * <pre>{@code
 * try (Predictor p = model.predictor()) {
 *   int digit = p.predict(image);
 * }
 * }</pre>
 */
public final class Predictor implements AutoCloseable {

  private final Network model;
  private final Serving serving;
  private final Backend fixed;
  private final Backend dense;
  private final SparseMlpKernel sparse;
  private final String form;
  private final double sparsity;
  private final int inputs;
  private final int classes;
  private NDManager manager;
  private NativeMlp mlp;
  private OrtMlp ort;
  private ByteBuffer input;
  private boolean closed;

  Predictor(Network model, Serving serving) {
    this.model = model;
    this.serving = serving;
    this.inputs = model.spec().inputs();
    this.classes = model.spec().classes();
    this.sparsity = model.sparsity();
    this.form = model.form();
    this.fixed = fixedBackend(form, serving);
    this.dense = fixed != null && fixed != Backend.HONE_SPARSE ? fixed : denseDefault(serving);
    if (dense == Backend.ONNX_RUNTIME && serving.device().kind().equals("gpu")) {
      throw new IllegalArgumentException("ONNX Runtime here is the CPU build; run "
          + serving.device() + " with Backend.DJL_PYTORCH, or use Device.cpu()");
    }
    this.sparse = fixed == Backend.HONE_SPARSE
        || (fixed == null && servesSparse(form, sparsity, 1)) ? sparseKernel(model) : null;
    if (sparse == null) {
      // Open the runtime now, so a model it refuses fails here and not on the first call.
      if (dense == Backend.ONNX_RUNTIME) {
        ortMlp();
      } else {
        engineMlp();
      }
    }
  }

  /**
   * The runtime for float calls that the heap kernel does not serve: ONNX Runtime on the CPU,
   * where it measured faster than DJL at batch 1 and 256 (see the class comment), and DJL's
   * engine on a GPU (this ONNX Runtime is the CPU build).
   */
  private static Backend denseDefault(Serving serving) {
    return Engines.resolve(serving.device()).isGpu() ? Backend.DJL_PYTORCH
        : Backend.ONNX_RUNTIME;
  }

  private OrtMlp ortMlp() {
    if (ort == null) {
      ort = new OrtMlp(model.onnxBytes(), inputs, serving.threads());
    }
    return ort;
  }

  /** The backend every call uses, or null when the batch size decides (float models). */
  private static Backend fixedBackend(String form, Serving serving) {
    Backend b = serving.backend();
    if (form.equals("quantized")) {
      if (b != null && b != Backend.ONNX_RUNTIME) {
        throw new IllegalArgumentException("a quantized model runs on ONNX Runtime's integer"
            + " and 16-bit kernels, not on " + b.label() + "; use Backend.ONNX_RUNTIME or the"
            + " default");
      }
      return Backend.ONNX_RUNTIME;
    }
    return b;
  }

  /** Sparsity from which the heap kernel serves single rows. */
  static final double SPARSE_BATCH_1 = 0.8;
  /** Sparsity from which the heap kernel serves up to {@link #SPARSE_MAX_ROWS} rows. */
  static final double SPARSE_SMALL_BATCH = 0.95;
  /** The largest batch the heap kernel serves. */
  static final int SPARSE_MAX_ROWS = 8;

  private static SparseMlpKernel sparseKernel(Network model) {
    List<Integer> w = model.spec().widths();
    int[] widths = w.stream().mapToInt(Integer::intValue).toArray();
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    for (Layer l : model.layers()) {
      weights.add(l.weights());
      biases.add(l.biases());
    }
    return SparseMlpKernel.of(widths, weights, biases, model.spec().activation());
  }

  /** The engine copy of the weights, made on first use (a sparse model may never need it). */
  private NativeMlp engineMlp() {
    if (mlp == null) {
      NDManager m = Engines.engine().newBaseManager(Engines.resolve(serving.device()));
      try {
        mlp = new NativeMlp(model.layers(), model.spec().activation(), m);
      } catch (RuntimeException e) {
        m.close();
        throw e;
      }
      manager = m;
    }
    return mlp;
  }

  /**
   * Copies the rows into a direct buffer that this predictor reuses, so a call does not allocate
   * and zero a fresh native buffer the size of its input (measured at 70 to 950 us for 256 rows
   * of 784 floats here, as much as the forward pass itself).
   */
  private ByteBuffer staged(float[] features) {
    int bytes = features.length * Float.BYTES;
    if (input == null || input.capacity() < bytes) {
      input = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
    ByteBuffer view = input.duplicate().order(ByteOrder.nativeOrder());
    view.clear().limit(bytes);
    view.asFloatBuffer().put(features);
    return view.slice().order(ByteOrder.nativeOrder());
  }

  /**
   * Returns which runtime serves a call of the given number of rows: {@code hone-sparse} (the
   * heap kernel), {@code djl-pytorch} or {@code onnxruntime}.
   *
   * @param rows rows per call
   * @return the runtime's name
   */
  public String runtimeFor(int rows) {
    return backendFor(form, sparsity, fixed, dense, rows).label();
  }

  /**
   * Returns which runtime a predictor of this model would use for calls of {@code rows} rows,
   * without opening one (which would copy the weights to the engine).
   *
   * <pre>{@code
   * Predictor.runtimeFor(model.prune(0.9), 1);       // "hone-sparse"
   * Predictor.runtimeFor(model.quantize(INT8), 256); // "onnxruntime"
   * }</pre>
   *
   * @param model any model
   * @param rows rows per call
   * @return {@code hone-sparse}, {@code djl-pytorch} or {@code onnxruntime}
   */
  public static String runtimeFor(Network model, int rows) {
    Backend fixed = fixedBackend(model.form(), Serving.auto());
    return backendFor(model.form(), model.sparsity(), fixed,
        fixed != null ? fixed : denseDefault(Serving.auto()), rows).label();
  }

  private static Backend backendFor(String form, double sparsity, Backend fixed, Backend dense,
      int rows) {
    if (fixed != null) {
      return fixed;
    }
    return servesSparse(form, sparsity, rows) ? Backend.HONE_SPARSE : dense;
  }

  /** The measured policy: see the class comment. */
  private static boolean servesSparse(String form, double sparsity, int rows) {
    return !form.equals("dense") && ((rows == 1 && sparsity >= SPARSE_BATCH_1)
        || (rows <= SPARSE_MAX_ROWS && sparsity >= SPARSE_SMALL_BATCH));
  }

  /**
   * Returns the logits for {@code rows} rows given row-major.
   *
   * @param features {@code rows * inputs} values
   * @param rows the number of rows
   * @return {@code rows * classes} logits, row-major
   */
  public synchronized float[] logits(float[] features, int rows) {
    if (closed) {
      throw new IllegalStateException("this predictor is closed; open another with"
          + " model.predictor()");
    }
    if (rows <= 0 || features.length != rows * inputs) {
      throw new IllegalArgumentException("expected " + rows + " rows of " + inputs
          + " features (" + (long) rows * inputs + " values), got " + features.length);
    }
    Backend b = backendFor(form, sparsity, fixed, dense, rows);
    if (b == Backend.HONE_SPARSE) {
      return sparse.logits(features, rows); // checks every feature is finite itself
    }
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException("row " + i / inputs + ", feature " + i % inputs
            + " is " + features[i] + "; expected a finite number");
      }
    }
    if (b == Backend.ONNX_RUNTIME) {
      return ortMlp().logits(features, rows);
    }
    NativeMlp net = engineMlp();
    Engines.gradMode(false);
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(staged(features), new Shape(rows, inputs), DataType.FLOAT32);
      return net.forward(x).toFloatArray();
    }
  }

  /**
   * Returns the most likely class of one row.
   *
   * @param row {@code inputs} features
   * @return the class index
   */
  public int predict(float[] row) {
    return argMaxRows(logits(row, 1), classes)[0];
  }

  /**
   * Returns the most likely class of each row.
   *
   * @param rows feature rows
   * @return one class index per row
   */
  public int[] predict(float[][] rows) {
    if (rows.length == 0) {
      return new int[0];
    }
    float[] flat = new float[rows.length * inputs];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != inputs) {
        throw new IllegalArgumentException(
            "row " + r + " has " + rows[r].length + " features, expected " + inputs);
      }
      System.arraycopy(rows[r], 0, flat, r * inputs, inputs);
    }
    return argMaxRows(logits(flat, rows.length), classes);
  }

  private static int[] argMaxRows(float[] logits, int classes) {
    int[] out = new int[logits.length / classes];
    for (int r = 0; r < out.length; r++) {
      out[r] = Logits.argMax(logits, r * classes, classes);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      if (ort != null) {
        ort.close();
        ort = null;
      }
    } finally {
      if (manager != null) {
        manager.close();
        manager = null;
        mlp = null;
      }
    }
  }
}
