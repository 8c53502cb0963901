#!/usr/bin/env bash
# Rebuilds the hand-written stand-in kernels (saxpy.spv, saxpy.ptx) from their sources.
# Needs glslangValidator (Debian: glslang-tools) and, for PTX, nvcc (CUDA toolkit).
set -euo pipefail
cd "$(dirname "$0")"
glslangValidator --target-env vulkan1.2 -e saxpy --source-entrypoint main \
  -o saxpy.spv saxpy.comp
spirv-val --target-env vulkan1.2 saxpy.spv 2>/dev/null || true
NVCC=${NVCC:-/usr/local/cuda/bin/nvcc}
if [[ -x $NVCC ]]; then
  # compute_75 PTX: JIT-compiled by the driver for any newer GPU (the H100 included).
  "$NVCC" -ptx -arch=compute_75 -O3 -o saxpy.ptx saxpy.cu
else
  echo "regenerate.sh: no nvcc at $NVCC; saxpy.ptx left as is" >&2
fi
