#!/usr/bin/python3
"""The PyTorch side of Hone's training benchmark (stdlib + torch only).

Trains mlp(784,128,64,10) with ReLU, Adam(lr=1e-3), batch 128, cross-entropy, shuffled each
epoch, on the rows the Java side wrote (same rows, same order), and prints one JSON line.

The caller sets OPENBLAS_NUM_THREADS and LD_PRELOAD (OpenBLAS must be loaded before torch
starts its BLAS); this script sets torch's intra-op threads with --torch-threads and reports
which BLAS library the process actually mapped.

Data file (little-endian): int32 n_train, n_test, features, classes; float32 train
features [n_train * features]; int32 train labels [n_train]; float32 test features; int32 test
labels.
"""
import argparse
import json
import os
import struct
import time

import torch


def read_data(path):
    with open(path, "rb") as f:
        raw = f.read()
    n_train, n_test, features, classes = struct.unpack_from("<4i", raw, 0)
    expected = 16 + 4 * (n_train * features + n_train + n_test * features + n_test)
    if len(raw) != expected:
        raise SystemExit(f"{path}: {len(raw)} bytes, header says {expected}")
    off = 16

    def take(count, dtype):
        nonlocal off
        t = torch.frombuffer(bytearray(raw[off:off + 4 * count]), dtype=dtype)
        off += 4 * count
        return t

    x_train = take(n_train * features, torch.float32).view(n_train, features)
    y_train = take(n_train, torch.int32).long()
    x_test = take(n_test * features, torch.float32).view(n_test, features)
    y_test = take(n_test, torch.int32).long()
    return x_train, y_train, x_test, y_test, classes


def blas_libraries():
    names = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if "blas" in path or "lapack" in path:
                names.add(os.path.realpath(path))
    return sorted(names)


def train(a, x, y, x_test, y_test, classes):
    """One training of the model from seed a.seed; returns its epochs and test accuracy."""
    torch.manual_seed(a.seed)
    n, features = x.shape
    model = torch.nn.Sequential(
        torch.nn.Linear(features, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, classes))
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = torch.nn.CrossEntropyLoss()

    epochs = []
    for epoch in range(a.epochs):
        model.train()
        order = torch.randperm(n)
        started = time.perf_counter()
        loss_sum = 0.0
        correct = torch.zeros((), dtype=torch.long)
        for start in range(0, n, a.batch):
            idx = order[start:start + a.batch]
            xb = x[idx]
            yb = y[idx]
            logits = model(xb)
            loss = loss_fn(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            # Hone reads each batch's loss back (for NaN checks and progress); so does the peer.
            loss_sum += loss.item() * len(idx)
            correct += (logits.detach().argmax(1) == yb).sum()
        seconds = time.perf_counter() - started
        epochs.append({"epoch": epoch + 1, "seconds": seconds, "samples_per_s": n / seconds,
                       "train_loss": loss_sum / n, "train_accuracy": correct.item() / n})

    model.eval()
    with torch.no_grad():
        test_accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    return epochs, test_accuracy


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--torch-threads", type=int, default=1)
    p.add_argument("--warm-runs", type=int, default=0,
                   help="trainings run and discarded before the measured one")
    a = p.parse_args()

    torch.set_num_threads(a.torch_threads)
    x, y, x_test, y_test, classes = read_data(a.data)
    for _ in range(a.warm_runs):
        train(a, x, y, x_test, y_test, classes)
    epochs, test_accuracy = train(a, x, y, x_test, y_test, classes)
    print(json.dumps({
        "side": "pytorch",
        "torch_version": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "unset"),
        "blas": blas_libraries(),
        "epochs": epochs,
        "test_accuracy": test_accuracy,
    }))


if __name__ == "__main__":
    main()
