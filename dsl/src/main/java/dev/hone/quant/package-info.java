/**
 * The arithmetic of post-training quantization, on plain arrays, following the conventions of
 * ONNX's {@code QuantizeLinear} and {@code DequantizeLinear} so that a model quantized here runs
 * unchanged on ONNX Runtime's integer kernels:
 *
 * <pre>{@code
 * q = saturate(round_half_to_even(x / scale) + zeroPoint)      // to [qmin, qmax]
 * x ~ (q - zeroPoint) * scale
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.hone.quant.QuantParams}: the scale and zero point of one tensor or channel,
 *       symmetric or asymmetric, and the two formulas above;
 *   <li>{@link dev.hone.quant.QuantizedWeights}: a {@code [inputs, outputs]} weight matrix in
 *       int8, per tensor or per output channel;
 *   <li>{@link dev.hone.quant.Calibration}: activation ranges from calibration data by min/max,
 *       percentile or entropy (KL divergence);
 *   <li>{@link dev.hone.quant.HalfFloats}: IEEE binary16 and bfloat16 conversions for
 *       {@link dev.hone.quant.Precision#FP16} and {@link dev.hone.quant.Precision#BF16}.
 * </ul>
 *
 * <p>Every scheme here represents real zero exactly, so a pruned weight or a ReLU's zero output
 * stays exactly zero after a round trip. Nothing here depends on the rest of Hone; the model verb
 * ({@code model.quantize(...)}) and the ONNX export build on it.
 */
package dev.hone.quant;
