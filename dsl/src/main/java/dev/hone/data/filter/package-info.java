/**
 * Filtering datasets: by quality (likely mislabeled rows, by out-of-fold probability, found by
 * {@code MlpSpec.findMislabeled} into a {@link dev.hone.data.filter.Mislabeled}; missing
 * values, duplicates and outliers are pipeline steps in {@link dev.hone.data.table}), by task
 * (keep classes, relabel, balance) and by correlation (drop redundant features, rank features by
 * correlation or mutual information with the label and keep the top k).
 *
 * <pre>{@code
 * Dataset two = Filters.keepClasses(train, "Adelie", "Gentoo");
 * Dataset even = Filters.balance(train, Balance.DOWN, 42);
 * FeatureSelection s = Filters.correlated(train, 0.9, Correlation.PEARSON);
 * }</pre>
 */
package dev.hone.data.filter;
