package dev.hone.data.table.internal;

/** Where a fitted step runs: on the training table, on another table, or on one raw row. */
public enum Mode {
  /** On the training table, right after fitting: row filters apply. */
  FIT,
  /** On another table (test data): fitted statistics apply unchanged, training-only filters do not. */
  TRANSFORM,
  /** On one raw row at prediction time: a row a step would drop is an error. */
  PREDICT
}
