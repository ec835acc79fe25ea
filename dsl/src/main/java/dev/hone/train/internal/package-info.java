/**
 * The training loop and its seams, not API: {@link dev.hone.train.internal.MlpTrainer} runs
 * mini-batch descent on DJL's PyTorch engine with a pluggable
 * {@link dev.hone.train.internal.Objective} (cross-entropy, distillation) and
 * {@link dev.hone.train.internal.StepHook} (masks held, gradual pruning, shared weights), and
 * {@link dev.hone.train.internal.Updater} applies the optimizer rules.
 */
package dev.hone.train.internal;
