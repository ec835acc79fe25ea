/**
 * Models: specs to train ({@link dev.hone.model.Model#mlp}), and the one sealed model type,
 * {@link dev.hone.model.Network}, with its forms: {@link dev.hone.model.TrainedModel} (dense),
 * {@link dev.hone.model.PrunedModel} and {@link dev.hone.model.ClusteredModel}. The compression
 * verbs (prune, pruneGlobal, pruneNeurons, cluster, fineTune with masks held, distill,
 * sensitivity) live on the forms they apply to; evaluation, summaries and predictors serve all.
 */
package dev.hone.model;
