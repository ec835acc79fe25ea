/**
 * Tables: Tablesaw loading (CSV, JSON, the bundled penguins and cars), cleaning, transformation
 * and scaling as a {@link dev.hone.data.table.Pipeline} fitted on training rows only, and the
 * turn from a table to a {@link dev.hone.data.Dataset} with named classes.
 *
 * <p>A fitted pipeline travels with the datasets it makes and with models trained on them: the
 * model's file stores it and {@code model.predict(rawRow)} applies it.
 *
 * <pre>{@code
 * TableSplit data = Pipeline.label("Species")
 *     .dropMissing("Sex").impute(Impute.MEDIAN).oneHot("Island", "Sex").standardize()
 *     .fitSplit(Tables.penguins(), 0.2, 42);
 * TrainedModel m = Model.mlp(data.featureCount(), 16, data.classes())
 *     .train(data.train(), Train.epochs(30));
 * m.predict(Tables.row(Tables.penguins(), 0));   // "Adelie"
 * }</pre>
 */
package dev.hone.data.table;
