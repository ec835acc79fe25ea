// Tutorial 7: let Optimize search for the smallest SimpleNet, LeNet-300-100 and Fashion-MNIST model within half a point.
// Run with: dsl/bin/hone-jshell tutorials/07-optimize.jsh
// Every ```java block of tutorials/07-optimize.md is here, in order.

var mnist = Datasets.mnist().standardized();
var parts = mnist.train().split(0.2, 7);
var train = parts.train();
var validation = parts.test();
var test = mnist.test();
System.out.println("train " + train.size() + " rows, validation " + validation.size() + " rows ("
    + validation.name() + "), test " + test.size() + " rows (" + test.name() + ")");

var config = Train.epochs(10).batchSize(128).adam(1e-3).listener(TrainingListener.NONE);
var simple = Model.mlp(784, 128, 64, 10).train(train, config);
System.out.printf("simplenet: validation %.4f, test %.4f, %,d bytes%n",
    simple.evaluate(validation).accuracy(), simple.evaluate(test).accuracy(), simple.fileBytes());

Consumer<Trial> progress = t -> System.out.printf("  trial %2d  val %.4f  %,9d bytes  %s%s%n",
    t.index(), t.accuracy(), t.fileBytes(), t.name(), t.withinBudget() ? "" : "  (budget broken)");
var search = Optimize.model(simple).on(validation).trainingData(train).testOn(test).
    withinAccuracyDrop(0.005).seed(42);
var smallest = search.onTrial(progress).minimize(Goal.FILE_BYTES);

void outcome(String name, Optimization o) {
    System.out.println(name + " chosen: " + o.best().name() + " (" + o.best().form() + ")");
    System.out.printf("%s file bytes: %,d -> %,d (%.1fx smaller)%n", name,
        o.baseline().fileBytes(), o.best().fileBytes(), o.sizeRatio());
    System.out.printf("%s validation accuracy: %.4f -> %.4f (budget: at least %.4f)%n", name,
        o.baseline().accuracy(), o.best().accuracy(), o.baseline().accuracy() - o.maxDrop());
    System.out.printf("%s test accuracy: %.4f -> %.4f (%+.2f points)%n", name,
        o.testAccuracyBefore(), o.testAccuracyAfter(),
        100 * (o.testAccuracyAfter() - o.testAccuracyBefore()));
    System.out.printf("%s search: %d trials in %.0f s, %s%n", name, o.trials().size(),
        o.seconds(), o.stopReason());
}
outcome("simplenet", smallest);
System.out.println(smallest.headline());

var tune = Train.epochs(2).batchSize(128).adam(1e-3).listener(TrainingListener.NONE);
var pruned = simple.prune(0.9).fineTune(train, tune);
var int8 = simple.quantize(INT8);
var student = Model.mlp(784, 64, 32, 10).distill(simple, train, config);
var byHand = Compare.of(simple, pruned, int8, student, smallest.bestModel()).on(test);
System.out.println(byHand);

var again = search.maxTrials(12).minimize(Goal.FILE_BYTES);
System.out.println("same seed, same trials: "
    + again.trials().stream().map(t -> t.name() + " " + t.accuracy()).toList()
        .equals(smallest.trials().subList(0, 12).stream().map(t -> t.name() + " " + t.accuracy()).toList()));

var stopped = search.onTrial(t -> {
    if (t.index() == 5) {
        Thread.currentThread().interrupt();
    }
}).minimize(Goal.FILE_BYTES);
System.out.println("interrupted: " + stopped.trials().size() + " trials, " + stopped.stopReason()
    + ", best so far " + stopped.best().name());

var lenet = Model.mlp(784, 300, 100, 10).train(train, config);
var lenetSmallest = Optimize.model(lenet).on(validation).trainingData(train).testOn(test).
    withinAccuracyDrop(0.005).seed(42).minimize(Goal.FILE_BYTES);
outcome("lenet", lenetSmallest);

Optimization fastest;
try {
    fastest = Optimize.model(lenet).on(validation).trainingData(train).testOn(test).
        withinAccuracyDrop(0.005).seed(42).maxTrials(8).minimize(Goal.THROUGHPUT_B256);
} catch (NoImprovementException e) {
    System.out.println(e.getMessage());
    fastest = e.result();
}
System.out.println(fastest.headline());

var fashion = Datasets.fashionMnist().standardized();
var fashionParts = fashion.train().split(0.1, 7);
var fashionNet = Model.mlp(784, 128, 64, 10).train(fashionParts.train(),
    Train.epochs(5).batchSize(128).adam(1e-3).listener(TrainingListener.NONE));
var fashionSmallest = Optimize.model(fashionNet).on(fashionParts.test()).
    trainingData(fashionParts.train()).testOn(fashion.test()).withinAccuracyDrop(0.005).seed(42).
    epochs(1, 2).timeBudget(Duration.ofMinutes(2)).onTrial(progress).minimize(Goal.FILE_BYTES);
outcome("fashion", fashionSmallest);
/exit
