#!/usr/bin/env bash
# Hone's Optimize figures (issue 13): the model chosen for the smallest file and for the highest
# batch-256 throughput within a 0.5-point budget, against the dense model and the best single
# technique tried by hand, on the bundled MNIST and on Fashion-MNIST (see BENCHMARKS.md).
# Usage: dsl/bench/run-optimize-benchmark.sh [--only=mnist-simplenet,mnist-lenet,...]
#        [--minutes=10]
# Needs: JDK 17, Maven (offline cache is enough), and Debian's dataset-fashion-mnist; as root it
# installs it with apt-get, otherwise it names it and stops.
# HONE_MVN_FLAGS replaces the default -o (offline) Maven flag.
set -euo pipefail
cd "$(dirname "$0")/../.."
needed=(dataset-fashion-mnist)
bench="optimize benchmark"
source dsl/bench/need-packages.sh
exec mvn -B -q ${HONE_MVN_FLAGS:--o} -pl dsl test-compile exec:exec -Dexec.classpathScope=test \
  -Dhone.main=dev.hone.bench.OptimizeBenchmark -Dhone.args="$*"
