#!/bin/sh
# Hone vs PyTorch (Debian python3-torch + OpenBLAS) training throughput, in one run.
# Usage: dsl/bench/run-training-benchmark.sh [--runs=5] [--epochs=5] [--warm-runs=0] [--hone-threads=1,2]
#        [--hone-replicas=2] [--second-half]
#        [--aot-java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]  (Hone again on a JDK 25+, with an
#        ahead-of-time cache recorded from another training run; reported apart)
#        [--torch-threads=1,2] [--blas-threads=1,2]
# Needs: JDK 17, Maven (offline cache is enough), /usr/bin/python3 with python3-torch, and
# libopenblas0-pthread (preloaded into the peer, whatever libblas.so.3's alternative says).
# HONE_MVN_FLAGS replaces the default -o (offline) Maven flag.
set -eu
cd "$(dirname "$0")/../.."
exec mvn -B -q ${HONE_MVN_FLAGS:--o} -pl dsl test-compile exec:exec -Dexec.classpathScope=test \
  -Dhone.main=dev.hone.bench.TrainingBenchmark -Dhone.args="--peer=$PWD/dsl/bench/torch_peer.py $*"
