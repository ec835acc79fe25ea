#!/usr/bin/env bash
# Hone's data figures (pipeline fit + transform, augmentation throughput) against pandas +
# scikit-learn and torch ops in one run, printed next to the targets of issue 8 (see
# BENCHMARKS.md).
# Usage: dsl/bench/run-data-benchmark.sh [--rows=1000000] [--rounds=5] [--epochs=4]
#        [--threads=1] [--no-peer]
# Needs: JDK 17, Maven (offline cache is enough), and the Debian packages below; as root it
# installs the missing ones with apt-get, otherwise it names them and stops.
# HONE_MVN_FLAGS replaces the default -o (offline) Maven flag.
set -euo pipefail
cd "$(dirname "$0")/../.."
needed=(python3-pandas python3-sklearn python3-torch libopenblas0-pthread)
bench="data benchmark"
source dsl/bench/need-packages.sh
exec mvn -B -q ${HONE_MVN_FLAGS:--o} -pl dsl test-compile exec:exec -Dexec.classpathScope=test \
  -Dhone.main=dev.hone.bench.DataBenchmark \
  -Dhone.args="--peer=$PWD/dsl/bench/pandas_data_peer.py $*"
