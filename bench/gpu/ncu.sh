#!/usr/bin/env bash
# Nsight Compute profile of one bench kernel, ours and its nvcc twin, on the GPU
# machine (after bench/gpu/run.sh has built the runner in build-bench-gpu/). The
# runner launches both under the same entry name, so each is profiled from a folder
# of its own where it is the only CUDA variant: the first launch of NAME is then the
# one wanted.
#
#   bench/gpu/ncu.sh NAME OUT_DIR [NCU_ARGS...]     (default NCU_ARGS: --set full)
#
# Writes OUT_DIR/NAME.{hm,nvcc}.ncu.txt (the details page) and the runner's sizes are
# those of `run.sh --grow 8`.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
name=$1 out=$2
shift 2
args=("$@")
((${#args[@]} == 0)) && args=(--set full)
build=$root/build-bench-gpu
ncu=$(command -v ncu || echo /usr/local/cuda/bin/ncu)
[[ -x $build/hematite-bench-gpu ]] || { echo "ncu.sh: run bench/gpu/run.sh first" >&2; exit 2; }
mkdir -p "$out"
for who in hm nvcc; do
  dir=$(mktemp -d)
  cp "$build/kernels/$name.$who.ptx" "$dir/$name.hm.ptx"
  cp "$build/kernels/copy.hm.ptx" "$dir/copy.hm.ptx"
  "$ncu" "${args[@]}" -k "regex:^$name\$" -c 1 "$build/hematite-bench-gpu" --kernels "$dir" \
    --device cuda:0 --only "$name" --grow 8 --reps 3 --sync-reps 1 \
    > "$out/$name.$who.ncu.txt" 2>&1
  echo "ncu.sh: $name ($who): exit $?, $out/$name.$who.ncu.txt"
  rm -rf "$dir"
done
