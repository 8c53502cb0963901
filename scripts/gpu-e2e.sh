#!/usr/bin/env bash
# Builds hematite_rt + hematite-e2e on the GPU machine (needs only cmake and a C++
# compiler) and runs the e2e tests on the CUDA device and on the NVIDIA Vulkan device.
#
#   scripts/gpu-e2e.sh [KERNELS_DIR]
#
# KERNELS_DIR holds saxpy.ptx and saxpy.spv compiled by `hematite` on the development
# machine, and the language families' lang_<family>.ptx / .spv (test/e2e/kernels/lang),
# which `ctest -R e2e.lang` writes into BUILD/kernels beside saxpy's; every test group
# whose kernel file is there runs. The hand-written stand-ins in test/e2e/testdata run
# first either way, so a runtime problem and a compiler problem are told apart. Exit
# status: non-zero if any run failed.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kernels=${1:-}
if [[ -n $kernels ]]; then
  [[ -d $kernels ]] || { echo "gpu-e2e: no folder '$kernels'" >&2; exit 2; }
  kernels=$(cd "$kernels" && pwd)
fi
build=$root/build-gpu-e2e

# The Vulkan loader is not installed on the GPU machine: unpack the carried .debs.
shopt -s nullglob
debs=("$root"/.gl/*.deb)
if ((${#debs[@]} > 0)); then
  echo "gpu-e2e: unpacking ${#debs[@]} package(s) from .gl/"
  for f in "${debs[@]}"; do dpkg -x "$f" /; done
  ldconfig
fi

# Without an installed ICD manifest the loader finds no driver; the NVIDIA one lives
# beside the driver on this machine.
if [[ -z ${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-} ]]; then
  icds=(/usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json /usr/local/share/vulkan/icd.d/*.json)
  nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  if ((${#icds[@]} == 0)); then
    export VK_DRIVER_FILES=$nvidia_icd
    echo "gpu-e2e: no Vulkan ICD installed; VK_DRIVER_FILES=$VK_DRIVER_FILES"
    [[ -f $nvidia_icd ]] || echo "gpu-e2e: warning: $nvidia_icd does not exist" >&2
  fi
fi
shopt -u nullglob

command -v nvidia-smi >/dev/null && nvidia-smi -L

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$root/test/e2e/standalone" -B "$build" "${generator[@]}" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null || { echo "gpu-e2e: cmake configure failed" >&2; exit 1; }
cmake --build "$build" -j || { echo "gpu-e2e: build failed" >&2; exit 1; }
e2e=$build/e2e/hematite-e2e

echo "== devices"
"$e2e" --list

status=0
run() {  # run <title> <kernels-dir>
  echo "== $1"
  "$e2e" --kernels "$2" --device cuda:0 --device vulkan
  local rc=$?
  echo "== $1: exit $rc"
  ((rc == 0)) || status=1
}
run "stand-in kernels (test/e2e/testdata)" "$root/test/e2e/testdata"
[[ -n $kernels ]] && run "compiled kernels ($kernels)" "$kernels"
exit $status
