#!/usr/bin/env python3
"""GFLOP/s of the MLP step's two big products in PyTorch (Debian python3-torch) with the BLAS
that is loaded (preload OpenBLAS to compare it with libtorch's MKL, which
`TrainingBenchmark --gemm` measures): best and median of 20 blocks, as the Java side prints.

  LD_PRELOAD=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 OPENBLAS_NUM_THREADS=1 \
    /usr/bin/python3 dsl/bench/gemm_peer.py [reps]
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
reps = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
x = torch.randn(128, 784)
w = torch.randn(128, 784)
g = torch.randn(128, 128)
flops = 2.0 * 128 * 784 * 128
block = max(1, reps // 20)
for name, op in (("forward  x[128,784] W^T[784,128]", lambda: torch.nn.functional.linear(x, w)),
                 ("gradient g^T[128,128] x[128,784]", lambda: g.t().mm(x))):
    rates = []
    for b in range(-2, 20):
        t0 = time.perf_counter_ns()
        for _ in range(block):
            op()
        if b >= 0:
            rates.append(flops * block / (time.perf_counter_ns() - t0))
    print(f"{name}: best {max(rates):.1f} GFLOP/s, median {statistics.median(rates):.1f}"
          f" (torch {torch.__version__}, threads {torch.get_num_threads()})")
with open("/proc/self/maps") as maps:
    print("BLAS mapped:", sorted({l.split()[-1] for l in maps if "blas" in l.lower()}))
