#!/usr/bin/env bash
# Registers the Hone kernel with Jupyter.
#   kernel/install.sh --user          for this user (the default)
#   kernel/install.sh --prefix DIR    under DIR/share/jupyter/kernels (a venv, /usr/local, a test)
# Build first: mvn -q -B -DskipTests package
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -f "$dir/target/hone-kernel.jar" ]; then
  echo "kernel/target/hone-kernel.jar is missing; build first: mvn -q -B -DskipTests package" >&2
  exit 1
fi
chmod +x "$dir/bin/hone-kernel"
java="${HONE_KERNEL_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
"$java" -cp "$dir/target/hone-kernel.jar:$dir/target/lib/*" \
  dev.hone.kernel.HoneKernel --install --home "$dir" "$@"
# The class archive that makes the kernel start faster (see bin/hone-kernel); HONE_KERNEL_CDS=0
# skips it. A failure here leaves a kernel that starts without it.
if [ "${HONE_KERNEL_CDS:-1}" != 0 ]; then
  echo "Recording the kernel's class archive (target/hone-kernel.jsa) ..."
  if HONE_KERNEL_JAVA="$java" "$dir/bin/hone-kernel" --warm-up >/dev/null; then
    echo "Recorded $dir/target/hone-kernel.jsa"
  else
    echo "Could not record the class archive; the kernel will start without it" >&2
  fi
fi
