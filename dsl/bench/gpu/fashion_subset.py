#!/usr/bin/env python3
"""Writes the first rows of Fashion-MNIST as IDX .gz files under their original names (stdlib only).

The GPU bundle must travel within 64 MiB, so it carries a front slice of each part instead of
the 30 MB of the full set; Datasets.fashionMnist(dir) reads the slice as it reads the original.

    dsl/bench/gpu/fashion_subset.py --train 20000 --test 5000 --out .gpu-bundle/data/fashion-mnist
"""
import argparse
import gzip
import os
import struct

PARTS = (("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "train"),
         ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "test"))


def head(src, dst, rows):
    with gzip.open(src, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack_from(">HBB", raw, 0)
    if zero != 0 or dtype != 0x08:
        raise SystemExit(f"{src}: not an unsigned-byte IDX file")
    dims = list(struct.unpack_from(f">{ndim}I", raw, 4))
    if rows > dims[0]:
        raise SystemExit(f"{src}: has {dims[0]} rows, {rows} asked for")
    per_row = 1
    for d in dims[1:]:
        per_row *= d
    off = 4 + 4 * ndim
    dims[0] = rows
    with gzip.GzipFile(dst, "wb", compresslevel=9, mtime=0) as f:
        f.write(struct.pack(">HBB", 0, dtype, ndim) + struct.pack(f">{ndim}I", *dims))
        f.write(raw[off:off + rows * per_row])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--src", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--out", required=True)
    p.add_argument("--train", type=int, default=20000)
    p.add_argument("--test", type=int, default=5000)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for images, labels, part in PARTS:
        rows = a.train if part == "train" else a.test
        for name in (images, labels):
            head(os.path.join(a.src, name), os.path.join(a.out, name), rows)


if __name__ == "__main__":
    main()
