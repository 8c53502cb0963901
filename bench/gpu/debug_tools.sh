#!/usr/bin/env bash
# Checks that the NVIDIA debugger and profilers see hematite kernels' Rust source
# (issue 5 item 1: -g and -lineinfo), through hematite_rt and the driver's PTX JIT.
#
#   bench/gpu/debug_tools.sh prepare DIR   # development machine: saxpy with -g and
#                                          # with -lineinfo into DIR/{g,lineinfo}/
#   bench/gpu/debug_tools.sh run DIR OUT   # GPU machine (after bench/gpu/run.sh has
#                                          # built build-bench-gpu/): cuda-gdb, ncu and
#                                          # compute-sanitizer, output into OUT/
#
# Paths in the PTX are relative to the repository root (bench/kernels/saxpy.rs), so
# run both from there. docs/cli.md, "Debugging and profiling", has what they showed.
set -uo pipefail
mode=$1 dir=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 1
if [[ $mode == prepare ]]; then
  hematite=${HEMATITE:-$root/build/bin/hematite}
  mkdir -p "$dir/g" "$dir/lineinfo"
  "$hematite" --target=sm_90 -g bench/kernels/saxpy.rs -o "$dir/g/saxpy.hm.ptx" &&
    "$hematite" --target=sm_90 -g bench/kernels/softmax.rs -o "$dir/g/softmax.hm.ptx" &&
    "$hematite" --target=sm_90 -g bench/kernels/sgemm.rs -o "$dir/g/sgemm.hm.ptx" &&
    "$hematite" --target=sm_90 -lineinfo bench/kernels/saxpy.rs -o "$dir/lineinfo/saxpy.hm.ptx"
  exit
fi
out=$3
mkdir -p "$out"
runner=$root/build-bench-gpu/hematite-bench-gpu
[[ -x $runner ]] || { echo "debug_tools.sh: run bench/gpu/run.sh first" >&2; exit 2; }
cuda=${CUDA_HOME:-/usr/local/cuda}
args=(--device cuda:0 --only saxpy --reps 2 --sync-reps 1)
# The runner's copy kernels are missing from these folders: it reports them and goes on.
timeout 150 "$cuda/bin/cuda-gdb" -batch -ex 'set breakpoint pending on' -ex 'break saxpy.rs:9' \
  -ex run -ex bt -ex 'info line' -ex 'list 7,10' -ex 'info locals' -ex 'print i' -ex 'print a' \
  -ex 'print x.length' -ex 'print *x.data_ptr' -ex 'print x[1]' -ex 'print y[i]' -ex 'print x' \
  --args "$runner" --kernels "$dir/g" "${args[@]}" > "$out/cuda-gdb.txt" 2>&1
# Local variables, mutable ones in a loop included, per thread; in the third loop, `c`
# is the third `let mut c` (0 for thread 0 on its first pass), not the first loop's
# (4096 by then): each `let` is a lexical scope.
timeout 150 "$cuda/bin/cuda-gdb" -batch -ex 'set breakpoint pending on' -ex 'break softmax.rs:27' \
  -ex run -ex 'info locals' -ex 'print c' -ex 'print m' -ex 'cuda thread (5,0,0)' -ex 'print t' \
  -ex 'print c' -ex delete -ex 'break softmax.rs:59' -ex continue -ex 'print c' -ex 'print sum' \
  -ex 'print max' -ex 'info locals' --args "$runner" --kernels "$dir/g" --device cuda:0 \
  --only softmax --reps 2 --sync-reps 1 > "$out/cuda-gdb-softmax.txt" 2>&1
# Arrays of scalars: sgemm's 4x4 accumulator and its register rows, after the first tile.
timeout 150 "$cuda/bin/cuda-gdb" -batch -ex 'set breakpoint pending on' -ex 'break sgemm.rs:57' \
  -ex run -ex 'print kt' -ex 'print acc' -ex 'print av' -ex 'print bv' -ex 'print acc[1][2]' \
  -ex 'info locals' --args "$runner" --kernels "$dir/g" --device cuda:0 --only sgemm --reps 2 \
  --sync-reps 1 --scale 4 > "$out/cuda-gdb-sgemm.txt" 2>&1
timeout 150 "$cuda/bin/ncu" --set basic --import-source yes -k 'regex:^saxpy$' -c 1 -f \
  -o "$out/lineinfo" "$runner" --kernels "$dir/lineinfo" "${args[@]}" > "$out/ncu-run.txt" 2>&1
"$cuda/bin/ncu" -i "$out/lineinfo.ncu-rep" --page source --print-source cuda --csv \
  > "$out/ncu-source.txt" 2>&1
timeout 150 "$cuda/bin/compute-sanitizer" --tool memcheck "$runner" --kernels "$dir/lineinfo" \
  "${args[@]}" --scale 64 > "$out/compute-sanitizer.txt" 2>&1
grep -h "saxpy.rs\|softmax.rs\|sgemm.rs\|No symbol\|ERROR SUMMARY\|API call" "$out"/cuda-gdb*.txt "$out"/ncu-source.txt \
  "$out"/compute-sanitizer.txt | head -20
