#!/usr/bin/env bash
# The quick start's main job: install, configure and build everything; compile
# examples/saxpy.rs for sm_90, gfx942 and vulkan1.2; run it on the best device
# found (a CUDA GPU, else a Vulkan device: in CI, Mesa's CPU device) and say
# whether the result is correct.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HEMATITE_BUILD_DIR:-$root/build}

bash "$root/scripts/build.sh"

out=$build/examples-out
mkdir -p "$out"
hematite=$build/bin/hematite
for target in sm_90 gfx942 vulkan1.2; do
  case $target in
    sm_*) file=saxpy.ptx ;;
    gfx*) file=saxpy.hsaco ;;
    vulkan*) file=saxpy.spv ;;
  esac
  "$hematite" "$root/examples/saxpy.rs" --target=$target -o "$out/$file"
  echo "hematite examples/saxpy.rs --target=$target -> $out/$file ($(stat -c %s "$out/$file") bytes)"
done

"$build/bin/run-saxpy" "$out"
