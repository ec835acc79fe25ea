#!/usr/bin/python3
"""Writes the data file that dsl/bench/torch_compress_peer.py (and torch_peer.py) read.

Reads the four IDX .gz files of Fashion-MNIST (Debian's dataset-fashion-mnist, in
/usr/share/datasets/fashion-mnist/) or of MNIST (same file names, pass --dir), scales pixels to
[0, 1], standardizes every feature with the train set's global mean and standard deviation
(one mean and one std over all train pixels, computed in float64), and writes (little-endian):
int32 n_train, n_test, features, classes; float32 train features [n_train * features]; int32
train labels [n_train]; float32 test features; int32 test labels.

    /usr/bin/python3 dsl/bench/write_fashion_data.py --out /tmp/fashion.bin
    /usr/bin/python3 dsl/bench/write_fashion_data.py --dir /path/to/mnist --out /tmp/mnist.bin

stdlib + torch only. The mean and std used are printed to stderr.
"""
import argparse
import ctypes
import gzip
import os
import struct
import sys

import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, dtype_code, ndim = struct.unpack_from(">HBB", raw, 0)
    if zero != 0 or dtype_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack_from(f">{ndim}I", raw, 4)
    off = 4 + 4 * ndim
    count = 1
    for d in dims:
        count *= d
    if len(raw) - off != count:
        raise ValueError(f"{path}: expected {count} bytes of data, found {len(raw) - off}")
    data = torch.frombuffer(bytearray(raw[off:]), dtype=torch.uint8)
    return data.view(*dims)


def raw_bytes(t):
    """The tensor's elements in native (here: little-endian) order, copied out without numpy."""
    t = t.contiguous()
    return ctypes.string_at(t.data_ptr(), t.numel() * t.element_size())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--out", required=True)
    a = p.parse_args()

    def load(prefix):
        images = read_idx(os.path.join(a.dir, f"{prefix}-images-idx3-ubyte.gz"))
        labels = read_idx(os.path.join(a.dir, f"{prefix}-labels-idx1-ubyte.gz"))
        if images.shape[0] != labels.shape[0]:
            raise ValueError(f"{prefix}: {images.shape[0]} images but {labels.shape[0]} labels")
        return images.reshape(images.shape[0], -1), labels

    x_train, y_train = load("train")
    x_test, y_test = load("t10k")
    x_train = x_train.double() / 255.0
    x_test = x_test.double() / 255.0
    mean = x_train.mean().item()
    std = x_train.std(unbiased=False).item()
    x_train = ((x_train - mean) / std).float()
    x_test = ((x_test - mean) / std).float()
    classes = int(max(y_train.max().item(), y_test.max().item())) + 1
    n_train, features = x_train.shape
    n_test = x_test.shape[0]

    if sys.byteorder != "little":
        raise SystemExit("this writer assumes a little-endian host")
    with open(a.out, "wb") as f:
        f.write(struct.pack("<4i", n_train, n_test, features, classes))
        f.write(raw_bytes(x_train))
        f.write(raw_bytes(y_train.int()))
        f.write(raw_bytes(x_test))
        f.write(raw_bytes(y_test.int()))
    print(f"mean={mean!r} std={std!r} n_train={n_train} n_test={n_test} features={features} "
          f"classes={classes} -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
