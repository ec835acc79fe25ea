#!/usr/bin/env bash
# Hone's batch-size and parallelism figures (issue 9): the batch-size search for 32 to 1024
# with and without linear learning-rate scaling; a sweep of 4 training runs one at a time, on 2 threads
# and in 2 child JVMs; the sensitivity scan on 1 and 2 workers; pipeline (model parallel)
# throughput with 1, 2 and 4 micro-batches against the unsplit trainer (see BENCHMARKS.md).
# Usage: dsl/bench/run-parallel-benchmark.sh [--only=batchsizes,sweep,sensitivity,pipeline] [--rounds=3]
# Needs: JDK 17 and Maven (offline cache is enough).
# HONE_MVN_FLAGS replaces the default -o (offline) Maven flag.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec mvn -B -q ${HONE_MVN_FLAGS:--o} -pl dsl test-compile exec:exec -Dexec.classpathScope=test \
  -Dhone.main=dev.hone.bench.ParallelBenchmark -Dhone.args="$*"
