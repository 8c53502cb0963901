// -C defer-checks=on runs hm-defer-checks (test/lit/hm/defer-checks.mlir): the
// loads of a checked kernel read the load sink where out of range, and the
// panic record is written where the state is flushed. Off (the default) and at
// -O0 each check branches where it is.
// RUN: %hematite --target=sm_90 --emit=llvm -C defer-checks=on %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=sm_90 --emit=llvm -O0 -C defer-checks=on %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=vulkan1.2 -C defer-checks=on %s -o %t.spv
// RUN: not %hematite --target=sm_90 -C defer-checks=maybe %s -o %t.ptx 2>&1 | FileCheck %s --check-prefix=BAD

// ON: @hematite_load_sink = internal {{.*}}addrspace(1) constant [16 x i8] zeroinitializer, align 16
// ON: select i1 %{{.*}}, ptr addrspace(1) %{{.*}}, ptr addrspace(1) @hematite_load_sink
// ON: cmpxchg ptr addrspace(1) @hematite_panic
// OFF-NOT: hematite_load_sink
// BAD: `defer-checks` takes `on` or `off`, not `maybe`
use gpu::*;

#[kernel]
pub fn gather(x: &[f32], idx: &[u32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let j = idx[i] as usize;
        out[i] = x[j] + x[j + 1];
    }
}
