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
exec "$java" -cp "$dir/target/hone-kernel.jar:$dir/target/lib/*" \
  dev.hone.kernel.HoneKernel --install --home "$dir" "$@"
