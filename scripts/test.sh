#!/usr/bin/env bash
# The full test suite: builds everything (as scripts/build.sh), then runs every
# test under ctest: unit (GoogleTest), lit + FileCheck, and e2e on the best Vulkan
# device present (in CI, Mesa's CPU device lavapipe).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HEMATITE_BUILD_DIR:-$root/build}

bash "$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure -j"$(nproc)"
