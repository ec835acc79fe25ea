/**
 * Where models run: the one bridge to DJL's PyTorch engine (which engine, which device, grad
 * mode), an MLP's parameters as engine arrays, the logits scorer shared by training, evaluation
 * and prediction, and Hone's own heap kernel for sparse models.
 */
package dev.hone.runtime;
