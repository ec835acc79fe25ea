#!/usr/bin/python3
"""The PyTorch side of Hone's quantization benchmark (stdlib + torch only).

Loads the weights of an MLP that Hone trained (ReLU between layers, none after the last) into
torch.nn.Linear layers and measures, on the test rows the Java side wrote, the FP32 model and
its INT8 form: torch.ao.quantization.quantize_dynamic over the nn.Linear layers with
dtype=torch.qint8 (the default dynamic qconfig: per-tensor int8 weights, activations quantized
to quint8 per call from each input tensor's own min/max), once for EACH quantized engine in
torch.backends.quantized.supported_engines except 'none'. The engine is set with
torch.backends.quantized.engine before quantizing and stays set while that form is measured.
An engine that fails gets {"name": "int8_<engine>", "error": "..."} instead of figures.

For each form (no_grad, eval):
  accuracy         test accuracy (arg-max of the logits vs the labels), logits computed in
                   --eval-batch-row chunks. The batch matters for the int8 forms: dynamic
                   quantization takes the activation scale from the whole input tensor.
  p50_us, p99_us   batch-1 latency: single calls with one test row, time.perf_counter_ns,
                   after --latency-warmup calls.
  throughput_b256  samples/s with --throughput-batch rows per call: median over
                   --throughput-repeats repeats, each one timed pass over consecutive full
                   chunks of the test set.
  file_bytes       size of torch.save(model.state_dict()) (for int8 the quantized model's
                   state dict, packed weights included), written to --out-dir.
  agreement        share of test rows whose arg-max equals the fp32 model's.
  max_abs_diff     max |logit - fp32 logit| over the test set (same chunks).
"best_int8" names the int8 form with the highest throughput and the one with the lowest p50.
The JSON also carries "engines" (the ones measured), "engines_offered" (supported_engines as
torch reports it), torch's version, threads, the BLAS libraries mapped, the CPU model name.
torch's C++ warnings are off (GLOG_minloglevel=2, TORCH_CPP_LOG_LEVEL=ERROR unless set): on
qnnpack every dynamic linear call would otherwise print one to stderr inside the timed calls.

Weights file (little-endian): int32 layer_count; int32 widths[layer_count + 1]; then per layer
float32 W[inputs * outputs], row-major with shape [inputs, outputs] (entry (i, j) at
i * outputs + j, so nn.Linear.weight = W.T), then float32 b[outputs].

Data file (little-endian): int32 n_train, n_test, features, classes; float32 train features
[n_train * features]; int32 train labels [n_train]; float32 test features [n_test * features];
int32 test labels [n_test]. Only the test part is used. dsl/bench/write_fashion_data.py writes
it from the Fashion-MNIST IDX files.

Command (the Java side writes the weights file):
  /usr/bin/python3 dsl/bench/write_fashion_data.py --out /tmp/fashion.bin
  /usr/bin/python3 dsl/bench/torch_quant_peer.py --weights mlp.weights --data /tmp/fashion.bin
Other options: --threads 1 (torch.set_num_threads), --latency-calls 5000,
--latency-warmup 500, --throughput-batch 256, --throughput-repeats 20, --throughput-warmup 5
(warm-up chunks), --eval-batch 256, --out-dir DIR (default: a temporary directory, removed).
"""
import argparse
import copy
import json
import os
import shutil
import statistics
import struct
import sys
import tempfile
import time

# quantized::linear_dynamic on qnnpack logs a C++ warning on EVERY call ("qnnpack incorrectly
# ignores reduce_range"): thousands of stderr lines, written inside the timed calls. torch's C++
# logging (glog here) is read when torch loads and c10 takes the lower of the two levels, so
# both must be raised to ERROR before the import. This hides torch's other C++ warnings too;
# the caller can set either variable to get them back.
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TORCH_CPP_LOG_LEVEL", "ERROR")

import torch  # noqa: E402

# The data file and the BLAS report are the training peer's; this script lives beside it.
from torch_peer import blas_libraries, read_data  # noqa: E402


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def read_weights(path):
    """The MLP in the weights file as nn.Sequential(Linear, ReLU, ..., Linear)."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4:
        raise SystemExit(f"{path}: {len(raw)} bytes, too short")
    (count,) = struct.unpack_from("<i", raw, 0)
    if not 1 <= count <= 1000 or len(raw) < 4 * (count + 2):
        raise SystemExit(f"{path}: layer count {count}, not a weights file")
    widths = list(struct.unpack_from(f"<{count + 1}i", raw, 4))
    if min(widths) < 1:
        raise SystemExit(f"{path}: a width below 1 in {widths[:8]}..., not a weights file")
    expected = 4 * (count + 2) + 4 * sum(a * b + b for a, b in zip(widths, widths[1:]))
    if len(raw) != expected:
        raise SystemExit(f"{path}: {len(raw)} bytes, header says {expected} (widths {widths})")
    off = 4 * (count + 2)

    def take(n):
        nonlocal off
        t = torch.frombuffer(bytearray(raw[off:off + 4 * n]), dtype=torch.float32)
        off += 4 * n
        return t

    layers = []
    for i, (n_in, n_out) in enumerate(zip(widths, widths[1:])):
        lin = torch.nn.Linear(n_in, n_out)
        w = take(n_in * n_out).view(n_in, n_out)
        b = take(n_out)
        with torch.no_grad():
            lin.weight.copy_(w.t())
            lin.bias.copy_(b)
        layers.append(lin)
        if i < count - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers).eval(), widths


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def logits_of(model, x, batch):
    with torch.no_grad():
        return torch.cat([model(x[i:i + batch]) for i in range(0, x.shape[0], batch)])


def latency_us(model, row, warmup, calls):
    times = []
    with torch.no_grad():
        for _ in range(warmup):
            model(row)
        for _ in range(calls):
            t0 = time.perf_counter_ns()
            model(row)
            times.append(time.perf_counter_ns() - t0)
    times.sort()
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    return statistics.median(times) / 1000.0, p99 / 1000.0


def throughput(model, x, batch, repeats, warmup):
    n = (x.shape[0] // batch) * batch
    if n == 0:
        raise SystemExit(f"fewer test rows ({x.shape[0]}) than --throughput-batch {batch}")
    chunks = [x[i:i + batch].contiguous() for i in range(0, n, batch)]
    rates = []
    with torch.no_grad():
        for i in range(warmup):
            model(chunks[i % len(chunks)])
        for _ in range(repeats):
            t0 = time.perf_counter()
            for c in chunks:
                model(c)
            rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates), n


def file_bytes(model, path):
    torch.save(model.state_dict(), path)
    return os.path.getsize(path)


def measure(name, model, a, x_test, y_test, out_dir, ref_logits):
    started = time.perf_counter()
    model.eval()
    logits = logits_of(model, x_test, a.eval_batch)
    pred = logits.argmax(1)
    form = {"name": name, "accuracy": (pred == y_test).float().mean().item()}
    row = x_test[0:1].clone()
    form["p50_us"], form["p99_us"] = latency_us(model, row, a.latency_warmup, a.latency_calls)
    form["throughput_b256"], _ = throughput(model, x_test, a.throughput_batch,
                                            a.throughput_repeats, a.throughput_warmup)
    form["file_bytes"] = file_bytes(model, os.path.join(out_dir, f"{name}.pt"))
    if ref_logits is None:
        form["agreement"] = 1.0
        form["max_abs_diff"] = 0.0
    else:
        form["agreement"] = (pred == ref_logits.argmax(1)).float().mean().item()
        form["max_abs_diff"] = (logits - ref_logits).abs().max().item()
    log(f"{name}: accuracy {form['accuracy']:.4f}, agreement {form['agreement']:.4f}, "
        f"max |diff| {form['max_abs_diff']:.4g}; batch-1 p50 {form['p50_us']:.1f} us, "
        f"p99 {form['p99_us']:.1f} us; batch-{a.throughput_batch} "
        f"{form['throughput_b256']:.0f} samples/s; {form['file_bytes']} bytes "
        f"({time.perf_counter() - started:.1f} s)")
    return form, logits


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--weights", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--latency-calls", type=int, default=5000)
    p.add_argument("--latency-warmup", type=int, default=500)
    p.add_argument("--throughput-batch", type=int, default=256)
    p.add_argument("--throughput-repeats", type=int, default=20)
    p.add_argument("--throughput-warmup", type=int, default=5)
    p.add_argument("--eval-batch", type=int, default=256)
    p.add_argument("--out-dir", default=None)
    a = p.parse_args()
    if a.latency_calls < 1 or a.throughput_repeats < 1 or a.eval_batch < 1:
        raise SystemExit("--latency-calls, --throughput-repeats and --eval-batch must be >= 1")

    started = time.perf_counter()
    torch.set_num_threads(a.threads)
    _, _, x_test, y_test, classes = read_data(a.data)
    model, widths = read_weights(a.weights)
    if widths[0] != x_test.shape[1] or widths[-1] != classes:
        raise SystemExit(f"weights {widths} do not fit the data ({x_test.shape[1]} features, "
                         f"{classes} classes)")
    offered = list(torch.backends.quantized.supported_engines)
    engines = [e for e in offered if e != "none"]
    log(f"{a.data}: {x_test.shape[0]} test rows; model {widths}; torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads; quantized engines {offered}")

    temp_dir = None
    if a.out_dir is None:
        temp_dir = tempfile.mkdtemp(prefix="torch_quant_peer_")
        out_dir = temp_dir
    else:
        out_dir = a.out_dir
        os.makedirs(out_dir, exist_ok=True)
    try:
        fp32, ref_logits = measure("fp32", model, a, x_test, y_test, out_dir, None)
        forms = [fp32]
        default_engine = torch.backends.quantized.engine
        for engine in engines:
            name = f"int8_{engine}"
            try:
                torch.backends.quantized.engine = engine
                qmodel = torch.ao.quantization.quantize_dynamic(
                    copy.deepcopy(model), {torch.nn.Linear}, dtype=torch.qint8)
                form, _ = measure(name, qmodel, a, x_test, y_test, out_dir, ref_logits)
                form["engine"] = engine
            except Exception as e:  # one failing engine must not cost the others
                log(f"{name}: failed: {type(e).__name__}: {e}")
                form = {"name": name, "engine": engine, "error": f"{type(e).__name__}: {e}"}
            finally:
                torch.backends.quantized.engine = default_engine
            forms.append(form)
    finally:
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)

    ok = [f for f in forms if f["name"] != "fp32" and "error" not in f]
    best = {"throughput": max(ok, key=lambda f: f["throughput_b256"])["name"] if ok else None,
            "p50": min(ok, key=lambda f: f["p50_us"])["name"] if ok else None}
    out = {"side": "pytorch",
           "torch": torch.__version__,
           "engines": engines,
           "engines_offered": offered,
           "default_engine": default_engine,
           "threads": torch.get_num_threads(),
           "blas": blas_libraries(),
           "cpu": cpu_model(),
           "model": widths,
           "data": os.path.basename(a.data),
           "n_test": x_test.shape[0],
           "quantization": "torch.ao.quantization.quantize_dynamic({nn.Linear}, qint8)",
           "eval_batch": a.eval_batch,
           "latency_calls": a.latency_calls, "latency_warmup": a.latency_warmup,
           "throughput_batch": a.throughput_batch,
           "throughput_repeats": a.throughput_repeats,
           "forms": forms,
           "best_int8": best,
           "seconds": time.perf_counter() - started}
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
