// lane_id, warp_size and the fences on each target: NVPTX's %laneid and
// fence.sc.cta / fence.sc.gpu, AMDGCN's mbcnt (wave64 on gfx942: lo then hi)
// and agent/workgroup fences, SPIR-V's subgroup builtins (GroupNonUniform)
// and OpMemoryBarrier at Device (1) and Workgroup (2) scope.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=HM
// RUN: %hematite --target=sm_90 --emit=ptx %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=gfx942 --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=GCN
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV
use gpu::*;

#[kernel]
pub fn lanes(out: &mut [u32]) {
    let i = global_idx_x();
    if 2 * i + 1 < out.len() {
        thread_fence_block();
        out[2 * i] = lane_id();
        out[2 * i + 1] = warp_size();
        thread_fence();
    }
}

// HM: hm.fence block
// HM: hm.lane_id
// HM: hm.warp_size
// HM: hm.fence{{$}}
// PTX-DAG: %laneid;
// PTX-DAG: fence.sc.cta;
// PTX: fence.sc.gpu;
// GCN: v_mbcnt_lo_u32_b32
// GCN: v_mbcnt_hi_u32_b32
// SPV: OpCapability GroupNonUniform
// SPV-DAG: OpDecorate {{%[a-zA-Z_0-9]+}} BuiltIn SubgroupSize
// SPV-DAG: OpDecorate {{%[a-zA-Z_0-9]+}} BuiltIn SubgroupLocalInvocationId
// SPV: OpMemoryBarrier %uint_2
// SPV: OpMemoryBarrier %uint_1
