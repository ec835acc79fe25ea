/**
 * Not API: the one bridge to DJL's engine ({@link dev.hone.runtime.internal.Engines}), MLP
 * parameters as engine arrays ({@link dev.hone.runtime.internal.NativeMlp}), the logits scorer
 * ({@link dev.hone.runtime.internal.Logits}) and the heap kernel for sparse models
 * ({@link dev.hone.runtime.internal.SparseMlpKernel}).
 */
package dev.hone.runtime.internal;
