/**
 * Where models run: {@link dev.hone.runtime.Device} chooses the CPU or a GPU. The engine bridge
 * to DJL's PyTorch engine, an MLP's parameters as engine arrays, the logits scorer shared by
 * training, evaluation and prediction, and Hone's heap kernel for sparse models live in
 * {@code internal}.
 */
package dev.hone.runtime;
