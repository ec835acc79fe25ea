/**
 * Where a model came from: the chain of steps (architecture, training, pruning, clustering,
 * distillation) with their settings and seeds, as structured values that tools such as
 * {@code Compare} read and that render as one line of text.
 */
package dev.hone.provenance;
