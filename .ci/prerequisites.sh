#!/usr/bin/env bash
# Installs what Hone's tests need on a fresh Debian machine, and says what is missing elsewhere.
# Idempotent: packages already present are not touched.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless        # javac and jshell (the tutorials run in jshell)
  maven
  dataset-fashion-mnist          # Datasets.fashionMnist() reads it
  python3-jupyter-client         # the kernel's integration tests drive the real kernel
  python3-nbclient
  python3-nbformat
  jupyter-nbconvert
  python3-jupyter-kernel-test    # the Jupyter project's kernel conformance suite
  jupyter-console
  python3-ipykernel
  python3-onnx                   # the ONNX checker validates every exported file in the tests
  python3-widgetsnbextension     # the classic notebook's widget JavaScript that the kernel's widgets speak to
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "prerequisites: all ${#packages[@]} Debian packages present"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "prerequisites: missing ${missing[*]}; install them with your package manager" >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "prerequisites: need root to install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "prerequisites: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
