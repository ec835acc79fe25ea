/**
 * Measurements on real artifacts: batch-1 latency percentiles, batched throughput, and
 * {@link dev.hone.bench.Compare} to put models side by side (accuracy, size, speed, Pareto
 * fronts).
 */
package dev.hone.bench;
