// -C takes one KEY=VALUE per flag and may come before the input file, as in
// rustc; several -C flags accumulate; an unknown key is a usage error.
// RUN: %hematite --target=vulkan1.2 --emit=hm -C overflow-checks=on %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=vulkan1.2 --emit=hm -C overflow-checks=on -C bounds-checks=off %s -o - | FileCheck %s --check-prefix=NOBOUNDS
// RUN: not %hematite --target=vulkan1.2 --emit=hm -C frobnicate=1 %s -o %t 2>&1 | FileCheck %s --check-prefix=BAD
// prefetch-ahead takes on, off or a number of blocks from 1 to 1048576.
// RUN: not %hematite --target=sm_90 -C prefetch-ahead=far %s -o %t 2>&1 | FileCheck %s --check-prefix=BADPREFETCH
// RUN: not %hematite --target=sm_90 -C prefetch-ahead=0 %s -o %t 2>&1 | FileCheck %s --check-prefix=BADPREFETCH
// RUN: not %hematite --target=sm_90 -C prefetch-ahead=1048577 %s -o %t 2>&1 | FileCheck %s --check-prefix=BADPREFETCH
// RUN: %hematite --target=sm_90 -C prefetch-ahead=1048576 %s -o - | FileCheck %s --check-prefix=PREFETCH
// RUN: %hematite --target=sm_90 -C prefetch-ahead=off -C prefetch-ahead=on %s -o - | FileCheck %s --check-prefix=PREFETCH
// RUN: not %hematite --target=sm_90 -C l1-reuse=maybe %s -o %t 2>&1 | FileCheck %s --check-prefix=BADREUSE
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
// BADPREFETCH: codegen option `prefetch-ahead` takes `on`, `off` or a number of blocks from 1 to 1048576
// PREFETCH: prefetch.global.L2
// BADREUSE: codegen option `l1-reuse` takes `on` or `off`, not `maybe`
