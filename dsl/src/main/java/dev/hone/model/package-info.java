/**
 * Models: specs to train ({@link dev.hone.model.Model#mlp}), trained values with their weights,
 * history and provenance, evaluation, summaries, predictors, and the saved-file format.
 */
package dev.hone.model;
