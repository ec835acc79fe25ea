package dev.hone.data.table.internal;

/**
 * What one step did to one table.
 *
 * @param rowsRemoved rows it dropped
 * @param cellsChanged cells it filled, clipped, converted or made missing
 */
public record Change(int rowsRemoved, long cellsChanged) {

  /** Nothing changed. */
  public static final Change NONE = new Change(0, 0);
}
