// Tutorial 2: compress a trained MNIST model with every technique Hone has, measuring each.
// Run with: dsl/bin/hone-jshell tutorials/02-compress.jsh
// Every ```java block of tutorials/02-compress.md is here, in order.

var mnist = Datasets.mnist().standardized();
var train = mnist.train();
var test = mnist.test();
var config = Train.epochs(5).batchSize(128).adam(1e-3);
var base = Model.mlp(784, 128, 64, 10).train(train, config);

void report(String name, Network m) {
    System.out.printf("%-12s form %-9s sparsity %.4f  accuracy %.4f  file bytes %7d  ratio %5.1fx%n",
        name + ":", m.form(), m.sparsity(), m.evaluate(test).accuracy(), m.fileBytes(),
        m.compressionRatio());
}
report("base", base);

var p50 = base.prune(0.5);
report("prune50", p50);
report("base again", base);

var p90 = base.prune(0.9);
var tune = Train.epochs(2).batchSize(128).adam(1e-3);
var p90tuned = p90.fineTune(train, tune);
report("prune90", p90);
report("prune90+ft", p90tuned);
System.out.println(p90tuned.summary());

var global = base.pruneGlobal(0.9);
report("global90", global);
for (var layer : global.layers()) {
    System.out.printf("  global90 layer %dx%d sparsity %.4f%n",
        layer.inputs(), layer.outputs(), layer.sparsity());
}

var mixed = base.prune(Map.of(0, 0.95, 1, 0.8));
report("mixed", mixed);
mixed.layers().forEach(l -> System.out.printf("  mixed layer %dx%d sparsity %.4f%n",
    l.inputs(), l.outputs(), l.sparsity()));

var gradual = Model.mlp(784, 128, 64, 10).train(train,
    Train.epochs(6).batchSize(128).adam(1e-3).pruneGradually(0.9));
System.out.println(gradual.history().toTable().print());
var gradualSparse = gradual.prune(0.9);
report("gradual90", gradualSparse);

var sensitivity = base.sensitivity(test);
System.out.println(sensitivity.toTable().printAll());

var thinOneShot = base.pruneNeurons(0.5);
var thin = thinOneShot.fineTune(train, tune);
System.out.println("thin spec: " + thin.spec());
report("thin", thinOneShot);
report("thin+ft", thin);
var row = test.row(0);
var baseLatency = Latency.measure(base, row, 500, 5000);
var thinLatency = Latency.measure(thin, row, 500, 5000);
System.out.printf("latency p50: base %.1f us, thin %.1f us%n",
    baseLatency.p50Micros(), thinLatency.p50Micros());

var clusteredOneShot = p90tuned.cluster(5);
var clustered = clusteredOneShot.fineTune(train, Train.epochs(1).batchSize(128).adam(1e-4));
report("cluster5", clusteredOneShot);
report("cluster5+ft", clustered);

var file = Files.createTempFile("tutorial", ".hone");
long written = clustered.save(file);
var back = Model.load(file, ClusteredModel.class);
System.out.println("saved " + written + " bytes, reloaded " + back.form() + " model");
System.out.println("reloaded predictions same: "
    + Arrays.equals(clustered.predict(test.rows()), back.predict(test.rows())));
Files.delete(file);

var student = Model.mlp(784, 64, 10).distill(base, train, config, Distillation.of(4, 0.7));
var alone = Model.mlp(784, 64, 10).train(train, config);
report("distilled", student);
report("alone", alone);

var comparison = Compare.of(base, p50, p90tuned, thin, clustered, student).on(test);
System.out.println(comparison);

var linear = Model.mlp(784, 128, 64, 10).activation(Activation.IDENTITY).train(train, config);
double rate = 0.5;
var linearPruned = linear.prune(rate);
report("linear", linear);
report("linear50", linearPruned);

var scaledLayers = new ArrayList<Dense>();
for (var layer : linearPruned.layers()) {
    float[] w = layer.weights();
    for (int i = 0; i < w.length; i++) {
        w[i] *= (float) (1 - rate);
    }
    scaledLayers.add(new Dense(layer.inputs(), layer.outputs(), w, layer.biases()));
}
var scaled = new TrainedModel(linearPruned.spec(), scaledLayers, linearPruned.history(),
    linearPruned.provenance().then(Step.of("scale").with("factor", 1 - rate)));
report("scaled", scaled);
int[] before = linearPruned.predict(test.rows());
int[] after = scaled.predict(test.rows());
System.out.println("predictions changed by scaling: "
    + IntStream.range(0, before.length).filter(i -> before[i] != after[i]).count()
    + " of " + before.length);

float[] zBefore = linearPruned.logits(test);
float[] zAfter = scaled.logits(test);
double dot = 0;
double norm = 0;
for (int i = 0; i < zBefore.length; i++) {
    dot += zBefore[i] * zAfter[i];
    norm += zBefore[i] * zBefore[i];
}
System.out.printf("logits scaled by %.4f (least squares); (1 - rate)^3 = %.4f%n",
    dot / norm, Math.pow(1 - rate, 3));
System.out.printf("test loss: linear50 %.4f, scaled %.4f%n",
    linearPruned.evaluate(test).loss(), scaled.evaluate(test).loss());
/exit
