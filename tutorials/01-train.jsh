// Tutorial 1: train an MLP on the bundled MNIST digits and evaluate it.
// Run with: dsl/bin/hone-jshell tutorials/01-train.jsh

var mnist = Datasets.mnist().standardized();
System.out.println(mnist.train() + " / " + mnist.test());

Progress.setDefault(() -> new TerminalProgressBar(System.out, false));
var model = Model.mlp(784, 128, 64, 10).train(mnist.train(),
    Train.epochs(3).batchSize(128).adam(1e-3));

var eval = model.evaluate(mnist.test());
System.out.printf("test accuracy %.4f, loss %.4f%n", eval.accuracy(), eval.loss());
System.out.println(eval.toTable().print());

System.out.println(model.summary());
System.out.println(model.history().toTable().print());
System.out.println("provenance: " + model.provenance());

var file = Files.createTempFile("tutorial", ".hone");
model.save(file);
var again = Model.load(file);
System.out.println("reloaded accuracy " + again.evaluate(mnist.test()).accuracy());
Files.delete(file);
/exit
