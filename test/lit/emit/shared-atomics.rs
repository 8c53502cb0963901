// gpu::shared and the atomics on every target: shared memory is a .shared
// array on PTX, LDS on AMDGCN (group_segment_fixed_size) and a Workgroup
// variable on SPIR-V; its size is in the metadata's kernel line. Atomics on a
// slice element are device-scope, on shared memory block-scope.
// RUN: %hematite --target=sm_90 --emit=ptx %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=gfx942 --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=AMD
// RUN: %hematite --target=vulkan1.2 -C target-feature=+int64-atomics,+float-atomic-add --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV
// RUN: %hematite --target=vulkan1.2 -C target-feature=+int64-atomics,+float-atomic-add %s -o %t.spv
// RUN: spirv-val --target-env vulkan1.2 %t.spv
// The optional Vulkan capabilities are refused, by name, unless enabled.
// RUN: not %hematite --target=vulkan1.2 %s -o %t.bad.spv 2>&1 | FileCheck %s --check-prefix=NOCAP
// RUN: not %hematite --target=vulkan1.2 -C target-feature=+int64-atomics %s -o %t.bad.spv 2>&1 | FileCheck %s --check-prefix=NOFLOAT
// RUN: not %hematite --target=vulkan1.2 -C target-feature=+wide-atomics %s -o %t.bad.spv 2>&1 | FileCheck %s --check-prefix=BADFEATURE
use gpu::*;

#[kernel]
pub fn k(x: &[u32], big: &mut [i64], f: &mut [f32], out: &mut [u32]) {
    let bins = shared::<[u32; 256]>();
    let grid = shared::<[[i32; 4]; 8]>();
    let count = shared::<u64>();
    let t = thread_idx_x() as usize;
    bins[t % 256] = 0;
    grid[t % 8][t % 4] = 0;
    *count = 0;
    sync_threads();
    let i = global_idx_x();
    if i < x.len() {
        atomic_add(&mut bins[(x[i] % 256) as usize], 1);
        atomic_min(&mut grid[t % 8][t % 4], x[i] as i32);
        atomic_add(count, 1);
        atomic_max(&mut big[0], x[i] as i64);
        atomic_add(&mut f[0], 0.5);
        let old = atomic_compare_exchange(&mut out[1], 0, x[i]);
        atomic_xor(&mut out[0], old);
    }
    sync_threads();
    out[t] = bins[t % 256] + grid[0][0] as u32 + *count as u32;
}

// PTX-DAG: .shared .align {{[0-9]+}} .b8 k_shared_0[1024];
// PTX-DAG: .shared .align {{[0-9]+}} .b8 k_shared_1[128];
// PTX-DAG: .shared .align 8 .u64 k_shared_2;
// PTX-DAG: atom.shared.add.u32
// PTX-DAG: atom.shared.min.s32
// PTX-DAG: atom.shared.add.u64
// PTX-DAG: atom.global.max.s64
// PTX-DAG: atom.global.add.f32
// PTX-DAG: atom.relaxed.gpu.global.cas.b32
// PTX-DAG: atom.global.xor.b32

// AMD-DAG: ds_add_u32
// AMD-DAG: ds_min_i32
// AMD-DAG: ds_add_u64
// AMD-DAG: global_atomic_smax_x2
// AMD-DAG: global_atomic_add_f32
// AMD-DAG: global_atomic_cmpswap
// AMD-DAG: global_atomic_xor
// 1024 + 128 + 8 bytes of LDS
// AMD: .amdhsa_group_segment_fixed_size 1160

// SPV-DAG: OpCapability Int64Atomics
// SPV-DAG: OpCapability AtomicFloat32AddEXT
// SPV-DAG: OpExtension "SPV_EXT_shader_atomic_float_add"
// SPV-DAG: OpString "hematite_metadata:kernel{{.}}k{{.}}1160{{.}}0{{.}}4"
// SPV-DAG: OpAtomicIAdd %uint {{.*}} %uint_2 %uint_0
// SPV-DAG: OpAtomicSMin %uint {{.*}} %uint_2 %uint_0
// SPV-DAG: OpAtomicSMax %ulong {{.*}} %uint_1 %uint_0
// SPV-DAG: OpAtomicFAddEXT %float {{.*}} %uint_1 %uint_0
// SPV-DAG: OpAtomicXor %uint {{.*}} %uint_1 %uint_0
// SPV-DAG: OpVariable %{{.*}} Workgroup

// NOCAP: error[H0900]: cannot compile for `vulkan1.2`: 64-bit atomics need the SPIR-V capability Int64Atomics, which target `vulkan1.2` does not enable; {{.*}}`-C target-feature=+int64-atomics`
// NOFLOAT: error[H0900]: cannot compile for `vulkan1.2`: `gpu::atomic_add` on f32 needs the SPIR-V capability AtomicFloat32AddEXT (extension SPV_EXT_shader_atomic_float_add){{.*}}`-C target-feature=+float-atomic-add`
// BADFEATURE: unknown target feature `wide-atomics` (known: int64-atomics, float-atomic-add)
