/**
 * Training: configs ({@link dev.hone.train.Train}), optimizers, learning-rate schedules, devices,
 * progress listeners and the per-epoch {@link dev.hone.train.History}.
 */
package dev.hone.train;
