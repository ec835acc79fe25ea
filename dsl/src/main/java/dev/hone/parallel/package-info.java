/**
 * Parallel training on one machine: model parallelism
 * ({@link dev.hone.parallel.PipelineParallel}, layers split into stages with micro-batches
 * flowing through them) and algorithm parallelism ({@link dev.hone.parallel.Sweep}, independent
 * training runs side by side on the cores, one table of all runs).
 */
package dev.hone.parallel;
