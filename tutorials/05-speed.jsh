// Tutorial 5: train faster on one machine: the learning-rate schedule, the batch size, and the
// three kinds of parallelism (data, model, algorithm).
// Run with: dsl/bin/hone-jshell tutorials/05-speed.jsh

var mnist = Datasets.mnist().standardized();
var spec = Model.mlp(784, 128, 64, 10);
Progress.setDefault(() -> TrainingListener.NONE);

var seedSchedule = Train.epochs(20).adam(0.01).stepDecay(0.1, 10).batchSize(128);
var defaults = Train.epochs(20);
var schedules = Sweep.of(spec, mnist.train(), defaults).with("seed schedule", seedSchedule).
    evaluateOn(mnist.test()).
    run();
System.out.println(schedules);
for (var r : schedules.runs()) {
    System.out.printf("%s: %s, test accuracy %.4f, %.1f s, %,.0f samples/s%n",
        r.label().isEmpty() ? "defaults" : r.label(), r.config().describe(), r.accuracy(),
        r.seconds(), r.samplesPerSecond());
}

var sizes = BatchSizes.sweep(spec, mnist.train(), Train.epochs(4).adam(1e-3).batchSize(32)).
    sizes(32, 64, 128, 256, 512, 1024).
    withAndWithoutScaling().
    warmup(1).
    target(0.93).
    run();
System.out.println(sizes);
System.out.println("recommended batch size: " + sizes.recommended() + " (" + sizes.reason() + ")");

var one = spec.train(mnist.train(), Train.epochs(2).batchSize(256));
var two = spec.train(mnist.train(), Train.epochs(2).batchSize(256).dataParallel(2));
System.out.printf("data parallel, batch 256: 1 replica %,.0f samples/s, 2 replicas %,.0f samples/s (%.2fx); test accuracy %.4f and %.4f%n",
    one.history().medianSamplesPerSecond(), two.history().medianSamplesPerSecond(),
    two.history().medianSamplesPerSecond() / one.history().medianSamplesPerSecond(),
    one.evaluate(mnist.test()).accuracy(), two.evaluate(mnist.test()).accuracy());

var pipe = PipelineParallel.of(spec);
System.out.println(pipe);
var check = pipe.gradients(one, mnist.train().take(128));
System.out.printf("pipeline loss on 128 rows %.6f%n", check.loss());
var config = Train.epochs(2).batchSize(128);
var unsplit = spec.train(mnist.train(), config);
System.out.printf("unsplit trainer: %,.0f samples/s, test accuracy %.4f%n",
    unsplit.history().medianSamplesPerSecond(), unsplit.evaluate(mnist.test()).accuracy());
for (int m : new int[] {1, 2, 4}) {
    var piped = pipe.microBatches(m).train(mnist.train(), config);
    System.out.printf("pipeline %s: %,.0f samples/s (%.2fx unsplit), test accuracy %.4f%n",
        pipe.microBatches(m).describe(), piped.history().medianSamplesPerSecond(),
        piped.history().medianSamplesPerSecond() / unsplit.history().medianSamplesPerSecond(),
        piped.evaluate(mnist.test()).accuracy());
}

var rates = Sweep.of(spec, mnist.train(), Train.epochs(2).batchSize(128)).
    learningRates(1e-3, 3e-3, 1e-2).
    evaluateOn(mnist.test());
var alone = rates.workers(1).run();
var sideBySide = rates.workers(2).run();
System.out.println(sideBySide);
System.out.printf("sweep of 3 runs: one at a time %.1f s, 2 workers %.1f s (%.2fx); best %s%n",
    alone.wallSeconds(), sideBySide.wallSeconds(), alone.wallSeconds() / sideBySide.wallSeconds(),
    sideBySide.best().label());
var members = Sweep.of(spec, mnist.train(), Train.epochs(2).batchSize(128)).seeds(1, 2, 3).
    evaluateOn(mnist.test()).
    run();
System.out.printf("ensemble of 3 seeds: members %s, ensemble %.4f%n",
    members.runs().stream().map(r -> String.format("%.4f", r.accuracy())).toList(),
    members.ensembleAccuracy());
/exit
