/**
 * The arithmetic of compression, on plain weight arrays: magnitude pruning (per layer, global),
 * neuron ranking for structured pruning, one-dimensional k-means for weight sharing, and the
 * settings of knowledge distillation. The model verbs ({@code model.prune(0.5)},
 * {@code model.cluster(5)}, {@code spec.distill(...)}) call these and wrap the result in a new
 * model value.
 */
package dev.hone.compress;
