// Shared memory is addressed in 32 bits on PTX, as nvcc does (LLVM's
// nvptx-short-ptr, set by PtxTargetInfo::setGlobalCodeGenOptions): tile
// indices need no 64-bit registers or adds. Global addresses stay 64-bit.
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s
// RUN: %hematite --target=sm_70 -O0 %s -o - | FileCheck %s
use gpu::*;

#[kernel]
pub fn reverse_tile(src: &[f32], dst: &mut [f32]) {
    let tile = shared::<[f32; 256]>();
    let t = thread_idx_x() as usize;
    let i = global_idx_x();
    if i < src.len() {
        tile[t] = src[i];
    }
    sync_threads();
    if i < dst.len() {
        dst[i] = tile[255 - t];
    }
}
// CHECK: .shared .align 4 .b8 [[TILE:[a-z_0-9]+]][1024];
// CHECK: mov.{{[bu]}}32 [[BASE:%r[0-9]+]], [[TILE]];
// CHECK: st.shared.{{[bf]}}32 [%r{{[0-9]+}}{{(\+[0-9]+)?}}]
// CHECK: ld.shared.{{[bf]}}32 %r{{[0-9]+}}, [%r{{[0-9]+}}{{(\+-?[0-9]+)?}}]
// CHECK-NOT: .shared{{.*}}[%rd
