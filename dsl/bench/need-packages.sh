#!/usr/bin/env bash
# Sourced by the benchmark scripts: installs the Debian packages named in "${needed[@]}" when
# run as root, otherwise names the missing ones and stops. $bench names the benchmark.
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends "${missing[@]}"
  else
    echo "$bench: install ${missing[*]} (Debian packages) first" >&2
    exit 1
  fi
fi
