#!/usr/bin/env bash
# Tests the GPU bundle on this machine, up to the step that needs a GPU:
#   1. dsl/bench/gpu/make-bundle.sh builds .gpu-bundle/ and checks it fits in 64 MiB;
#   2. libtorch 2.5.1 (the CPU natives jar in ~/.m2) and its DJL JNI are unpacked into a temp
#      folder, standing in for the device's torch/lib;
#   3. dsl/bench/gpu/device-check.sh runs as on the device, on the bundled Java runtime (not the
#      system java), with DJL loading libtorch from that folder and the JNI from DJL's cache
#      folder, GpuCheck training Hone on the CPU and the PyTorch peer (Debian's torch 1.13) on
#      the CPU, in a short run (2 epochs; the larger model 784-1024-1024-10 on 4,000 rows, as
#      the 4096-wide one takes many minutes per side on 2 cores: LARGE=784,4096,4096,10 runs it);
#   4. the figures are checked: the bundled runtime ran, libtorch came from the folder, every
#      run's accuracy is sane.
# With --jni-from-source, step 3 also builds DJL's JNI from the bundled sources with the
# device's CMake path, against Debian's libtorch-dev 1.13 (installed when run as root), the
# only libtorch with headers here; that JNI is compiled and linked, not run (DJL 0.33's Java
# side expects torch 2.x).
# Usage: dsl/bench/gpu/test-bundle-here.sh [--no-build] [--jni-from-source]
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
build=1
jni_source=0
for a in "$@"; do
  case $a in
    --no-build) build=0 ;;
    --jni-from-source) jni_source=1 ;;
    *) echo "unknown option $a; expected --no-build or --jni-from-source" >&2; exit 2 ;;
  esac
done
say() { printf 'test-bundle-here: %s\n' "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

((build == 0)) || dsl/bench/gpu/make-bundle.sh

m2=${M2_REPO:-$HOME/.m2/repository}
pt=$(sed -n 's:.*<pytorch.version>\(.*\)</pytorch.version>.*:\1:p' pom.xml)
djl=$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' pom.xml)
native_jar=$m2/ai/djl/pytorch/pytorch-native-cpu/$pt/pytorch-native-cpu-$pt-linux-x86_64.jar
jni_jar=$m2/ai/djl/pytorch/pytorch-jni/$pt-$djl/pytorch-jni-$pt-$djl.jar
[[ -f $native_jar && -f $jni_jar ]] || die "need $native_jar and $jni_jar (mvn -pl dsl dependency:resolve)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && unzip -q "$native_jar" 'pytorch/cpu/linux-x86_64/*' && unzip -q "$jni_jar" \
  'jnilib/linux-x86_64/cpu/libdjl_torch.so')
libtorch=$tmp/pytorch/cpu/linux-x86_64
say "libtorch $pt unpacked to $libtorch: $(ls "$libtorch" | paste -sd' ')"

if ((jni_source)); then
  bench=test-bundle-here
  needed=(libtorch-dev)
  # shellcheck source=../need-packages.sh
  source dsl/bench/need-packages.sh
  cmake_dir=$(dirname "$(dirname "$(dpkg -L libtorch-dev | grep '/TorchConfig.cmake$' | head -1)")")
  say "building DJL's JNI from source against Debian's libtorch-dev ($cmake_dir)"
  OUT=$tmp/out-jni TORCH_CMAKE=$cmake_dir TORCH_LIB=$libtorch TORCH_VERSION=1.13.1 \
    TORCH_FLAVOR=cpu JNI_PT_VERSION=V1_13_X WORK=$tmp/work-jni JNI_ONLY=1 \
    dsl/bench/gpu/device-check.sh || true
  built=$tmp/work-jni/jni-build/libdjl_torch.so
  [[ -f $built ]] || { tail -30 "$tmp/out-jni/jni-build.log" >&2; die "the JNI did not build from source"; }
  say "JNI built from source: $(du -h "$built" | cut -f1), $(nm -D --defined-only "$built" | grep -c Java_ai_djl_pytorch_jni_PyTorchLibrary_) JNI functions"
fi

out=$tmp/out
say "device-check.sh on the CPU, from the bundle"
OUT=$out TORCH_LIB=$libtorch TORCH_VERSION=$pt TORCH_FLAVOR=cpu WORK=$tmp/work \
  HONE_JNI=$tmp/jnilib/linux-x86_64/cpu/libdjl_torch.so PYTHON=/usr/bin/python3 \
  GPU_CHECK_ARGS="--sides=hone-cpu,torch-cpu --epochs=${EPOCHS:-2} --batches=128,1024 --large=${LARGE:-784,1024,1024,10} --large-train=4000 --large-test=1000 --latency-calls=300" \
  dsl/bench/gpu/device-check.sh || die "device-check.sh failed; log above"

/usr/bin/python3 - "$out/figures.json" "$root/.gpu-bundle/jre" "$libtorch" <<'EOF'
import json, os, sys
figures, jre, libtorch = sys.argv[1:]
f = json.load(open(figures))
sides = {s["side"]: s for s in f["sides"]}
assert set(sides) == {"hone-cpu", "torch-cpu"}, sides.keys()
hone = sides["hone-cpu"]
assert os.path.realpath(hone["java_home"]) == os.path.realpath(jre), hone["java_home"]
assert os.path.realpath(hone["libtorch_dir"]) == os.path.realpath(libtorch), hone["libtorch_dir"]
# A short run (2 epochs, 4,000 Fashion rows, so 8 steps at batch 1024): well above chance
# (0.1), not converged.
floor = {"small": 0.75, "large": 0.4}
for side in sides.values():
    for m in side["models"]:
        for run in m["runs"]:
            acc = run["test_accuracy"]
            assert floor[m["key"]] <= acc <= 1, (side["side"], m["key"], run["batch"], acc)
        inf = m["inference"]
        assert inf["batch256_samples_per_s"] > 0 and inf["batch1_p50_us"] > 0, inf
print(f"test-bundle-here: OK: {hone['engine']} from {hone['libtorch_dir']} on {hone['java']}")
EOF
cp "$out/figures.json" "$out/device-check.log" "$root/dsl/target/"
say "figures and log kept in dsl/target/figures.json and dsl/target/device-check.log"
