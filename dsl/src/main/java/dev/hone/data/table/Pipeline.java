package dev.hone.data.table;

import dev.hone.data.table.internal.Steps;
import dev.hone.data.table.internal.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * Preprocessing for a table, as an immutable list of steps: cleaning (missing values, outliers,
 * duplicates, numbers read as text), transformation (one-hot or ordinal categories, log and power
 * transforms, binning) and scaling (z-score, min-max). Each method returns a new pipeline.
 *
 * <p>{@link #fit} learns every statistic (fill values, bounds, categories, means) from the
 * training table only, and gives a {@link FittedPipeline} that applies them unchanged to test
 * tables and to single rows at prediction time; a model trained on its datasets keeps it, so
 * {@code model.predict(rawRow)} preprocesses the same way. Every step reports how many rows and
 * cells it changed. Steps that take columns use all suitable columns (except the label) when none
 * are named.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.label("Species")
 *     .dropMissing("Sex")
 *     .impute(Impute.MEDIAN)
 *     .outliers(Outliers.iqr(1.5))
 *     .oneHot("Island", "Sex")
 *     .standardize();
 * TableSplit data = p.fitSplit(Tables.penguins(), 0.2, 42);   // fitted on the 80 % only
 * }</pre>
 */
public final class Pipeline {

  private record Entry(String name, Function<Set<String>, StepSpec> make) {}

  private final String label;
  private final List<String> features;
  private final List<Entry> steps;

  private Pipeline(String label, List<String> features, List<Entry> steps) {
    this.label = label;
    this.features = List.copyOf(features);
    this.steps = List.copyOf(steps);
  }

  /**
   * Starts a pipeline whose label (the class to predict) is the given column.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species");
   * }</pre>
   *
   * @param column the label column; text or numbers, each distinct value a class
   * @return an empty pipeline with that label
   */
  public static Pipeline label(String column) {
    return new Pipeline(requireName(column), List.of(), List.of());
  }

  /**
   * Starts a pipeline without a label, for transforming tables only ({@link
   * FittedPipeline#transform}); name one with {@link #withLabel} before making datasets.
   *
   * <pre>{@code
   * Table clean = Pipeline.of().impute(Impute.MEAN).fit(cars).transform(cars);
   * }</pre>
   *
   * @return an empty pipeline
   */
  public static Pipeline of() {
    return new Pipeline(null, List.of(), List.of());
  }

  /**
   * Returns a copy with another label column.
   *
   * <pre>{@code
   * Pipeline q = p.withLabel("Origin");
   * }</pre>
   *
   * @param column the label column
   * @return the changed pipeline
   */
  public Pipeline withLabel(String column) {
    return new Pipeline(requireName(column), features, steps);
  }

  /**
   * Keeps only these raw columns (and the label) as inputs; by default every column is one.
   * A model then needs only these columns in a raw row.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").features("Horsepower", "Weight_in_lbs", "Cylinders");
   * }</pre>
   *
   * @param columns raw column names
   * @return the changed pipeline
   */
  public Pipeline features(String... columns) {
    return new Pipeline(label, names(columns, "features"), steps);
  }

  /** Returns the label column, or null when none was named. */
  public String label() {
    return label;
  }

  /** Returns the raw input columns named with {@link #features} (empty: all of them). */
  public List<String> features() {
    return features;
  }

  /** Returns the steps' names, in order. */
  public List<String> stepNames() {
    return steps.stream().map(Entry::name).toList();
  }

  private Pipeline then(String name, Function<Set<String>, StepSpec> make) {
    List<Entry> next = new ArrayList<>(steps);
    next.add(new Entry(name, make));
    return new Pipeline(label, features, next);
  }

  /**
   * Parses text columns that hold numbers (such as "?" marking a missing horsepower); cells that
   * do not parse become missing values, and the report counts them.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").toNumbers("Horsepower").impute(Impute.MEDIAN);
   * }</pre>
   *
   * @param columns text columns to parse
   * @return the changed pipeline
   */
  public Pipeline toNumbers(String... columns) {
    List<String> c = names(columns, "toNumbers");
    if (c.isEmpty()) {
      throw new IllegalArgumentException("toNumbers needs at least one column");
    }
    return then("to_numbers", x -> new Steps.ToNumbers(c));
  }

  /**
   * Treats a placeholder value as missing, such as the "." that one bundled penguin has for Sex,
   * or "?" in older data sets; the report counts the cells.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").markMissing(".", "Sex").dropMissing("Sex");
   * }</pre>
   *
   * @param token the placeholder (compared exactly; for number columns, as a number)
   * @param columns the columns, at least one
   * @return the changed pipeline
   */
  public Pipeline markMissing(String token, String... columns) {
    Objects.requireNonNull(token, "token");
    List<String> c = nonEmpty(columns, "markMissing");
    return then("mark_missing", x -> new Steps.MarkMissing(token, c));
  }

  /**
   * Drops training rows that repeat an earlier row in every column (test and prediction rows are
   * never dropped by it).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").dropDuplicates();
   * }</pre>
   *
   * @return the changed pipeline
   */
  public Pipeline dropDuplicates() {
    return then("drop_duplicates", x -> new Steps.DropDuplicates());
  }

  /**
   * Drops rows with a missing value in any of the columns (any column when none are named), in
   * training and test tables; at prediction time such a row is an error naming the column.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").dropMissing("Sex");
   * }</pre>
   *
   * @param columns the columns to check (none: all)
   * @return the changed pipeline
   */
  public Pipeline dropMissing(String... columns) {
    List<String> c = names(columns, "dropMissing");
    return then("drop_missing", x -> new Steps.DropMissing(c));
  }

  /**
   * Drops training rows that miss more than the given share of their values.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").dropRowsMissingMoreThan(0.5);
   * }</pre>
   *
   * @param share in [0, 1)
   * @return the changed pipeline
   */
  public Pipeline dropRowsMissingMoreThan(double share) {
    if (!(share >= 0 && share < 1)) {
      throw new IllegalArgumentException("share must be in [0, 1), was " + share);
    }
    return then("drop_sparse_rows", x -> new Steps.DropSparseRows(share));
  }

  /**
   * Fills missing values with a statistic of the training table: mean or median (number columns;
   * all of them when none are named) or most frequent (any column).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").impute(Impute.MEDIAN)
   *     .impute(Impute.MOST_FREQUENT, "Sex");
   * }</pre>
   *
   * @param strategy mean, median or most frequent
   * @param columns the columns (none: every suitable column but the label)
   * @return the changed pipeline
   * @throws IllegalArgumentException at fit time for a column that is entirely missing
   */
  public Pipeline impute(Impute strategy, String... columns) {
    Objects.requireNonNull(strategy, "strategy");
    List<String> c = names(columns, "impute");
    return then("impute(" + strategy.key() + ")",
        ex -> new Steps.Impute(strategy.key(), c, null, ex));
  }

  /**
   * Fills missing values with a constant (text, or a number for number columns).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").imputeConstant("UNKNOWN", "Sex");
   * }</pre>
   *
   * @param value the fill value
   * @param columns the columns, at least one
   * @return the changed pipeline
   */
  public Pipeline imputeConstant(String value, String... columns) {
    Objects.requireNonNull(value, "value");
    List<String> c = names(columns, "imputeConstant");
    if (c.isEmpty()) {
      throw new IllegalArgumentException("imputeConstant needs at least one column");
    }
    return then("impute(constant)", ex -> new Steps.Impute("constant", c, value, ex));
  }

  /**
   * Finds outliers by IQR or z-score, with bounds learned on the training table, and clips or
   * drops them (see {@link Outliers}).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").outliers(Outliers.iqr(1.5), "Horsepower");
   * }</pre>
   *
   * @param rule the rule
   * @param columns number columns (none: all but the label)
   * @return the changed pipeline
   */
  public Pipeline outliers(Outliers rule, String... columns) {
    Objects.requireNonNull(rule, "rule");
    List<String> c = names(columns, "outliers");
    return then("outliers", ex -> new Steps.Outliers(rule.method(), rule.threshold(),
        rule.clips(), c, ex));
  }

  /**
   * Encodes text columns one-hot: one 0/1 column per category seen in training, named
   * {@code column=category}. A category that training never saw is an error naming it.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").oneHot("Island");
   * }</pre>
   *
   * @param columns text columns (none: all text columns but the label)
   * @return the changed pipeline
   */
  public Pipeline oneHot(String... columns) {
    List<String> c = names(columns, "oneHot");
    return then("one_hot", ex -> new Steps.Categorical(true, false, c, ex));
  }

  /**
   * Encodes one-hot with one more column, {@code column=(unknown)}, that takes categories
   * training never saw instead of failing.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").oneHotWithUnknown("Island");
   * }</pre>
   *
   * @param columns text columns (none: all text columns but the label)
   * @return the changed pipeline
   */
  public Pipeline oneHotWithUnknown(String... columns) {
    List<String> c = names(columns, "oneHotWithUnknown");
    return then("one_hot(unknown bucket)", ex -> new Steps.Categorical(true, true, c, ex));
  }

  /**
   * Encodes text columns as ordinals: categories seen in training, sorted, become 0, 1, 2, ...
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").ordinal("Sex");
   * }</pre>
   *
   * @param columns text columns (none: all text columns but the label)
   * @return the changed pipeline
   */
  public Pipeline ordinal(String... columns) {
    List<String> c = names(columns, "ordinal");
    return then("ordinal", ex -> new Steps.Categorical(false, false, c, ex));
  }

  /**
   * Encodes as ordinals, with unseen categories mapped to one more code (the number of known
   * categories) instead of failing.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").ordinalWithUnknown("Island");
   * }</pre>
   *
   * @param columns text columns (none: all text columns but the label)
   * @return the changed pipeline
   */
  public Pipeline ordinalWithUnknown(String... columns) {
    List<String> c = names(columns, "ordinalWithUnknown");
    return then("ordinal(unknown bucket)", ex -> new Steps.Categorical(false, true, c, ex));
  }

  /**
   * Replaces values by {@code ln(1 + x)}, which tames long right tails (values must be > -1).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").log("Displacement");
   * }</pre>
   *
   * @param columns number columns, at least one
   * @return the changed pipeline
   */
  public Pipeline log(String... columns) {
    List<String> c = nonEmpty(columns, "log");
    return then("log1p", ex -> new Steps.Transform("log", Double.NaN, c));
  }

  /**
   * Replaces values by the signed power {@code sign(x) * |x|^p} (p = 0.5: square root).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").power(0.5, "Weight_in_lbs");
   * }</pre>
   *
   * @param p the exponent, finite and not 0
   * @param columns number columns, at least one
   * @return the changed pipeline
   */
  public Pipeline power(double p, String... columns) {
    if (!Double.isFinite(p) || p == 0) {
      throw new IllegalArgumentException("the power must be finite and not 0, was " + p);
    }
    List<String> c = nonEmpty(columns, "power");
    return then("power", ex -> new Steps.Transform("power", p, c));
  }

  /**
   * Replaces values by the index of their bin, {@code bins} bins of equal width over the training
   * range (values outside it go to the first or last bin).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").bin(4, "Acceleration");
   * }</pre>
   *
   * @param bins 2 or more
   * @param columns number columns, at least one
   * @return the changed pipeline
   */
  public Pipeline bin(int bins, String... columns) {
    checkBins(bins);
    List<String> c = nonEmpty(columns, "bin");
    return then("bin", ex -> new Steps.Bin(bins, false, c));
  }

  /**
   * Bins by training quantiles, so each bin holds about the same number of training rows.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").binQuantiles(4, "Weight_in_lbs");
   * }</pre>
   *
   * @param bins 2 or more
   * @param columns number columns, at least one
   * @return the changed pipeline
   */
  public Pipeline binQuantiles(int bins, String... columns) {
    checkBins(bins);
    List<String> c = nonEmpty(columns, "binQuantiles");
    return then("bin", ex -> new Steps.Bin(bins, true, c));
  }

  /**
   * Standardizes number columns to mean 0 and deviation 1 (z-score), each with its own training
   * mean and deviation (a constant column is shifted, not scaled).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").oneHot().standardize();
   * }</pre>
   *
   * @param columns number columns (none: all but the label)
   * @return the changed pipeline
   */
  public Pipeline standardize(String... columns) {
    List<String> c = names(columns, "standardize");
    return then("standardize", ex -> new Steps.Scale("zscore", c, ex));
  }

  /**
   * Standardizes with one mean and one deviation over all the columns together, as the
   * {@link dev.hone.data.Standardizer} does for image pixels.
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("label").standardizeGlobal();
   * }</pre>
   *
   * @param columns number columns (none: all but the label)
   * @return the changed pipeline
   */
  public Pipeline standardizeGlobal(String... columns) {
    List<String> c = names(columns, "standardizeGlobal");
    return then("standardize(global)", ex -> new Steps.Scale("global", c, ex));
  }

  /**
   * Scales number columns to [0, 1] by their training minimum and range (test values outside
   * the training range fall outside [0, 1]).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Species").minMax();
   * }</pre>
   *
   * @param columns number columns (none: all but the label)
   * @return the changed pipeline
   */
  public Pipeline minMax(String... columns) {
    List<String> c = names(columns, "minMax");
    return then("min_max", ex -> new Steps.Scale("minmax", c, ex));
  }

  /**
   * Removes columns (after the steps before it).
   *
   * <pre>{@code
   * Pipeline p = Pipeline.label("Origin").dropColumns("Name");
   * }</pre>
   *
   * @param columns the columns, at least one
   * @return the changed pipeline
   */
  public Pipeline dropColumns(String... columns) {
    List<String> c = nonEmpty(columns, "dropColumns");
    return then("drop_columns", ex -> new Steps.DropColumns(c));
  }

  /**
   * Fits every step on the training table, in order: each learns from the table as the steps
   * before it left it.
   *
   * <pre>{@code
   * FittedPipeline fitted = p.fit(trainTable);
   * fitted.report();                      // what each step learned and changed
   * Dataset test = fitted.dataset(testTable);
   * }</pre>
   *
   * @param train the training table; never changed
   * @return the fitted pipeline
   * @throws IllegalArgumentException naming the column when a column is unknown, entirely
   *     missing, or the label has only one class
   */
  public FittedPipeline fit(Table train) {
    Objects.requireNonNull(train, "train");
    List<StepSpec> specs = new ArrayList<>();
    Set<String> excluded = label == null ? Set.of() : Set.of(label);
    for (Entry e : steps) {
      specs.add(e.make().apply(excluded));
    }
    return FittedPipeline.fit(train, label, features, specs);
  }

  /**
   * Splits the raw table into train and test rows (stratified by the label, seeded), fits on the
   * train rows only, and turns both parts into datasets: one call from a table to training.
   *
   * <pre>{@code
   * TableSplit data = p.fitSplit(Tables.penguins(), 0.2, 42);
   * TrainedModel m = Model.mlp(data.featureCount(), 16, 3).train(data.train(), Train.epochs(30));
   * m.evaluate(data.test());
   * }</pre>
   *
   * @param table the whole table
   * @param testFraction share of rows for the test part, strictly between 0 and 1
   * @param seed the shuffle seed
   * @return the fitted pipeline and both datasets
   */
  public TableSplit fitSplit(Table table, double testFraction, long seed) {
    if (label == null) {
      throw new IllegalArgumentException("fitSplit needs a label column; start with"
          + " Pipeline.label(\"...\")");
    }
    Table[] parts = TableSplit.split(table, label, testFraction, seed);
    FittedPipeline fitted = fit(parts[0]);
    return new TableSplit(fitted, fitted.dataset(parts[0]), fitted.dataset(parts[1]),
        fitted.changes(parts[1]));
  }

  private static String requireName(String column) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("the label column name must not be blank, was '"
          + column + "'");
    }
    return column;
  }

  private static List<String> names(String[] columns, String step) {
    Objects.requireNonNull(columns, step + " columns");
    for (String c : columns) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException(step + ": a column name is blank or null in "
            + java.util.Arrays.toString(columns));
      }
    }
    return List.of(columns);
  }

  private static List<String> nonEmpty(String[] columns, String step) {
    List<String> c = names(columns, step);
    if (c.isEmpty()) {
      throw new IllegalArgumentException(step + " needs at least one column");
    }
    return c;
  }

  private static void checkBins(int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("bins must be >= 2, was " + bins);
    }
  }

  @Override
  public String toString() {
    return "Pipeline[label=" + label + (features.isEmpty() ? "" : ", features=" + features)
        + ", steps=" + stepNames() + "]";
  }
}
