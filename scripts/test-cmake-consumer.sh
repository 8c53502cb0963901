#!/usr/bin/env bash
# The CMake package end to end, as a user meets it (docs/cmake.md):
#   1. cmake --install BUILD_DIR into a temporary prefix, then move the prefix (the
#      install must be relocatable);
#   2. configure, build and run examples/cmake-consumer against it (find_package,
#      hematite_add_kernels, the generated headers, the runtime; results checked
#      against a CPU reference on HEMATITE_DEVICE or the best device: lavapipe in CI);
#   3. touch the consumer's `mod` file (kernels/ops.rs): only scale.hpp, the header of
#      the kernel that uses it, is regenerated (Ninja, and Unix Makefiles if present).
# Usage: scripts/test-cmake-consumer.sh [BUILD_DIR]   (default: build/)
# Exit 77 (ctest: skipped) when the consumer finds no device; 1 on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
cxx=${CXX:-$(grep -m1 '^CMAKE_CXX_COMPILER:' "$build/CMakeCache.txt" | cut -d= -f2-)}
work=$(mktemp -d "${TMPDIR:-/tmp}/hematite-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() { echo "test-cmake-consumer: FAIL: $*" >&2; exit 1; }

echo "== install $build"
cmake --install "$build" --prefix "$work/staged" > "$work/install.log"
mv "$work/staged" "$work/prefix"   # relocatable: nothing may point into the staged path
if grep -rqs "$work/staged" "$work/prefix/lib/cmake"; then
  fail "the installed package names the prefix it was installed to"
fi
for f in bin/hematite lib/cmake/Hematite/HematiteConfig.cmake include/hematite/runtime.hpp \
         include/hematite/launch.hpp; do
  [ -e "$work/prefix/$f" ] || fail "the install has no $f"
done
ls "$work/prefix"/lib*/libhematite_rt.so* > /dev/null 2>&1 || \
  ls "$work/prefix"/lib/*/libhematite_rt.so* > /dev/null 2>&1 || fail "no libhematite_rt.so"

cp -r "$root/examples/cmake-consumer" "$work/src"

# consumer GENERATOR BUILD_TOOL DRY_RUN: configure, build, run, then the depfile check.
consumer() {
  local generator=$1 tool=$2 dry=$3 dir="$work/build-${2}"
  echo "== $generator: configure, build, run"
  cmake -S "$work/src" -B "$dir" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_PREFIX_PATH="$work/prefix" > "$dir.configure.log" 2>&1 || {
    cat "$dir.configure.log"; fail "$generator: configure failed"; }
  cmake --build "$dir" || fail "$generator: build failed"
  local rc=0
  "$dir/consumer" || rc=$?
  [ $rc -eq 77 ] && { echo "no device: skipped"; exit 77; }
  [ $rc -eq 0 ] || fail "$generator: the consumer's results are wrong (exit $rc)"

  echo "== $generator: touch kernels/ops.rs (the mod file of scale.rs)"
  cmake --build "$dir" > /dev/null   # up to date
  sleep 1
  touch "$work/src/kernels/ops.rs"
  local plan
  plan=$(cd "$dir" && $dry 2>&1) || true
  # Ninja prints the commands' descriptions, make the commands themselves.
  local compile='(--emit=header|hematite: [a-z_]+\.rs)'
  echo "$plan" | grep -E "$compile" || true
  echo "$plan" | grep -E "$compile" | grep -qE 'scale\.hpp' || fail "$generator: scale.hpp is not rebuilt after touching ops.rs"
  if echo "$plan" | grep -E "$compile" | grep -qE 'stats\.hpp'; then
    fail "$generator: stats.hpp is rebuilt too, though stats.rs does not use ops.rs"
  fi
  cmake --build "$dir" > /dev/null || fail "$generator: rebuild failed"
  plan=$(cd "$dir" && $dry 2>&1) || true
  if echo "$plan" | grep -qE "$compile"; then
    fail "$generator: still out of date after the rebuild: $plan"
  fi
}

consumer Ninja ninja "ninja -n"
if command -v make > /dev/null; then
  consumer "Unix Makefiles" make "make -n"
fi
echo "test-cmake-consumer: passed"
