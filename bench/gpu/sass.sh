#!/usr/bin/env bash
# SASS and resource usage of every PTX in a kernels folder (ours and nvcc's), for
# comparing what the two compilers produce (docs/benchmarks.md). Needs ptxas and
# cuobjdump (the GPU machine has both; the development machine has no cuobjdump).
#
#   bench/gpu/sass.sh KERNELS_DIR OUT.tar.gz
set -uo pipefail
dir=$1 tarball=$2
cuda=${CUDA_HOME:-/usr/local/cuda}
ptxas=$(command -v ptxas || echo "$cuda/bin/ptxas")
cuobjdump=$(command -v cuobjdump || echo "$cuda/bin/cuobjdump")
work=$(mktemp -d)
mkdir -p "$work/sass"
for ptx in "$dir"/*.ptx; do
  base=$(basename "$ptx" .ptx)
  "$ptxas" -arch=sm_90 -O3 -v "$ptx" -o "$work/sass/$base.cubin" > "$work/sass/$base.ptxas.txt" 2>&1 &&
    "$cuobjdump" -sass "$work/sass/$base.cubin" > "$work/sass/$base.sass" 2>&1
  rm -f "$work/sass/$base.cubin"
done
tar -czf "$tarball" -C "$work" sass && rm -rf "$work"
echo "sass.sh: wrote $tarball"
