#!/usr/bin/env bash
# Kernel-speed benchmark on a GPU machine (issue 5 item 7). Needs only CMake, a C++17
# compiler, the NVIDIA driver and, for the CUDA twins, nvcc: no LLVM, MLIR or glslang.
#
#   bench/gpu/prepare.sh                  # on the development machine: our PTX/SPIR-V and
#                                         # the glslang twins into bench/gpu/prepared/
#   bench/gpu/run.sh [PREPARED_DIR] [RUNNER_ARGS...]    # on the GPU machine
#
# It unpacks a carried Vulkan loader (.gl/*.deb) if there is one, builds the runner
# (bench/gpu/CMakeLists.txt: hematite_rt + bench_gpu.cpp) into build-bench-gpu/,
# compiles the CUDA twins with `nvcc -ptx -O3 -arch=sm_90` (else uses the prepared
# ones), runs every kernel on cuda:0 (our PTX, nvcc's PTX) and on the best Vulkan device
# (our SPIR-V, glslang's), and writes bench-gpu.txt / .json / env.txt into $OUT (if set)
# or build-bench-gpu/. Exit status non-zero if any variant failed or gave a wrong result.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prepared=$root/bench/gpu/prepared
if [[ $# -gt 0 && $1 != -* ]]; then prepared=$1; shift; fi
[[ ${1:-} == -- ]] && shift
[[ -d $prepared ]] || { echo "run.sh: no folder '$prepared' (run bench/gpu/prepare.sh first)" >&2; exit 2; }
build=$root/build-bench-gpu
out=${OUT:-$build}
mkdir -p "$build" "$out"

# The Vulkan loader is not installed on the GPU machine: unpack the carried .debs.
shopt -s nullglob
debs=("$root"/.gl/*.deb)
if ((${#debs[@]} > 0)); then
  for f in "${debs[@]}"; do dpkg -x "$f" /; done
  ldconfig
fi
if [[ -z ${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-} ]]; then
  icds=(/usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json /usr/local/share/vulkan/icd.d/*.json)
  nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  ((${#icds[@]} == 0)) && [[ -f $nvidia_icd ]] && export VK_DRIVER_FILES=$nvidia_icd
fi
shopt -u nullglob

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  command -v nvidia-smi >/dev/null &&
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem,clocks.sm,power.limit \
      --format=csv
  echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-}"
  cat "$prepared/VERSIONS.txt" 2>/dev/null
} | tee "$out/env.txt"

kernels=$build/kernels
rm -rf "$kernels" && mkdir -p "$kernels" && cp "$prepared"/* "$kernels"/
nvcc=${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}
if [[ -x $nvcc ]]; then
  echo "nvcc here: $("$nvcc" --version | tail -1)" | tee -a "$out/env.txt"
  for cu in "$root"/bench/kernels/*.cu; do
    name=$(basename "$cu" .cu)
    "$nvcc" -ptx -O3 -arch=sm_90 "$cu" -o "$kernels/$name.nvcc.ptx" ||
      { echo "run.sh: nvcc failed on $cu" >&2; exit 1; }
  done
else
  echo "run.sh: no nvcc here; using the prepared nvcc PTX" | tee -a "$out/env.txt"
fi

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$root/bench/gpu" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null ||
  { echo "run.sh: cmake configure failed" >&2; exit 1; }
cmake --build "$build" -j >/dev/null || { echo "run.sh: build failed" >&2; exit 1; }

"$build/hematite-bench-gpu" --kernels "$kernels" --device cuda:0 --device vulkan \
  --json "$out/bench-gpu.json" "$@" 2>&1 | tee "$out/bench-gpu.txt"
exit "${PIPESTATUS[0]}"
