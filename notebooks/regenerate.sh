#!/usr/bin/env bash
# Runs the notebooks through the real Hone kernel and saves them in place, outputs included, so
# the committed notebooks show the tables and charts of a real run on any notebook viewer.
#
#   notebooks/regenerate.sh                 # every notebook in notebooks/
#   notebooks/regenerate.sh 01 04           # those whose names start with 01 or 04
#   notebooks/regenerate.sh path/to/my.ipynb  # any notebook file, saved in place too
#
# It builds the project (tests skipped), installs the kernel under a temporary prefix (your own
# Jupyter set-up is not touched), and executes each notebook with nbconvert, one at a time, with
# up to 20 minutes a cell. MVN_FLAGS adds Maven options (for example MVN_FLAGS=-o offline).
# HONE_JUPYTER_PATH, when set, names a Jupyter path that already holds a built Hone kernel: the
# build and the install are skipped (the kernel's tests use it).
# Needs Debian's jupyter-nbconvert (see .ci/prerequisites.sh) and /usr/bin/python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

notebooks=()
if [[ $# -eq 0 ]]; then
  notebooks=(notebooks/*.ipynb)
else
  for prefix in "$@"; do
    if [[ "$prefix" == *.ipynb ]]; then
      if [[ ! -f "$prefix" ]]; then
        echo "regenerate: no notebook file '$prefix'" >&2
        exit 2
      fi
      notebooks+=("$prefix")
      continue
    fi
    matches=(notebooks/"$prefix"*.ipynb)
    if [[ ! -e "${matches[0]}" ]]; then
      echo "regenerate: no notebook in notebooks/ starts with '$prefix'" >&2
      exit 2
    fi
    notebooks+=("${matches[@]}")
  done
fi

if [[ -n "${HONE_JUPYTER_PATH:-}" ]]; then
  jupyter_path="$HONE_JUPYTER_PATH"
else
  echo "regenerate: building (mvn -DskipTests package)..." >&2
  log="$(mktemp)"
  # shellcheck disable=SC2086
  if ! mvn -q -B ${MVN_FLAGS:-} -DskipTests package >"$log" 2>&1; then
    sed $'s/\x1b\\[[0-9;]*[A-Za-z]//g' "$log" >&2
    echo "regenerate: the build failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"
  prefix="$(mktemp -d)"
  trap 'rm -rf "$prefix"' EXIT
  kernel/install.sh --prefix "$prefix" >/dev/null
  jupyter_path="$prefix/share/jupyter"
fi

for nb in "${notebooks[@]}"; do
  start=$(date +%s)
  echo "regenerate: $nb..." >&2
  JUPYTER_PATH="$jupyter_path" /usr/bin/python3 -m jupyter nbconvert --to notebook \
    --execute "$nb" --inplace --ExecutePreprocessor.timeout=1200 \
    --ExecutePreprocessor.kernel_name=hone
  echo "regenerate: $nb done in $(( $(date +%s) - start )) s" >&2
done
