#!/usr/bin/env bash
# Compiles the bench kernels on the development machine (which has the hematite build,
# glslang and the CUDA toolkit) into bench/gpu/prepared/ (gitignored), for
# bench/gpu/run.sh on a GPU machine that has neither LLVM nor glslang:
#   NAME.hm.ptx    hematite --target=sm_90
#   NAME.hm.spv    hematite --target=vulkan1.2
#   NAME.glsl.spv  glslangValidator -V --target-env vulkan1.2 (the GLSL twin)
#   NAME.nvcc.ptx  nvcc -ptx -O3 -arch=sm_90 (the CUDA twin; run.sh recompiles it on the
#                  GPU machine when nvcc is there)
# and diagnostic variants of ours, which the runner reports apart from the main table:
#   NAME.hm-nobc.ptx/.spv         the same source with -C bounds-checks=off
#   NAME.hm-TAG.ptx/.spv          bench/gpu/variants/NAME.TAG.rs (an edited source)
#   NAME.hm-TAG-nobc.ptx/.spv     the same with -C bounds-checks=off
#   NAME.hm-nocv.ptx/.spv         the same source with -C check-versioning=off (every
#                                 check stays where it is)
#   NAME.hm-nofmad.ptx/.spv       the same source with -C fmad=off (Rust's two roundings
#                                 of a * b + c: no FMA contraction; NoContraction on SPIR-V)
#
#   bench/gpu/prepare.sh [OUT_DIR]          HEMATITE=path/to/hematite overrides the compiler
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-$root/bench/gpu/prepared}
hematite=${HEMATITE:-$root/build/bin/hematite}
nvcc=${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}
mkdir -p "$out"
rm -f "$out"/*.ptx "$out"/*.spv

# Kernels that need an optional Vulkan capability (docs/language.md, "Atomics").
declare -A spv_flags=([reduce]="-C target-feature=+float-atomic-add")

for rs in "$root"/bench/kernels/*.rs; do
  name=$(basename "$rs" .rs)
  "$hematite" --target=sm_90 "$rs" -o "$out/$name.hm.ptx"
  # shellcheck disable=SC2086
  "$hematite" --target=vulkan1.2 ${spv_flags[$name]:-} "$rs" -o "$out/$name.hm.spv"
  glslangValidator -V --target-env vulkan1.2 -e "$name" --source-entrypoint main \
    "$root/bench/kernels/$name.comp" -o "$out/$name.glsl.spv" >/dev/null
  if [[ -x $nvcc ]]; then
    "$nvcc" -ptx -O3 -arch=sm_90 "$root/bench/kernels/$name.cu" -o "$out/$name.nvcc.ptx"
  fi
  "$hematite" --target=sm_90 -C bounds-checks=off "$rs" -o "$out/$name.hm-nobc.ptx"
  # shellcheck disable=SC2086
  "$hematite" --target=vulkan1.2 -C bounds-checks=off ${spv_flags[$name]:-} "$rs" \
    -o "$out/$name.hm-nobc.spv"
  "$hematite" --target=sm_90 -C check-versioning=off "$rs" -o "$out/$name.hm-nocv.ptx"
  # shellcheck disable=SC2086
  "$hematite" --target=vulkan1.2 -C check-versioning=off ${spv_flags[$name]:-} "$rs" \
    -o "$out/$name.hm-nocv.spv"
  "$hematite" --target=sm_90 -C fmad=off "$rs" -o "$out/$name.hm-nofmad.ptx"
  # shellcheck disable=SC2086
  "$hematite" --target=vulkan1.2 -C fmad=off ${spv_flags[$name]:-} "$rs" -o "$out/$name.hm-nofmad.spv"
  echo "prepared $name"
done
for rs in "$root"/bench/gpu/variants/*.rs; do
  base=$(basename "$rs" .rs)       # NAME.TAG
  name=${base%%.*} tag=${base#*.}
  for bc in on off; do
    suffix=$tag
    [[ $bc == off ]] && suffix=$tag-nobc
    "$hematite" --target=sm_90 -C bounds-checks=$bc "$rs" -o "$out/$name.hm-$suffix.ptx"
    # shellcheck disable=SC2086
    "$hematite" --target=vulkan1.2 -C bounds-checks=$bc ${spv_flags[$name]:-} "$rs" \
      -o "$out/$name.hm-$suffix.spv"
  done
  echo "prepared variant $name.$tag"
done
{
  echo "prepared: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- bench runtime backends frontend || echo ' (modified)')"
  echo "hematite: $("$hematite" --version)"
  echo "glslang: $(glslangValidator --version | head -1)"
  [[ -x $nvcc ]] && echo "nvcc: $("$nvcc" --version | tail -1)"
} > "$out/VERSIONS.txt"
cat "$out/VERSIONS.txt"
