// -C takes one KEY=VALUE per flag and may come before the input file, as in
// rustc; several -C flags accumulate; an unknown key is a usage error.
// RUN: %hematite --target=vulkan1.2 --emit=hm -C overflow-checks=on %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=vulkan1.2 --emit=hm -C overflow-checks=on -C bounds-checks=off %s -o - | FileCheck %s --check-prefix=NOBOUNDS
// RUN: not %hematite --target=vulkan1.2 --emit=hm -C frobnicate=1 %s -o %t 2>&1 | FileCheck %s --check-prefix=BAD
use gpu::*;

#[kernel]
pub fn k(x: &[u32], y: &mut [u32]) {
    let i = global_idx_x();
    if i < y.len() {
        y[i] = x[i] + 1;
    }
}

// ON-DAG: hm.panic "attempt to add with overflow"
// ON-DAG: hm.panic "index out of bounds: the len is {} but the index is {}"
// NOBOUNDS: hm.panic "attempt to add with overflow"
// NOBOUNDS-NOT: index out of bounds
// BAD: unknown codegen option `frobnicate`
