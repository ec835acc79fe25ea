package dev.hone.data.filter;

/**
 * How {@link Filters#correlated} and {@link Filters#rank} measure how two columns move together.
 *
 * <pre>{@code
 * Filters.correlated(data, 0.9, Correlation.SPEARMAN);
 * }</pre>
 */
public enum Correlation {
  /** Pearson's r: linear association. */
  PEARSON,
  /** Spearman's rho: Pearson's r of the ranks (ties get their mean rank), any monotone association. */
  SPEARMAN,
  /** Mutual information with the label (in nats; features binned into 10 equal-count bins). */
  MUTUAL_INFORMATION
}
