#!/usr/bin/env python3
"""The PyTorch side of Hone's GPU check (dev.hone.bench.GpuCheck); stdlib + torch only.

Does the work Hone's side does, on --device (cuda or cpu), and prints one JSON line in the same
shape: for mlp(784,128,64,10) on the MNIST rows in --small and the --large-widths MLP on the
Fashion-MNIST rows in --large (files in torch_peer.py's layout, written by the Java side), for
each batch size: train with ReLU, Adam(lr), cross-entropy, --epochs epochs, then score the test
rows; then time batch-256 and batch-1 inference of the model trained at the first batch size.

Training follows Hone's trainer: the rows are copied to the device once, each epoch gathers
them in a fresh shuffled order on the device, each batch is a slice of that copy, and each
batch's loss is read back to the host (Hone reads it for its NaN check and progress).
Inference follows Hone's predictor: host rows in, host logits out, so each call includes both
copies.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from torch_peer import read_data  # noqa: E402  (the shared data-file reader)


def mlp(widths):
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def train(widths, x, y, x_test, y_test, batch, epochs, lr, device):
    model = mlp(widths).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    out = []
    for epoch in range(epochs):
        model.train()
        sync(device)
        started = time.perf_counter()
        order = torch.randperm(n, device=device)
        xs, ys = x[order], y[order]
        loss_sum = 0.0
        for start in range(0, n, batch):
            xb, yb = xs[start:start + batch], ys[start:start + batch]
            loss = loss_fn(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * xb.shape[0]
        sync(device)
        seconds = time.perf_counter() - started
        out.append({"epoch": epoch + 1, "seconds": seconds, "samples_per_s": n / seconds,
                    "train_loss": loss_sum / n})
    model.eval()
    with torch.no_grad():
        correct = 0
        for start in range(0, x_test.shape[0], 1024):
            logits = model(x_test[start:start + 1024])
            correct += (logits.argmax(1) == y_test[start:start + 1024]).sum().item()
    return model, {"batch": batch, "epochs": out, "test_accuracy": correct / x_test.shape[0]}


def timed(call, warmup, count):
    for _ in range(warmup):
        call()
    times = []
    for _ in range(count):
        started = time.perf_counter_ns()
        call()
        times.append(time.perf_counter_ns() - started)
    times.sort()
    return times


def inference(model, x_test_host, device, calls):
    model.eval()
    batches = [x_test_host[(i * 256) % max(1, x_test_host.shape[0] - 256):][:256]
               for i in range(8)]
    row = x_test_host[:1].clone()
    state = {"i": 0}

    def batch256():
        xb = batches[state["i"] % len(batches)]
        state["i"] += 1
        with torch.no_grad():
            return model(xb.to(device)).cpu()

    def single():
        with torch.no_grad():
            return model(row.to(device)).cpu()

    t = timed(batch256, 20, 200)
    median = statistics.median(t) / 1000.0
    s = timed(single, 200, calls)
    return {"batch256_samples_per_s": 256 / (median / 1e6), "batch256_median_us": median,
            "batch1_p50_us": s[len(s) // 2] / 1000.0,
            "batch1_p99_us": s[min(len(s) - 1, int(0.99 * len(s)))] / 1000.0}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--small", required=True)
    p.add_argument("--large", required=True)
    p.add_argument("--large-widths", default="784,4096,4096,10")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batches", default="128,1024")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--device", default="cuda")
    p.add_argument("--latency-calls", type=int, default=2000)
    a = p.parse_args()

    device = torch.device(a.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda asked for, but torch " + torch.__version__
                         + " sees no CUDA device")
    torch.manual_seed(a.seed)
    batches = [int(b) for b in a.batches.split(",")]
    models = []
    for key, path, widths in (("small", a.small, [784, 128, 64, 10]),
                              ("large", a.large, [int(w) for w in a.large_widths.split(",")])):
        x, y, x_test, y_test, classes = read_data(path)
        if widths[0] != x.shape[1] or widths[-1] != classes:
            raise SystemExit(f"{path}: {x.shape[1]} features and {classes} classes do not fit"
                             f" widths {widths}")
        xd, yd = x.to(device), y.to(device)
        xtd, ytd = x_test.to(device), y_test.to(device)
        runs, first = [], None
        for batch in batches:
            model, run = train(widths, xd, yd, xtd, ytd, batch, a.epochs, a.lr, device)
            first = model if first is None else first
            runs.append(run)
            # Epoch 1 holds the warm-up; the Java side reports the median of the others too.
            rates = [e["samples_per_s"] for e in run["epochs"]]
            steady = statistics.median(rates[1:] or rates)
            print(f"torch {a.device} {key} batch {batch}: {steady:,.0f} samples/s,"
                  f" test accuracy {run['test_accuracy']:.4f}", file=sys.stderr)
        models.append({"key": key, "widths": widths, "train_rows": x.shape[0],
                       "test_rows": x_test.shape[0], "runs": runs,
                       "inference": inference(first, x_test, device, a.latency_calls)})
    print(json.dumps({
        "side": "torch-gpu" if device.type == "cuda" else "torch-cpu",
        "device": str(device) + (" " + torch.cuda.get_device_name(device)
                                 if device.type == "cuda" else ""),
        "engine": "PyTorch " + torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "cuda": torch.version.cuda,
        "models": models,
    }))


if __name__ == "__main__":
    main()
