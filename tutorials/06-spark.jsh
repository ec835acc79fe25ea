// Tutorial 6: Hone on Apache Spark: batch inference, sweeps and data-parallel training.
// Run with: spark/bin/hone-spark-jshell tutorials/06-spark.jsh
// Every ```java block of tutorials/06-spark.md is here, in order.

var spark = HoneSpark.local(2);
System.out.println("Spark " + spark.version() + " on " + spark.sparkContext().master());

var mnist = Datasets.mnist();
var train = mnist.train();
var test = mnist.test();
var model = Model.mlp(784, 64, 10).train(train, Train.epochs(3).batchSize(64));
var small = model.prune(0.5).quantize(INT8);

var frame = SparkData.frame(spark, test, 4);
frame.printSchema();
var out = Files.createTempDirectory("hone-predictions");
long written = BatchPredict.of(small).writeParquet(frame, out.toString());
var predictions = spark.read().parquet(out.toString());
long right = predictions.filter("prediction = label").count();
System.out.printf("wrote %d predictions, Spark accuracy %.4f, local accuracy %.4f%n",
    written, (double) right / written, small.evaluate(test).accuracy());

var sweep = SparkSweep.of(Model.mlp(784, 64, 10), Train.epochs(2)).
    grid(Grid.of().prune(0, 0.7).precision(FP32, INT8).learningRate(1e-3, 3e-3));
var result = sweep.run(spark, train, test);
System.out.println(result);
var best = result.best();
System.out.println("most accurate: " + best.variant().name() + ", " + best.model().provenance());

var flaky = SparkSweep.of(Model.mlp(784, 64, 10), Train.epochs(1)).
    variants(List.of(new Variant(0.5, INT8, 64, 1e-3), new Variant(1.5, INT8, 64, 1e-3)));
var withError = flaky.run(spark, train, test);
for (var e : withError.entries()) {
    System.out.println(e.variant().name() + " -> " + e.error().orElse("ok"));
}

try {
    SparkSweep.of(Model.mlp(784, 64, 10), Train.epochs(1)).grid(Grid.of().prune()).run(spark, train, test);
} catch (IllegalArgumentException e) {
    System.out.println("refused: " + e.getMessage());
}

var config = Train.epochs(4).batchSize(32).seed(5);
var local = Model.mlp(784, 64, 10).train(train, config);
var run = SparkTraining.of(Model.mlp(784, 64, 10), config).
    averageEvery(1).
    run(SparkData.frame(spark, train, 2));
System.out.printf("local accuracy %.4f, 2 partitions averaged every epoch %.4f%n",
    local.evaluate(test).accuracy(), run.model().evaluate(test).accuracy());
System.out.println("provenance: " + run.model().provenance());
System.out.printf("%d rounds, %,d bytes shipped per round%n", run.rounds(), run.bytesPerRound());

try {
    BatchPredict.of(small).writeParquet(SparkData.frame(spark, Dataset.of("narrow",
        new float[][] {{1, 2, 3}}, new int[] {0}, 2), 1), out.toString());
} catch (IllegalArgumentException e) {
    System.out.println("refused: " + e.getMessage());
}

long start = System.nanoTime();
try {
    HoneSpark.session("spark://127.0.0.1:1");
} catch (IllegalStateException e) {
    System.out.printf("refused after %.1f s: %s%n", (System.nanoTime() - start) / 1e9, e.getMessage());
}

spark.stop();
/exit
