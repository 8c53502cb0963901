// hm.unroll_marker is the SPIR-V backend's own (backends/spirv/unroll_hints.h);
// in a hand-written hm input it is accepted by every target: the LLVM targets
// drop it, and on SPIR-V one outside any loop sets nothing.
// RUN: %hm-opt %s | FileCheck %s --check-prefix=ROUNDTRIP
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=gfx942 --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=GFX
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV
module {
  func.func @k(%arg0: !hm.slice<mut f32> {hm.name = "x"}) attributes {hm.kernel} {
    hm.unroll_marker
    return
  }
}
// ROUNDTRIP: hm.unroll_marker
// PTX: .entry k(
// GFX: k:
// SPV: OpEntryPoint GLCompute {{%[a-z0-9_]+}} "k"
// SPV-NOT: OpLoopMerge
