// Tutorial 3: quantize a trained MNIST model to INT8, FP16 and BF16, and measure each.
// Run with: dsl/bin/hone-jshell tutorials/03-quantize.jsh
// Every ```java block of tutorials/03-quantize.md is here, in order.

System.setProperty("ai.djl.pytorch.num_threads", "1");
var mnist = Datasets.mnist().standardized();
var train = mnist.train();
var test = mnist.test();
var config = Train.epochs(5).batchSize(128).adam(1e-3);
var small = Model.mlp(784, 128, 64, 10).train(train, config).prune(0.5).quantize(INT8);
System.out.println(small.provenance());

var base = Model.mlp(784, 128, 64, 10).train(train, config);
System.out.println("chain same as base.prune(0.5).quantize(INT8): "
    + Arrays.equals(small.predict(test.rows()), base.prune(0.5).quantize(INT8).predict(test.rows())));

String precisionOf(Network m) {
    return m instanceof QuantizedModel q ? q.precision().name() : "FP32";
}
void report(String name, Network m) {
    System.out.printf("%-11s form %-9s precision %-4s accuracy %.4f  file bytes %6d  of fp32 %.3f  ratio %3.1fx%n",
        name + ":", m.form(), precisionOf(m), m.evaluate(test).accuracy(), m.fileBytes(),
        (double) m.fileBytes() / base.fileBytes(), m.compressionRatio());
}
report("fp32", base);
report("p50+int8", small);

var int8 = base.quantize(INT8, test);
var fp16 = base.quantize(FP16);
var bf16 = base.quantize(BF16);
report("int8", int8);
report("fp16", fp16);
report("bf16", bf16);

System.out.println(int8.report());
System.out.println(int8.summary());

var calibration = train.take(1000);
var minmax = base.quantize(Quantization.int8().calibrate(calibration, Calibration.minMax()));
var pct = base.quantize(Quantization.int8().calibrate(calibration, Calibration.percentile(99.99)));
var entropy = base.quantize(Quantization.int8().calibrate(calibration, Calibration.entropy()));
report("minmax", minmax);
report("percentile", pct);
report("entropy", entropy);

void inputRanges(String name, QuantizedModel m) {
    var ranges = new ArrayList<String>();
    for (var layer : m.layers()) {
        if (layer instanceof Int8Layer l && l.inputParams().isPresent()) {
            var p = l.inputParams().get();
            ranges.add(String.format("[%.2f, %.2f]", p.dequantize(p.qmin()), p.dequantize(p.qmax())));
        }
    }
    System.out.println("  " + name + " input ranges: " + String.join(" ", ranges));
}
inputRanges("minmax", minmax);
inputRanges("percentile", pct);
inputRanges("entropy", entropy);

var perTensor = base.quantize(Quantization.int8().perTensor());
var asymmetric = base.quantize(Quantization.int8().asymmetric());
report("per-tensor", perTensor);
report("asymmetric", asymmetric);

var halves = test.split(0.5, 7);
var validation = halves.train();
var holdout = halves.test();
var clipping = Quantization.int8().calibrate(calibration, Calibration.percentile(90));
var clipped = base.quantize(clipping);
var guarded = base.quantize(clipping.within(0.5, validation));
System.out.printf("validation accuracy: fp32 %.4f, percentile(90) %.4f%n",
    base.evaluate(validation).accuracy(), clipped.evaluate(validation).accuracy());
System.out.println(guarded.report());
System.out.println("fp32 layers: " + guarded.report().fp32Layers());
System.out.printf("holdout accuracy: fp32 %.4f, percentile(90) %.4f, percentile(90) within 0.5 %.4f%n",
    base.evaluate(holdout).accuracy(), clipped.evaluate(holdout).accuracy(),
    guarded.evaluate(holdout).accuracy());
System.out.println(guarded.summary());

try {
    base.quantize(clipping.within(0.0, validation));
} catch (IllegalStateException e) {
    System.out.println("refused: " + e.getMessage());
}

var file = Files.createTempFile("tutorial", ".hone");
long written = int8.save(file);
var back = Model.load(file, QuantizedModel.class);
System.out.println("saved " + written + " bytes, reloaded " + back.form() + " " + precisionOf(back) + " model");
System.out.println("reloaded predictions same: "
    + Arrays.equals(int8.predict(test.rows()), back.predict(test.rows())));
System.out.println("reloaded report: " + back.report().scheme() + ", accuracy " + back.report().accuracy());
Files.delete(file);

var onnx = Files.createTempFile("tutorial", ".onnx");
long onnxBytes = int8.exportOnnx(onnx);
var fromOnnx = Model.loadOnnx(onnx);
System.out.println("onnx " + onnxBytes + " bytes, loaded " + fromOnnx.form() + " " + precisionOf(fromOnnx) + " model");
System.out.println("onnx predictions same: "
    + Arrays.equals(int8.predict(test.rows()), fromOnnx.predict(test.rows())));
Files.delete(onnx);

System.out.println("fp32 at batch 1: " + Predictor.runtimeFor(base, 1)
    + ", fp32 pruned to 0.9 at batch 1: " + Predictor.runtimeFor(base.prune(0.9), 1)
    + ", int8 at batch 256: " + Predictor.runtimeFor(int8, 256));
try (var p = int8.predictor(Serving.on(Backend.ONNX_RUNTIME).threads(1))) {
    System.out.println("first test digit: label " + test.label(0) + ", int8 predicts " + p.predict(test.row(0)));
}
try (var p = int8.predictor(Serving.on(Backend.DJL_PYTORCH))) {
    p.predict(test.row(0));
} catch (IllegalArgumentException e) {
    System.out.println("refused: " + e.getMessage());
}

for (int threads : new int[] {1, 2}) {
    var serving = Serving.on(Backend.ONNX_RUNTIME).threads(threads);
    for (var m : List.of(base, int8)) {
        var latency = Latency.measure(m, serving, test.row(0), 500, 5000);
        var throughput = Throughput.measure(m, serving, test, 256, 20, 50);
        System.out.printf("%s on %d thread(s): p50 %.1f us at batch 1, %,.0f rows/s at batch 256%n",
            precisionOf(m), threads, latency.p50Micros(), throughput.samplesPerSecond());
    }
}

var tuned = base.prune(0.5).fineTune(train, Train.epochs(2).batchSize(128).adam(1e-3));
var comparison = Compare.of(base, fp16, int8, tuned.quantize(INT8)).
    runtimes(Backend.DJL_PYTORCH, Backend.ONNX_RUNTIME).threads(1).on(test);
System.out.println(comparison);
/exit
