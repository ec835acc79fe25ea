/**
 * ONNX models, encoded and decoded by hand: the protobuf wire format (varints, tags,
 * length-delimited fields) for the subset of {@code onnx.proto} that Hone's exported MLPs use, so
 * that Hone needs no protobuf library.
 *
 * <p>Values are immutable: {@link dev.hone.export.onnx.OnnxModel} holds an
 * {@link dev.hone.export.onnx.OnnxGraph} of {@link dev.hone.export.onnx.OnnxNode}s,
 * {@link dev.hone.export.onnx.TensorData} initializers and
 * {@link dev.hone.export.onnx.OnnxValueInfo} inputs and outputs. Tensors are written to
 * {@code raw_data} in little-endian order; the reader also accepts the typed data fields other
 * tools write, skips fields it does not know, and reports malformed bytes as an
 * {@link dev.hone.export.onnx.OnnxFormatException} that says what and where.
 *
 * <pre>{@code
 * OnnxModel m = OnnxModel.of(graph).withMetadata("hone.form", "fp32");
 * m.write(Path.of("mlp.onnx"));   // the ONNX checker and ONNX Runtime read it
 * }</pre>
 */
package dev.hone.export.onnx;
