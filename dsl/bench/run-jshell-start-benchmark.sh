#!/usr/bin/env bash
# How long dsl/bin/hone-jshell takes to open and exit (`/exit` on stdin), with its cached class
# path, against the launcher's old way (Maven asked for the class path at every start) measured
# in the same run, and against plain jshell. Prints medians of N runs (default 5) and the load.
# Usage: dsl/bench/run-jshell-start-benchmark.sh [runs]
# Needs: a built dsl module (the launcher builds it on its first call) and Maven's offline cache.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
cd "$root"
dsl/bin/hone-jshell <<< '/exit' >/dev/null 2>&1   # first call: builds and caches if needed

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 <<< '/exit'; e=$(date +%s.%N);
  awk -v s="$s" -v e="$e" 'BEGIN {print e - s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {print a / b}'; }
old_way() {   # what every start did before the cache: Maven, then jshell
  mvn -q -o -B -pl dsl compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  jshell --class-path "dsl/target/classes:$(cat dsl/target/classpath.txt)" \
    --startup DEFAULT --startup dsl/bin/hone-startup.jsh
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
cached=(); old=(); plain=()
for ((i = 0; i < runs; i++)); do
  cached+=("$(seconds dsl/bin/hone-jshell)")
  old+=("$(seconds old_way)")
  plain+=("$(seconds jshell)")
done
c=$(printf '%s\n' "${cached[@]}" | median)
o=$(printf '%s\n' "${old[@]}" | median)
p=$(printf '%s\n' "${plain[@]}" | median)
printf 'hone-jshell open+exit, cached class path: median %.2f s over %d runs\n' "$c" "$runs"
printf 'old launcher (Maven at every start):     median %.2f s  -> %.1fx slower\n' "$o" \
  "$(ratio "$o" "$c")"
printf 'plain jshell, no Hone:                    median %.2f s  (hone-jshell is %.2fx it)\n' \
  "$p" "$(ratio "$c" "$p")"
printf 'target: no Maven after the first start (met: the cached start runs no mvn)\n'
printf 'load average before/after: %s / %s on %s cores\n' "$load_before" \
  "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)"
