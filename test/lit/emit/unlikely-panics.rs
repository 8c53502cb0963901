// A branch into a panic path is marked unlikely (UnlikelyPanicsPass,
// backends/llvm_common/panic_paths.cpp), as rustc's panics are cold: the
// checked path is laid out as the fall-through and the panic code at the end.
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=sm_90 -O0 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
use gpu::*;

#[kernel]
pub fn copy_from(src: &[f32], dst: &mut [f32]) {
    let i = global_idx_x();
    if i < dst.len() {
        dst[i] = src[i];
    }
}
// LLVM: br i1 %{{[0-9a-z.]+}}, label %{{[0-9a-z.]+}}, label %{{[0-9a-z.]+}}, !prof [[W:![0-9]+]]
// LLVM: [[W]] = !{!"branch_weights", {{(!"expected", )?}}i32 {{[0-9]+}}, i32 1}
// The panic (the claim of the record) comes after the kernel's return.
// PTX: ld.global.nc
// PTX: st.global
// PTX: ret;
// PTX: atom.relaxed.sys.global.cas.b32
