// Tutorial 4: data. Run with dsl/bin/hone-jshell tutorials/04-data.jsh
import java.util.*;
// Small networks and batches: one engine thread is fastest (and DJL reads this once, at start).
System.setProperty("ai.djl.pytorch.num_threads", "1");

Table penguins = Tables.penguins();
System.out.println(Tables.missing(penguins).printAll());

Pipeline steps = Pipeline.label("Species").
    markMissing(".", "Sex").dropMissing("Sex").
    impute(Impute.MEDIAN).
    oneHot("Island", "Sex");
TableSplit raw = steps.fitSplit(penguins, 0.2, 42);
TableSplit data = steps.standardize().fitSplit(penguins, 0.2, 42);
System.out.println(data.pipeline().report().printAll());

TrainConfig config = Train.epochs(20).batchSize(16).adam(1e-2).seed(1);
TrainedModel unscaled = Model.mlp(raw.featureCount(), 16, 3).train(raw.train(), config);
TrainedModel scaled = Model.mlp(data.featureCount(), 16, 3).train(data.train(), config);
System.out.printf(Locale.ROOT, "final train loss: raw %.3f, standardized %.3f%n",
    unscaled.history().epochs().get(19).trainLoss(), scaled.history().epochs().get(19).trainLoss());
System.out.printf(Locale.ROOT, "test accuracy: raw %.3f, standardized %.3f%n",
    unscaled.evaluate(raw.test()).accuracy(), scaled.evaluate(data.test()).accuracy());
System.out.println(scaled.evaluate(data.test()).toTable().printAll());

Map<String, Object> row = Tables.row(penguins, 0);
System.out.println("raw row " + row + " -> " + scaled.predict(row));
Path file = Files.createTempFile("penguins", ".hone");
scaled.save(file);
System.out.println("reloaded predicts " + Model.load(file).predict(row));
Files.delete(file);

TableSplit cars = Pipeline.label("Origin").dropColumns("Name").impute(Impute.MEDIAN).standardize().
    fitSplit(Tables.cars(), 0.25, 7);
FeatureSelection lean = Filters.correlated(cars.train(), 0.9, Correlation.PEARSON);
System.out.println("correlated features dropped: " + lean.dropped());
TableSplit leanCars = Pipeline.label("Origin").dropColumns("Name").impute(Impute.MEDIAN).
    standardize().dropColumns(lean.dropped().toArray(String[]::new)).
    fitSplit(Tables.cars(), 0.25, 7);
TrainConfig carConfig = Train.epochs(60).batchSize(16).adam(1e-2).seed(1);
double all = Model.mlp(cars.featureCount(), 16, 3).train(cars.train(), carConfig).
    evaluate(cars.test()).accuracy();
double fewer = Model.mlp(leanCars.featureCount(), 16, 3).train(leanCars.train(), carConfig).
    evaluate(leanCars.test()).accuracy();
System.out.printf(Locale.ROOT, "cars accuracy: %d features %.3f, %d features %.3f%n",
    cars.featureCount(), all, leanCars.featureCount(), fewer);

Dataset train = data.train();
int[] labels = train.labels();
int[] flipped = new SplittableRandom(5).ints(0, train.size()).distinct().limit(10).toArray();
for (int r : flipped) {
  labels[r] = (labels[r] + 1) % 3;
}
float[] x = new float[train.size() * train.featureCount()];
train.featureBuffer().get(x);
Dataset noisy = Dataset.ofFlat("noisy", x, train.featureCount(), labels, 3);
Mislabeled suspects = Model.mlp(data.featureCount(), 16, 3).
    findMislabeled(noisy, config.listener(TrainingListener.NONE), 5, 0.2);
Set<Integer> truth = new HashSet<>();
for (int r : flipped) {
  truth.add(r);
}
long hits = Arrays.stream(suspects.rows()).filter(truth::contains).count();
System.out.printf(Locale.ROOT, "mislabel filter: precision %.2f, recall %.2f%n",
    (double) hits / Math.max(1, suspects.rows().length), hits / 10.0);

Split mnist = Datasets.mnist();
Dataset small = mnist.train().take(1000);
Augmentation aug = Augmentation.images(28, 28).crop(2).rotate(10);
for (int epochs : new int[] {10, 40}) {
  double plain = 0;
  double augmented = 0;
  for (long seed = 1; seed <= 3; seed++) {
    TrainConfig digits = Train.epochs(epochs).batchSize(64).adam(1e-3).seed(seed).
        listener(TrainingListener.NONE);
    plain += Model.mlp(784, 128, 10).train(small, digits).evaluate(mnist.test()).accuracy() / 3;
    augmented += Model.mlp(784, 128, 10).train(small, digits.augment(aug)).
        evaluate(mnist.test()).accuracy() / 3;
  }
  System.out.printf(Locale.ROOT, "1,000 digits, %d epochs, mean of 3 seeds: plain %.3f,"
      + " augmented %.3f%n", epochs, plain, augmented);
}
/exit
