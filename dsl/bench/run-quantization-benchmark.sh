#!/usr/bin/env bash
# Hone's quantization figures against torch quantize_dynamic (Debian python3-torch + OpenBLAS), in
# one run, printed next to the targets of issue 7 (see BENCHMARKS.md).
# Usage: dsl/bench/run-quantization-benchmark.sh [--threads=1] [--rounds=3] [--calls=5000]
#        [--no-peer]
# Needs: JDK 17, Maven (offline cache is enough), and the Debian packages below; as root it
# installs the missing ones with apt-get, otherwise it names them and stops.
# HONE_MVN_FLAGS replaces the default -o (offline) Maven flag.
set -euo pipefail
cd "$(dirname "$0")/../.."
needed=(python3-torch libopenblas0-pthread dataset-fashion-mnist)
bench="quantization benchmark"
source dsl/bench/need-packages.sh
exec mvn -B -q ${HONE_MVN_FLAGS:--o} -pl dsl test-compile exec:exec -Dexec.classpathScope=test \
  -Dhone.main=dev.hone.bench.QuantizationBenchmark \
  -Dhone.args="--peer=$PWD/dsl/bench/torch_quant_peer.py $*"
