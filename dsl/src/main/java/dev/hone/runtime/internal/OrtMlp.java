package dev.hone.runtime.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An ONNX Runtime session over one exported MLP: input {@code x} of shape {@code [rows, inputs]},
 * output {@code logits}. The session owns the weights in native memory; {@link #close()} frees
 * them. Not thread-safe: the caller serializes calls.
 */
public final class OrtMlp implements AutoCloseable {

  private final OrtSession session;
  private final int inputs;
  private ByteBuffer staging;

  /**
   * Opens a session on the model bytes.
   *
   * @param onnx the model, as {@code exportOnnx} writes it
   * @param inputs features per row
   * @param threads intra-op threads, 0 for ONNX Runtime's default (one per physical core)
   * @throws IllegalStateException naming ONNX Runtime's message when it refuses the model
   */
  public OrtMlp(byte[] onnx, int inputs, int threads) {
    this.inputs = inputs;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      this.session = env.createSession(onnx, options);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime refused the model: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the rows through the model.
   *
   * @param features {@code rows * inputs} values, row-major, already checked
   * @param rows the number of rows
   * @return the logits, row-major
   */
  public float[] logits(float[] features, int rows) {
    int bytes = features.length * Float.BYTES;
    if (staging == null || staging.capacity() < bytes) {
      staging = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
    FloatBuffer x = staging.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
    x.put(features).flip();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor in = OnnxTensor.createTensor(env, x, new long[] {rows, inputs});
        OrtSession.Result out = session.run(Map.of("x", in))) {
      FloatBuffer z = ((OnnxTensor) out.get(0)).getFloatBuffer();
      float[] logits = new float[z.remaining()];
      z.get(logits);
      return logits;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on " + rows + " rows: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("closing the ONNX Runtime session failed", e);
    }
  }
}
