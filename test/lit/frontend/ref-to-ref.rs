// A reference to a reference is rejected by name in the checker (it used to
// reach code generation as an internal error).
// RUN: not %hematite --target=vulkan1.2 --emit=hm %s -o %t 2>&1 | FileCheck %s
use gpu::*;

fn read(v: &&u32) -> u32 { **v }

#[kernel]
pub fn k(out: &mut [u32]) {
    let m = 1u32;
    let r = &m;
    let rr = &r;
    out[0] = **rr;
}

// CHECK: error[H0300]: references to references is not supported (yet) in Hematite kernels
// CHECK: 6:12
// CHECK: error[H0300]: references to references is not supported (yet) in Hematite kernels
// CHECK: 12:14
