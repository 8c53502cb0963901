#!/usr/bin/env bash
# Fuzzes the frontend (lex -> parse -> check -> MLIRGen) with libFuzzer + ASan for
# N seconds (default 60), starting from a copy of test/fuzz/corpus/. Fails on any
# crash, ASan report, hang (-timeout) or invalid hm module; the input that did it
# is left in $build/fuzz-artifacts/ (copy it to test/fuzz/crashes/ and report it).
#
#   bash scripts/fuzz.sh          # 60 s
#   bash scripts/fuzz.sh 600      # 10 min
#   HEMATITE_FUZZ_ARGS="-jobs=2 -workers=2" bash scripts/fuzz.sh 300
#
# Uses its own build directory (build-fuzz/, or $HEMATITE_FUZZ_BUILD_DIR):
# -DHEMATITE_FUZZ=ON instruments the frontend libraries, and only the fuzzer
# (the frontend libraries and the hm dialect) is built. docs/frontend-speed.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=${HEMATITE_FUZZ_BUILD_DIR:-$root/build-fuzz}

bash "$root/scripts/install-deps.sh"
# libFuzzer and the ASan runtime for clang-22 are in compiler-rt's package.
if ! dpkg-query -W -f='${Status}' libclang-rt-22-dev 2>/dev/null | grep -q "install ok installed"; then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO=sudo
  echo "fuzz: installing libclang-rt-22-dev"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libclang-rt-22-dev
fi

if [[ ! -f $build/build.ninja ]]; then
  CC=clang-22 CXX=clang++-22 cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld \
    -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
    -DHEMATITE_FUZZ=ON -DHEMATITE_BUILD_TESTS=OFF -DHEMATITE_BUILD_BENCH=OFF
fi
cmake --build "$build" --target hematite-fuzz-frontend

# The fuzzer adds what it finds to the first corpus directory: use a copy, so the
# checked-in seed corpus stays small and reviewed. The language e2e kernels are
# seeds too (read only, after the first directory), rather than copies of them.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$build/fuzz-artifacts"
cp "$root"/test/fuzz/corpus/* "$work/corpus/"

echo "fuzz: running hematite-fuzz-frontend for ${seconds}s"
status=0
# -timeout: a single input taking longer is a hang; -rss_limit_mb: a runaway
# allocation. ASan stops at the first error.
"$build/bin/hematite-fuzz-frontend" \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=8192 \
  -dict="$root/test/fuzz/rust.dict" -print_final_stats=1 -print_funcs=0 \
  -artifact_prefix="$build/fuzz-artifacts/" ${HEMATITE_FUZZ_ARGS:-} \
  "$work/corpus" "$root/test/e2e/kernels/lang" || status=$?

if ((status != 0)); then
  echo "fuzz: FAILED (exit $status); the input is in $build/fuzz-artifacts/:" >&2
  ls -t "$build/fuzz-artifacts/" | head -5 >&2
  echo "fuzz: reproduce with $build/bin/hematite-fuzz-frontend <file>" >&2
  exit 1
fi
echo "fuzz: no crash in ${seconds}s"
