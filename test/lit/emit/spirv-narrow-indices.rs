// usize is 64-bit, but on Vulkan every in-bounds index fits in 31 bits
// (backends/spirv/narrow_indices.h): access chains take 32-bit indices,
// computed in 32 bits from the 32-bit parts of sums, products and shifts;
// anything else (a division) is truncated. One-byte elements of a storage
// buffer keep 64-bit indices, which may reach 2^32 - 1.
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm -C bounds-checks=off %s -o - | FileCheck %s
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm -C bounds-checks=off -O0 %s -o - | FileCheck %s --check-prefix=O0
use gpu::*;

#[kernel]
pub fn gather2d(w: u32, src: &[f32], bytes: &[u8], dst: &mut [f32]) {
    let x = global_idx_x();
    let y = global_idx_y();
    let w = w as usize;
    let i = y * w + x;
    if i < dst.len() {
        dst[i] = src[(x << 2) + y] + src[i / 3] + bytes[i] as f32;
    }
}
// CHECK: [[W:%[0-9]+]] = OpLoad %uint
// CHECK: [[YW:%[0-9]+]] = OpIMul %uint {{%[0-9]+}} [[W]]
// CHECK: [[I32:%[0-9]+]] = OpIAdd %uint [[YW]]
// The 64-bit i stays for the test against dst.len().
// CHECK: OpULessThan %bool [[I64:%[0-9]+]]
// CHECK: [[SHL:%[0-9]+]] = OpShiftLeftLogical %uint {{%[0-9]+}} %uint_2
// CHECK: [[SUM:%[0-9]+]] = OpIAdd %uint [[SHL]]
// CHECK: OpAccessChain %_ptr_StorageBuffer_float {{%[a-z0-9_]+}} %uint_0 [[SUM]]
// CHECK: [[DIV:%[0-9]+]] = OpUDiv %ulong [[I64]] %ulong_3
// CHECK: [[DIV32:%[0-9]+]] = OpUConvert %uint [[DIV]]
// CHECK: OpAccessChain %_ptr_StorageBuffer_float {{%[a-z0-9_]+}} %uint_0 [[DIV32]]
// CHECK: OpAccessChain %_ptr_StorageBuffer_uchar {{%[a-z0-9_]+}} %uint_0 [[I64]]
// CHECK: OpAccessChain %_ptr_StorageBuffer_float {{%[a-z0-9_]+}} %uint_0 [[I32]]

// Without spirv-opt, the 64-bit arithmetic left unused is erased too.
// O0-NOT: OpShiftLeftLogical %ulong
// O0: OpShiftLeftLogical %uint
// O0-NOT: OpShiftLeftLogical %ulong
