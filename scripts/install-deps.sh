#!/usr/bin/env bash
# Installs every build and test dependency of Hematite from Debian's packages.
# Idempotent: packages already present are left alone. Run as root (or with sudo).
set -euo pipefail

packages=(
  # compiler: LLVM/MLIR/LLD/Clang 22 (bookworm-security)
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools lld-22 liblld-22-dev clang-22
  # SPIR-V validation and optimisation, CLI parsing, unit tests
  spirv-tools libcli11-dev libgtest-dev
  # ROCm's device math library (ocml) for gfx* transcendentals, found at compile time
  rocm-device-libs
  # runtime tests: Vulkan loader and Mesa's CPU device (lavapipe)
  libvulkan-dev mesa-vulkan-drivers
  # runtime: HIP's headers (the HIP backend is declared from them; libamdhip64 is
  # loaded at run time and, without an AMD GPU, reports that cleanly)
  libamdhip64-dev
  # build
  cmake ninja-build ccache g++ python3
  # the static hematite (cmake/HematiteLLVM.cmake, HEMATITE_STATIC_HEMATITE): libz.a, libzstd.a
  zlib1g-dev libzstd-dev
  # AddressSanitizer/UBSan runtimes: the bundle reader's tests run again under them
  # (hematite_bundle_sanitized_tests), and the frontend fuzzer (scripts/fuzz.sh)
  libclang-rt-22-dev
)

# rustc for the rustc-fidelity test (docs/rust-fidelity.md). rustup's, in ~/.cargo/bin,
# is preferred; only when there is none, Debian's (1.63, which rust/ keeps to).
has_rustc=0
command -v rustc >/dev/null 2>&1 && has_rustc=1
for h in "${HOME:-}" "$(getent passwd "${SUDO_USER:-root}" | cut -d: -f6)"; do
  [[ -n $h && -x $h/.cargo/bin/rustc ]] && has_rustc=1
done
((has_rustc)) || packages+=(rustc)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
