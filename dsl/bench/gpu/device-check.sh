#!/usr/bin/env bash
# The one command to run on a GPU machine (Python torch with CUDA, CMake, ninja, a C++ compiler;
# no Java), from the repository root, with .gpu-bundle/ (dsl/bench/gpu/make-bundle.sh) carried:
#   1. builds DJL's JNI (libdjl_torch.so) from the bundled DJL sources against that torch
#      (torch/share/cmake, with CUDA), and puts it where DJL looks for a JNI that matches
#      PYTORCH_VERSION and PYTORCH_FLAVOR: $DJL_CACHE_DIR/pytorch/<version>-<flavor>-linux-x86_64/
#   2. runs dev.hone.bench.GpuCheck on the bundled Java runtime, with DJL loading torch's own
#      lib folder (PYTORCH_LIBRARY_PATH): Hone on the GPU, PyTorch on the GPU, Hone on the CPU.
# It writes device-check.log, jni-build.log and figures.json (every figure and the checks against
# the targets) to $OUT (default ./gpu-out).
#
# Settings (environment), each found from $PYTHON's torch when unset:
#   PYTHON (python3), TORCH_LIB (torch/lib), TORCH_CMAKE (torch/share/cmake), TORCH_VERSION
#   (2.11.0), TORCH_FLAVOR (cu130 from torch.version.cuda, or cpu), HONE_JNI (a libdjl_torch.so
#   to use instead of building one), JNI_PT_VERSION (DJL's PT_VERSION define, e.g. V1_13_X),
#   GPU_CHECK_ARGS (GpuCheck's options; default: every side, 5 epochs, batches 128 and 1024),
#   JNI_ONLY=1 (build the JNI, run nothing), JNI_CMAKE_ARGS (more -D options for DJL's CMake,
#   e.g. -DCMAKE_CXX_STANDARD=20 if a newer torch's headers ask for it),
#   WORK (scratch folder; default $TMPDIR/hone-gpu-check).
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
bundle=$root/.gpu-bundle
OUT=${OUT:-$root/gpu-out}
mkdir -p "$OUT"
exec > >(tee "$OUT/device-check.log") 2>&1
started=$SECONDS
say() { printf '[device-check %4ds] %s\n' $((SECONDS - started)) "$*"; }
die() { say "FAILED: $*"; exit 1; }

[[ -x $bundle/jre/bin/java ]] || die "no $bundle/jre: run dsl/bench/gpu/make-bundle.sh here and carry .gpu-bundle"
cat "$bundle/BUNDLE.txt"
PYTHON=${PYTHON:-python3}
work=${WORK:-${TMPDIR:-/tmp}/hone-gpu-check}
mkdir -p "$work"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total \
  --format=csv,noheader || say "no nvidia-smi"
say "$(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB memory"

# What torch does this machine have, and where are its libraries?
if [[ -z ${TORCH_LIB:-} || -z ${TORCH_VERSION:-} || -z ${TORCH_FLAVOR:-} ]]; then
  eval "$("$PYTHON" - <<'EOF'
import os, torch
d = os.path.dirname(torch.__file__)
cuda = torch.version.cuda
print(f"torch_dir={d}")
print(f"TORCH_LIB=${{TORCH_LIB:-{d}/lib}}")
print(f"TORCH_CMAKE=${{TORCH_CMAKE:-{d}/share/cmake}}")
print(f"TORCH_VERSION=${{TORCH_VERSION:-{torch.__version__.split('+')[0]}}}")
print(f"TORCH_FLAVOR=${{TORCH_FLAVOR:-{'cu' + cuda.replace('.', '') if cuda else 'cpu'}}}")
print(f"torch_cxx11_abi={int(torch._C._GLIBCXX_USE_CXX11_ABI)}")
print(f"torch_cuda_available={int(torch.cuda.is_available())}")
EOF
)"
  say "torch ${TORCH_VERSION} ${TORCH_FLAVOR} in ${torch_dir} (C++11 ABI ${torch_cxx11_abi}, CUDA available ${torch_cuda_available})"
fi
[[ -f $TORCH_LIB/libtorch.so ]] || die "no libtorch.so in TORCH_LIB=$TORCH_LIB"

# The shared libraries that torch's wheels bring beside it (CUDA runtime, cuBLAS, ...): DJL's
# CudaUtils looks for libcudart through JNA, which searches jna.library.path.
site=$(dirname "$(dirname "$TORCH_LIB")")
extra=$(find "$site/nvidia" -maxdepth 3 -type d -name lib 2>/dev/null | sort | paste -sd:) || true
cuda_home=
for d in "${CUDA_HOME:-}" /usr/local/cuda /usr/local/cuda-*; do
  [[ -n $d && -f $d/include/cuda_runtime_api.h ]] && { cuda_home=$d; break; }
done
[[ -n $cuda_home ]] && extra=$extra:$cuda_home/lib64
libpath=$TORCH_LIB${extra:+:$extra}
export LD_LIBRARY_PATH=$libpath${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
say "library path (LD_LIBRARY_PATH, jna.library.path): $libpath"

djl_version=$(sed -n 's/^djl \([^ ]*\) .*/\1/p' "$bundle/BUNDLE.txt")
export DJL_CACHE_DIR=$work/djl-cache
jni_dir=$DJL_CACHE_DIR/pytorch/$TORCH_VERSION-$TORCH_FLAVOR-linux-x86_64
mkdir -p "$jni_dir"

if [[ -n ${HONE_JNI:-} ]]; then
  say "JNI: using $HONE_JNI"
  cp "$HONE_JNI" "$jni_dir/$djl_version-libdjl_torch.so"
else
  src=$bundle/djl-jni/engines/pytorch/pytorch-native
  build=$work/jni-build
  use_cuda=$([[ $TORCH_FLAVOR == cu* ]] && echo 1 || echo 0)
  say "JNI: building DJL $djl_version's libdjl_torch.so against $TORCH_CMAKE (USE_CUDA=$use_cuda)"
  rm -rf "$build"
  # FindJNI takes the bundled headers and runtime; AWT is not needed (as in DJL's own CMake).
  if ! cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$TORCH_CMAKE" ${JNI_PT_VERSION:+-DPT_VERSION=$JNI_PT_VERSION} \
      $([[ $use_cuda == 1 ]] && echo -DUSE_CUDA=1) \
      ${cuda_home:+-DCUDAToolkit_ROOT=$cuda_home -DCMAKE_CUDA_COMPILER=$cuda_home/bin/nvcc} \
      -DJAVA_HOME="$bundle/jre" -DJAVA_INCLUDE_PATH="$bundle/jdk-include" \
      -DJAVA_INCLUDE_PATH2="$bundle/jdk-include/linux" \
      -DJAVA_JVM_LIBRARY="$bundle/jre/lib/server/libjvm.so" \
      -DJAVA_AWT_LIBRARY=NotNeeded -DJAVA_AWT_INCLUDE_PATH=NotNeeded ${JNI_CMAKE_ARGS:-} \
      >"$OUT/jni-build.log" 2>&1
  then
    tail -40 "$OUT/jni-build.log"
    die "cmake could not configure DJL's JNI against $TORCH_CMAKE (all of it in $OUT/jni-build.log)"
  fi
  if ! cmake --build "$build" -j "$(nproc)" >>"$OUT/jni-build.log" 2>&1; then
    grep -E 'error|Error' "$OUT/jni-build.log" | head -40
    die "DJL $djl_version's JNI does not compile against torch $TORCH_VERSION (all of it in $OUT/jni-build.log)"
  fi
  cp "$build/libdjl_torch.so" "$jni_dir/$djl_version-libdjl_torch.so"
  say "JNI: built ($(du -h "$build/libdjl_torch.so" | cut -f1))"
fi
[[ ${JNI_ONLY:-0} == 1 ]] && { say "JNI_ONLY=1: not running the check"; exit 0; }

# DJL: libtorch from a folder, the version and flavor that name the JNI's cache folder, offline.
export PYTORCH_LIBRARY_PATH=$TORCH_LIB PYTORCH_VERSION=$TORCH_VERSION PYTORCH_FLAVOR=$TORCH_FLAVOR
export DJL_OFFLINE=true
args=${GPU_CHECK_ARGS:---sides=hone-gpu,torch-gpu,hone-cpu --epochs=5 --batches=128,1024}
say "GpuCheck $args"
# shellcheck disable=SC2086  # GPU_CHECK_ARGS holds several options
"$bundle/jre/bin/java" -Dai.djl.offline=true -Djna.library.path="$libpath" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bundle/lib/*" dev.hone.bench.GpuCheck \
  --python="$PYTHON" --peer="$root/dsl/bench/gpu/torch_gpu_peer.py" \
  --fashion="$bundle/data/fashion-mnist" --out="$OUT/figures.json" $args
say "done: $OUT/figures.json"
