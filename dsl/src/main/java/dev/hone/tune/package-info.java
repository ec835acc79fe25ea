/**
 * Tuning how a model is trained, measured: {@link dev.hone.tune.BatchSizes}, the batch-size
 * search (samples/s, memory and time to a target accuracy per size, with the linear
 * learning-rate scaling rule and warm-up as options, and a recommended size).
 */
package dev.hone.tune;
