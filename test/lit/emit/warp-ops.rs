// Shuffles, ballot and votes on each target: NVPTX shfl.sync.idx (64-bit
// values as two 32-bit shuffles) and vote.sync.ballot; AMDGCN ds_bpermute and
// a 64-bit ballot on wave64; SPIR-V's subgroup shuffle and ballot. MLIRGen
// reduces xor/up/down to an indexed shuffle with the own value for lanes out
// of range, and warp reductions to a butterfly.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=HM
// RUN: %hematite --target=sm_90 --emit=ptx %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=gfx942 --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=GCN
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV
use gpu::*;

#[kernel]
pub fn warp_ops(x: &[f32], u: &[u64], out: &mut [f32], bits: &mut [u64]) {
    let i = global_idx_x();
    if i < x.len() && i < u.len() && i < out.len() && i < bits.len() {
        out[i] = shuffle_down(x[i], 1) + warp_reduce_add(x[i]) + vote_any(x[i] > 0.0) as u32 as f32;
        bits[i] = ballot(x[i] > 1.0) ^ shuffle(u[i], 3);
    }
}

// HM: hm.shuffle {{.*}} : f32
// HM: hm.ballot
// HM: hm.shuffle {{.*}} : i64
// PTX: shfl.sync.idx.b32
// PTX: vote.sync.ballot.b32
// GCN: ds_bpermute_b32
// SPV: OpCapability GroupNonUniformShuffle
// SPV: OpCapability GroupNonUniformBallot
// SPV: OpGroupNonUniformShuffle
// SPV: OpGroupNonUniformBallot
