#!/usr/bin/env bash
# Builds .gpu-bundle/ at the repository root: everything the GPU check (dev.hone.bench.GpuCheck)
# needs on a machine that has a GPU, Python's torch, CMake and a compiler but no Java, within the
# 64 MiB that travel with a device call (the repository's tracked files count too):
#   jre/          a Java 17 runtime made with jlink, only the modules the check needs
#   lib/          Hone's jar, the check's classes, DJL's Java jars and the few runtime jars the
#                 check loads; no PyTorch natives, no ONNX Runtime (the device's torch serves)
#   data/         the first rows of Fashion-MNIST as IDX .gz (MNIST is inside Hone's jar)
#   djl-jni/      DJL's published JNI sources for the DJL version in pom.xml, with the JNI header
#                 javac makes from DJL's PyTorchLibrary.java, to build libdjl_torch.so there
#   jdk-include/  jni.h and jni_md.h (jlink leaves headers out)
# Usage: dsl/bench/gpu/make-bundle.sh   (then dsl/bench/gpu/device-check.sh runs on the device)
# Env: DJL_SRC    a git directory of github.com/deepjavalibrary/djl (default: where the fetch
#                 tool puts it); FASHION_TRAIN / FASHION_TEST rows to carry (20000 / 5000);
#      JDK        the JDK 17 to jlink from (default: the one javac belongs to).
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
bundle=$root/.gpu-bundle
limit=$((64 * 1024 * 1024))
djl_src=${DJL_SRC:-/work/.mirror/deepjavalibrary+djl/repo}
jdk=${JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
djl_version=$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' pom.xml)
fashion_src=${FASHION_SRC:-/usr/share/datasets/fashion-mnist}

bench=make-bundle
needed=(dataset-fashion-mnist)
# shellcheck source=../need-packages.sh
source dsl/bench/need-packages.sh

say() { printf 'make-bundle: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ -x $jdk/bin/jlink && -f $jdk/include/jni.h ]] \
  || die "no JDK with jlink and include/jni.h at $jdk; set JDK to a JDK 17 home"
[[ $("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p') == 17 ]] \
  || die "$jdk is not a JDK 17 (Hone targets Java 17); set JDK"
git --git-dir="$djl_src" rev-parse -q --verify "v$djl_version^{commit}" >/dev/null 2>&1 \
  || git --git-dir="$djl_src/.git" rev-parse -q --verify "v$djl_version^{commit}" >/dev/null 2>&1 \
  || die "DJL's sources (tag v$djl_version) not found in $djl_src; fetch github:deepjavalibrary/djl and set DJL_SRC to its git directory"
[[ -d $djl_src/.git ]] && djl_src=$djl_src/.git

say "building Hone's jars (mvn -o -pl dsl -DskipTests package)"
mvn -q -o -B -pl dsl -DskipTests package
cp_file=$root/dsl/target/gpu-bundle-classpath.txt
mvn -q -o -B -pl dsl dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$cp_file"

rm -rf "$bundle"
mkdir -p "$bundle/lib" "$bundle/data" "$bundle/djl-jni" "$bundle/jdk-include/linux"

# The jars the check loads classes from: DJL's, its JNA (which DJL's CudaUtils loads when
# libtorch has CUDA), Gson, SLF4J, and XChart (training's History refers to its chart type, so
# the verifier loads it; no chart is drawn). Everything else on Hone's runtime class path (ONNX
# Runtime 75 MB, the PyTorch CPU natives 110 MB, Tablesaw with 40 MB of fastutil and icu4j) is
# for features the check does not touch; test-bundle-here.sh runs the check from this list.
keep='/(api|pytorch-engine|gson|jna|slf4j-api|slf4j-simple|xchart)/[^/]+/[^/]+\.jar$'
tr ':' '\n' <"$cp_file" | grep -E "$keep" | grep -v '/ai/djl/pytorch/pytorch-native' \
  | while read -r jar; do cp "$jar" "$bundle/lib/"; done
cp dsl/target/hone-dsl-*.jar "$bundle/lib/hone-dsl.jar"
(cd dsl/target/test-classes && "$jdk/bin/jar" cf "$bundle/lib/hone-gpu-check.jar" \
  dev/hone/bench/GpuCheck*.class dev/hone/bench/TrainingBenchmark*.class)

# Modules: what jdeps finds the kept jars use, less java.desktop, java.sql and java.compiler,
# which only image, JDBC-type and annotation-processing code paths use (the check starts and
# trains without them; test-bundle-here.sh proves it on every build).
mods=java.logging,java.management,jdk.unsupported
for jar in "$bundle"/lib/*.jar; do
  m=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" \
    2>/dev/null | tail -1) || continue
  [[ $m =~ ^java\. ]] && mods=$mods,$m
done
mods=$(tr ',' '\n' <<<"$mods" | grep -vxE 'java\.desktop|java\.sql|java\.compiler' | sort -u \
  | paste -sd,)
say "jlink modules: $mods"
"$jdk/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$bundle/jre"
# Debian's libjvm.so keeps its symbol table; dropping it saves 4 MB of the 64.
if command -v strip >/dev/null; then strip --strip-unneeded "$bundle/jre/lib/server/libjvm.so"; fi
cp "$jdk/include/jni.h" "$bundle/jdk-include/"
cp "$jdk/include/linux/jni_md.h" "$bundle/jdk-include/linux/"

say "Fashion-MNIST: first ${FASHION_TRAIN:-20000} train and ${FASHION_TEST:-5000} test rows"
python3 dsl/bench/gpu/fashion_subset.py --src "$fashion_src" --out "$bundle/data/fashion-mnist" \
  --train "${FASHION_TRAIN:-20000}" --test "${FASHION_TEST:-5000}"

say "DJL $djl_version JNI sources from $djl_src"
native=engines/pytorch/pytorch-native
git --git-dir="$djl_src" archive "v$djl_version" "$native/CMakeLists.txt" "$native/src/main/native" \
  api/src/main/native | tar -x -C "$bundle/djl-jni"
# DJL's build.sh makes the JNI header with javac -h from PyTorchLibrary.java; so does this.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git --git-dir="$djl_src" archive "v$djl_version" engines/pytorch/pytorch-engine/src/main/java \
  | tar -x -C "$tmp"
"$jdk/bin/javac" -nowarn -cp "$(cat "$cp_file")" \
  -sourcepath "$tmp/engines/pytorch/pytorch-engine/src/main/java" \
  -h "$bundle/djl-jni/$native/build/include" -d "$tmp/classes" \
  "$tmp/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
git --git-dir="$djl_src" rev-parse "v$djl_version^{commit}" >"$bundle/djl-jni/COMMIT"

{
  echo "made $(date -u +%FT%TZ) from $(git rev-parse --short HEAD) ($(git status --porcelain | wc -l) changed files)"
  echo "jdk $("$jdk/bin/java" -version 2>&1 | head -1); modules $mods"
  echo "djl $djl_version ($(cat "$bundle/djl-jni/COMMIT"))"
  (cd "$bundle/lib" && ls)
} >"$bundle/BUNDLE.txt"

bundle_bytes=$(du -sb "$bundle" | cut -f1)
tracked_bytes=$(git ls-files -z | du -cb --files0-from=- 2>/dev/null | tail -1 | cut -f1)
total=$((bundle_bytes + tracked_bytes))
printf 'make-bundle: %-12s %10s bytes\n' jre "$(du -sb "$bundle/jre" | cut -f1)" lib \
  "$(du -sb "$bundle/lib" | cut -f1)" data "$(du -sb "$bundle/data" | cut -f1)" djl-jni \
  "$(du -sb "$bundle/djl-jni" | cut -f1)" bundle "$bundle_bytes" "tracked files" "$tracked_bytes"
printf 'make-bundle: %d bytes travel (%.1f MiB of %d MiB)\n' "$total" \
  "$(bc -l <<<"$total / 1048576")" $((limit / 1048576))
((total <= limit)) || die "over the 64 MiB a device call carries: carry fewer Fashion rows (FASHION_TRAIN) or fewer jars"
