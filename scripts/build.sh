#!/usr/bin/env bash
# Installs the dependencies (Debian packages), configures and builds everything
# into build/ (or $HEMATITE_BUILD_DIR). Safe to run again: it only redoes what
# changed (Ninja + ccache). HEMATITE_WERROR=ON (CI) makes warnings errors; it is
# read when build/ is first configured.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HEMATITE_BUILD_DIR:-$root/build}

bash "$root/scripts/install-deps.sh"

if [[ ! -f $build/build.ninja ]]; then
  # clang-22 + lld against the shared libLLVM/libMLIR: the fastest build and link.
  CC=clang-22 CXX=clang++-22 cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld \
    -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
    -DHEMATITE_WERROR="${HEMATITE_WERROR:-OFF}"
fi
cmake --build "$build"
