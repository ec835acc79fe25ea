/** Measurements on real artifacts: latency percentiles, sizes, and (later) model comparisons. */
package dev.hone.bench;
