package dev.hone.data.filter;

/**
 * How {@link Filters#balance} evens out class counts.
 *
 * <pre>{@code
 * Filters.balance(train, Balance.UP, 42);
 * }</pre>
 */
public enum Balance {
  /** Every class keeps as many rows as the smallest has (random rows, seeded). */
  DOWN,
  /** Every class is sampled with replacement up to the largest's count. */
  UP
}
