// Cross-block L2 prefetch (backends/llvm_common/prefetch_ahead.cpp): a load
// outside loops whose address follows block_idx_x also prefetches into L2 the
// address the same thread of a block further on will load, guarded to stay
// inside the slice. The automatic distance is 2048 blocks shared among the
// slices prefetched: copy's one slice 2048 (2048 * 4 bytes = block_dim << 13),
// saxpy's two 1024 each (<< 12). Loads in loops, loads along y and loads that
// do not depend on the block index get none; nor do gfx942 and SPIR-V.
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=sm_90 -C prefetch-ahead=64 --emit=llvm %s -o - | FileCheck %s --check-prefix=FIXED
// RUN: %hematite --target=sm_90 -C prefetch-ahead=off %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=sm_90 -O1 %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=gfx942 --emit=llvm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=OFF
use gpu::*;

#[kernel]
pub fn copy(src: &[f32], dst: &mut [f32]) {
    let i = global_idx_x();
    if i < dst.len() {
        dst[i] = src[i];
    }
}

#[kernel]
pub fn saxpy(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    if i < y.len() {
        y[i] = a * x[i] + y[i];
    }
}

// Three loads a few bytes apart share one prefetch.
#[kernel]
pub fn smooth(src: &[f32], dst: &mut [f32]) {
    let i = global_idx_x();
    if i > 0 && i + 1 < src.len() && i < dst.len() {
        dst[i] = src[i - 1] + src[i] + src[i + 1];
    }
}

// Along y (a 2-D tile's rows): no prefetch (run 29 measured no gain).
#[kernel]
pub fn rows(w: u32, src: &[f32], dst: &mut [f32]) {
    let i = global_idx_y() * w as usize + global_idx_x();
    if i < dst.len() {
        dst[i] = src[i];
    }
}

// In a loop: no prefetch.
#[kernel]
pub fn strided(src: &[f32], dst: &mut [f32]) {
    let mut i = global_idx_x();
    while i < dst.len() {
        dst[i] = src[i];
        i += block_dim_x() as usize * grid_dim_x() as usize;
    }
}

// Not depending on the block index: no prefetch.
#[kernel]
pub fn lanes(src: &[f32], dst: &mut [f32]) {
    let t = thread_idx_x() as usize;
    if t < src.len() && global_idx_x() < dst.len() {
        dst[global_idx_x()] = src[t];
    }
}

// LLVM-LABEL: define ptx_kernel void @copy(
// LLVM-SAME: #[[COPY:[0-9]+]]
// LLVM: %[[NTID:[0-9]+]] = {{.*}}@llvm.nvvm.read.ptx.sreg.ntid.x()
// LLVM: %[[LOAD:[0-9]+]] = getelementptr inbounds nuw float, ptr addrspace(1) %0,
// LLVM-NEXT: load float, ptr addrspace(1) %[[LOAD]]
// LLVM-NEXT: %[[STEP:[0-9]+]] = shl nuw nsw i64 %{{[0-9]+}}, 13
// LLVM: %prefetch.offset = add i64 %{{[0-9]+}}, %[[STEP]]
// LLVM-NEXT: %prefetch.bytes = mul nuw i64 %1, 4
// LLVM-NEXT: %prefetch.inside = icmp ult i64 %prefetch.offset, %prefetch.bytes
// LLVM-NEXT: %prefetch.ahead = getelementptr i8, ptr addrspace(1) %[[LOAD]], i64 %[[STEP]]
// LLVM-NEXT: %[[ADDR:[0-9]+]] = select i1 %prefetch.inside, ptr addrspace(1) %prefetch.ahead, ptr addrspace(1) %[[LOAD]]
// LLVM-NEXT: call void asm sideeffect "prefetch.global.L2 [$0];", "l"(ptr addrspace(1) %[[ADDR]])
// LLVM-NEXT: getelementptr
// LLVM-NEXT: store float
// LLVM-LABEL: define ptx_kernel void @saxpy(
// LLVM: load float
// LLVM: shl nuw nsw i64 %{{[0-9]+}}, 12
// LLVM: call void asm sideeffect "prefetch.global.L2
// LLVM: load float
// LLVM: call void asm sideeffect "prefetch.global.L2
// LLVM-NOT: prefetch.global
// LLVM-LABEL: define ptx_kernel void @smooth(
// LLVM-COUNT-1: call void asm sideeffect "prefetch.global.L2
// LLVM-NOT: prefetch.global
// LLVM-LABEL: define ptx_kernel void @rows(
// LLVM-NOT: prefetch.global
// LLVM-LABEL: define ptx_kernel void @strided(
// LLVM-NOT: prefetch.global
// LLVM-LABEL: define ptx_kernel void @lanes(
// LLVM-NOT: prefetch.global
// The element sizes the pass reads, per argument: (src, len, dst, len).
// LLVM: attributes #[[COPY]] = {{.*}}"hematite-slice-element-bytes"="4,0,4,0"

// PTX-LABEL: .entry copy(
// PTX: ld.global.nc.b32
// PTX: prefetch.global.L2 [%rd{{[0-9]+}}];
// PTX: st.global.b32
// PTX-LABEL: .entry saxpy(
// PTX-COUNT-2: prefetch.global.L2
// PTX-NOT: prefetch.global
// PTX-LABEL: .entry smooth(

// An explicit distance: 64 blocks, 64 * 4 bytes = block_dim << 8, for both slices.
// FIXED-LABEL: define ptx_kernel void @copy(
// FIXED: shl nuw nsw i64 %{{[0-9]+}}, 8
// FIXED-LABEL: define ptx_kernel void @saxpy(
// FIXED: shl nuw nsw i64 %{{[0-9]+}}, 8

// OFF-NOT: prefetch.global
