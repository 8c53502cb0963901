#!/usr/bin/env bash
# Rust fidelity check: every kernel file Hematite accepts must type-check with rustc
# against the `gpu` stand-in crate (rust/gpu, rust/gpu-macros). See docs/rust-fidelity.md.
#
# usage: rust/check-kernels.sh [--rustc PATH] [-v] PATH...
#   PATH is a .rs file (always checked) or a directory (searched recursively for .rs
#   files, which are chosen by the rule below).
#
# Each checked file is a library crate root:
#   rustc --edition 2021 --crate-type lib --emit=metadata --extern gpu=... -L ... -A warnings FILE
# It prints OK / FAIL (with rustc's errors) per file and exits 1 when any file fails.
#
# Which files (directories only; a file named on the command line is always checked):
#   1. skipped: any file under a directory named `Inputs` (lit's inputs of other tests;
#      a kernel there is checked through the test that includes it as a module) or
#      `fuzz` (fuzzer seeds and corpora are arbitrary bytes, not kernels);
#   2. skipped: a file containing `// rustc-check: skip`;
#   3. expected to FAIL: a file containing `// rustc-expect-error: TEXT` must be rejected
#      by rustc, with TEXT somewhere in rustc's output (an error code such as E0384, or a
#      message) - checks that the stand-ins are as strict as Hematite (this marker also
#      applies to files named on the command line);
#   4. skipped: a file containing `error[` (a Hematite negative test that expects a
#      diagnostic) unless rule 3 applies;
#   5. every other file must type-check, except a module helper: a file that another
#      checked file pulls in through `mod name;` (rustc's dep-info says which) is reported
#      as covered by that file, and its own result as a crate root does not count.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rustc_bin=${RUSTC:-}
verbose=0
paths=()
while (($#)); do
  case $1 in
    --rustc) rustc_bin=$2; shift 2 ;;
    --rustc=*) rustc_bin=${1#--rustc=}; shift ;;
    -v|--verbose) verbose=1; shift ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; paths+=("$@"); break ;;
    -*) echo "check-kernels: unknown option $1" >&2; exit 2 ;;
    *) paths+=("$1"); shift ;;
  esac
done
if ((${#paths[@]} == 0)); then
  echo "usage: rust/check-kernels.sh [--rustc PATH] [-v] FILE-or-DIR..." >&2
  exit 2
fi

if [[ -z $rustc_bin ]]; then
  for c in "$(command -v rustc 2>/dev/null)" "${HOME:-/root}/.cargo/bin/rustc" /root/.cargo/bin/rustc; do
    if [[ -n $c && -x $c ]]; then rustc_bin=$c; break; fi
  done
fi
if [[ -z $rustc_bin ]] || ! "$rustc_bin" -V >/dev/null 2>&1; then
  echo "check-kernels: no working rustc (set RUSTC or pass --rustc PATH)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hematite-rustc.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- the two crates
echo "check-kernels: $("$rustc_bin" -V)"
mkdir -p "$work/deps"
if ! "$rustc_bin" --edition 2021 --crate-type proc-macro --crate-name gpu_macros \
      -C opt-level=0 --out-dir "$work/deps" "$here/gpu-macros/src/lib.rs" >"$work/build.log" 2>&1; then
  echo "FAIL rust/gpu-macros does not build:"; cat "$work/build.log"; exit 1
fi
macros_lib=$(ls "$work/deps"/libgpu_macros.* 2>/dev/null | head -1)
if ! "$rustc_bin" --edition 2021 --crate-type rlib --crate-name gpu -C opt-level=0 \
      --extern "gpu_macros=$macros_lib" -L "dependency=$work/deps" \
      --out-dir "$work/deps" "$here/gpu/src/lib.rs" >"$work/build.log" 2>&1; then
  echo "FAIL rust/gpu does not build:"; cat "$work/build.log"; exit 1
fi
gpu_lib=$work/deps/libgpu.rlib

# ---------------------------------------------------------------- choose the files
# kind[f]: check (must pass), expect (must fail with expect_text[f]).
declare -A kind expect_text
files=()
nskipped=0
add_file() {  # add_file PATH [DIR]: DIR is the directory searched (none: named file)
  local f=$1 dir=${2:-} from_dir=0 sub marker
  [[ -n $dir ]] && from_dir=1
  f=$(realpath "$f")
  # The Inputs/fuzz rule looks only at folders below the one searched.
  ((from_dir)) && sub=/$(realpath --relative-to="$(realpath "$dir")" "$f")
  [[ -n ${kind[$f]:-} ]] && return
  marker=$(grep -m1 -o '// rustc-expect-error: .*' "$f" 2>/dev/null | sed 's|^// rustc-expect-error: *||; s/[[:space:]]*$//')
  if ((from_dir)); then
    if [[ $sub == */Inputs/* || $sub == */fuzz/* ]] || grep -qF '// rustc-check: skip' "$f"; then
      ((verbose)) && echo "skip $f"
      ((++nskipped)); return
    fi
    if [[ -z $marker ]] && grep -qF 'error[' "$f"; then
      ((verbose)) && echo "skip $f (expects a Hematite error)"
      ((++nskipped)); return
    fi
  fi
  files+=("$f")
  if [[ -n $marker ]]; then kind[$f]=expect; expect_text[$f]=$marker; else kind[$f]=check; fi
}
for p in "${paths[@]}"; do
  if [[ -d $p ]]; then
    while IFS= read -r -d '' f; do add_file "$f" "$p"; done < <(find "$p" -name '*.rs' -type f -print0 | sort -z)
  elif [[ -f $p ]]; then
    add_file "$p"
  else
    echo "check-kernels: no such file or directory: $p" >&2; exit 2
  fi
done

# ---------------------------------------------------------------- check each file
declare -A status log_of covered_by
i=0
for f in "${files[@]}"; do
  i=$((i + 1))
  out=$work/k$i
  mkdir -p "$out"
  # Absolute paths in, so dep-info names module files by absolute path.
  if "$rustc_bin" --edition 2021 --crate-type lib --crate-name hm_kernel \
       --emit="dep-info=$out/k.d,metadata=$out/k.rmeta" \
       --extern "gpu=$gpu_lib" -L "dependency=$work/deps" -A warnings \
       "$f" >"$out/log" 2>&1; then
    status[$f]=pass
  else
    status[$f]=fail
  fi
  log_of[$f]=$out/log
  # Every other .rs file this crate read is one of its modules.
  if [[ -f $out/k.d ]]; then
    while IFS= read -r dep; do
      dep=${dep%:}
      dep=${dep//\\ / }
      [[ $dep == "$f" ]] && continue
      [[ -z ${covered_by[$dep]:-} ]] && covered_by[$dep]=$f
    done < <(grep -E '^[^#].*\.rs:$' "$out/k.d")
  fi
done

# ---------------------------------------------------------------- report
nok=0 nfail=0 nmod=0
rel() {  # relative to the current directory when under it
  local r
  r=$(realpath --relative-to="$PWD" "$1")
  if [[ $r == ../* ]]; then echo "$1"; else echo "$r"; fi
}
for f in "${files[@]}"; do
  if [[ -n ${covered_by[$f]:-} && ${kind[$f]} == check ]]; then
    echo "MOD  $(rel "$f") (a module of $(rel "${covered_by[$f]}"), checked there)"
    nmod=$((nmod + 1))
    continue
  fi
  if [[ ${kind[$f]} == check ]]; then
    if [[ ${status[$f]} == pass ]]; then
      echo "OK   $(rel "$f")"; nok=$((nok + 1))
    else
      echo "FAIL $(rel "$f"): rustc rejects it"
      sed 's/^/    /' "${log_of[$f]}"
      nfail=$((nfail + 1))
    fi
  else
    want=${expect_text[$f]}
    if [[ ${status[$f]} == pass ]]; then
      echo "FAIL $(rel "$f"): rustc accepts it, expected an error containing \`$want\`"
      nfail=$((nfail + 1))
    elif grep -qF -- "$want" "${log_of[$f]}"; then
      echo "OK   $(rel "$f") (rejected as expected: $want)"; nok=$((nok + 1))
      ((verbose)) && sed 's/^/    /' "${log_of[$f]}"
    else
      echo "FAIL $(rel "$f"): rustc rejects it, but not with \`$want\`"
      sed 's/^/    /' "${log_of[$f]}"
      nfail=$((nfail + 1))
    fi
  fi
done
echo "check-kernels: $nok ok, $nfail failed, $nmod module files checked through their parents, $nskipped skipped"
((nfail == 0))
