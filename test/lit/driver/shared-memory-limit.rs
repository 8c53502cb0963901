// A kernel's gpu::shared total past the target's limit is a compile error that
// names the kernel and both sizes: 48 KiB on sm_*, 32 KiB on Vulkan; 64 KiB
// fits gfx942's LDS.
// RUN: not %hematite --target=sm_90 %s -o %t.ptx 2>&1 | FileCheck %s --check-prefix=PTX
// RUN: not %hematite --target=vulkan1.2 %s -o %t.spv 2>&1 | FileCheck %s --check-prefix=SPV
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: not test -e %t.ptx
use gpu::*;

#[kernel]
pub fn big(out: &mut [f32]) {
    let a = shared::<[[f32; 128]; 64]>();
    let b = shared::<[f32; 8192]>();
    let t = thread_idx_x() as usize;
    a[t % 64][t % 128] = 1.0;
    b[t] = 2.0;
    sync_threads();
    out[t] = a[t % 64][127 - t % 128] + b[8191 - t];
}

// PTX: error[H0900]: cannot compile for `sm_90`: kernel `big` uses 65536 bytes of shared memory (gpu::shared), more than the 49152 bytes a block may have on `sm_90`
// PTX-NEXT: --> {{.*}}shared-memory-limit.rs:11:8
// SPV: error[H0900]: cannot compile for `vulkan1.2`: kernel `big` uses 65536 bytes of shared memory (gpu::shared), more than the 32768 bytes a block may have on `vulkan1.2`
