package dev.hone.model;

import dev.hone.data.Dataset;
import dev.hone.quant.Precision;
import dev.hone.quant.Quantization;

/**
 * The float models that quantize: {@link TrainedModel} and {@link PrunedModel}. A quantized
 * model does not quantize again, so it is not one of them, and {@code quantize} on it does not
 * compile.
 *
 * <pre>{@code
 * QuantizedModel q = Model.mlp(784, 128, 64, 10).train(train, config).prune(0.5).quantize(INT8);
 * }</pre>
 */
public sealed interface Quantizable permits TrainedModel, PrunedModel {

  /**
   * Quantizes the weights to a lower precision: INT8 (dynamic, one scale per output channel,
   * symmetric), FP16 or BF16. INT8 models run on ONNX Runtime's integer kernels (Jacob et al.
   * 2018, "Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only
   * Inference"); weights that are zero stay exactly zero.
   *
   * <pre>{@code
   * QuantizedModel q = model.quantize(INT8);
   * q.fileBytes();   // about a quarter of the FP32 file
   * }</pre>
   *
   * @param precision INT8, FP16 or BF16
   * @return the quantized model; this one is unchanged
   * @throws IllegalArgumentException for FP32
   */
  default QuantizedModel quantize(Precision precision) {
    return Quantizer.quantize((Network) this, Quantization.of(precision));
  }

  /**
   * Quantizes the weights and measures the accuracy before and after on the given rows; the
   * {@link QuantizedModel#report() report} holds both.
   *
   * <pre>{@code
   * QuantizedModel q = model.quantize(INT8, mnist.test());
   * q.report().accuracyLossPoints();
   * }</pre>
   *
   * @param precision INT8, FP16 or BF16
   * @param validation held-out rows
   * @return the quantized model
   */
  default QuantizedModel quantize(Precision precision, Dataset validation) {
    return Quantizer.quantize((Network) this, Quantization.of(precision).measuredOn(validation));
  }

  /**
   * Quantizes with explicit settings: static INT8 with calibration, per-tensor or asymmetric
   * weights, an accuracy budget that keeps sensitive layers in FP32.
   *
   * <pre>{@code
   * QuantizedModel q = model.quantize(Quantization.int8()
   *     .calibrate(mnist.train().take(1000), Calibration.entropy())
   *     .within(0.5, mnist.test()));
   * q.report();   // accuracy before and after, and each layer's precision and why
   * }</pre>
   *
   * @param how the settings
   * @return the quantized model
   * @throws IllegalArgumentException when calibration or validation rows do not fit the model
   * @throws IllegalStateException when no choice of FP32 layers meets the accuracy budget
   */
  default QuantizedModel quantize(Quantization how) {
    return Quantizer.quantize((Network) this, how);
  }
}
