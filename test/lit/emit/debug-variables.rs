// -g: every scalar local, parameters and `let mut` ones included, keeps a slot
// named by hm.debug_variable; the LLVM targets declare it to DWARF
// (llvm.dbg.declare on the slot's alloca), so cuda-gdb shows it (`info locals`;
// checked on the H100, docs/cli.md). -g alone is -O0, as nvcc's -G.
// RUN: %hematite --target=sm_90 -g --emit=hm %s -o - | FileCheck %s --check-prefix=HM
// RUN: %hematite --target=sm_90 -g --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_90 -g %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=gfx942 -g --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// Without -g, or with -lineinfo, nothing of it.
// RUN: %hematite --target=sm_90 --emit=hm %s -o - | FileCheck %s --check-prefix=NONE
// RUN: %hematite --target=sm_90 -lineinfo --emit=llvm %s -o - | FileCheck %s --check-prefix=NONE
// An explicit -O keeps its level (the variables may then be optimized away).
// RUN: %hematite --target=sm_90 -g -O3 %s -o - | FileCheck %s --check-prefix=O3
// SPIR-V drops the names and promotes the slots again.
// RUN: %hematite --target=vulkan1.2 -g --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV

// HM-DAG: hm.debug_variable "scale" : "f32" in
// HM-DAG: hm.debug_variable "i" : "usize" in
// HM-DAG: hm.debug_variable "acc" : "f32" in
// HM-DAG: hm.debug_variable "k" : "u32" in
// HM-DAG: hm.debug_variable "done" : "bool" in
// A slice is not a scalar: no variable for it.
// HM-NOT: hm.debug_variable "x"

// In binding order: scale (a parameter), i, acc, k, done.
// LLVM: #dbg_declare(ptr %{{[0-9]+}}, ![[SCALE:[0-9]+]], !DIExpression(),
// LLVM: #dbg_declare(ptr %{{[0-9]+}}, ![[I:[0-9]+]], !DIExpression(),
// LLVM: #dbg_declare(ptr %{{[0-9]+}}, ![[ACC:[0-9]+]], !DIExpression(),
// LLVM: #dbg_declare(ptr %{{[0-9]+}}, ![[K:[0-9]+]], !DIExpression(),
// LLVM: #dbg_declare(ptr %{{[0-9]+}}, ![[DONE:[0-9]+]], !DIExpression(),
// LLVM: ![[SP:[0-9]+]] = distinct !DISubprogram(name: "sum_scaled"
// LLVM-DAG: ![[SCALE]] = !DILocalVariable(name: "scale", scope: ![[SP]], file: !{{[0-9]+}}, line: 56, type: ![[F32:[0-9]+]])
// LLVM-DAG: ![[F32]] = !DIBasicType(name: "f32", size: 32, encoding: DW_ATE_float)
// LLVM-DAG: ![[I]] = !DILocalVariable(name: "i", scope: ![[SP]], {{.*}}line: 57, type: ![[USIZE:[0-9]+]])
// LLVM-DAG: ![[USIZE]] = !DIBasicType(name: "usize", size: 64, encoding: DW_ATE_unsigned)
// LLVM-DAG: ![[ACC]] = !DILocalVariable(name: "acc", scope: ![[SP]], {{.*}}line: 58, type: ![[F32]])
// LLVM-DAG: ![[K]] = !DILocalVariable(name: "k", scope: ![[SP]], {{.*}}line: 59, type: ![[U32:[0-9]+]])
// LLVM-DAG: ![[U32]] = !DIBasicType(name: "u32", size: 32, encoding: DW_ATE_unsigned)
// LLVM-DAG: ![[DONE]] = !DILocalVariable(name: "done", scope: ![[SP]], {{.*}}line: 60, type: ![[BOOL:[0-9]+]])
// LLVM-DAG: ![[BOOL]] = !DIBasicType(name: "bool", size: 8, encoding: DW_ATE_boolean)

// PTX: .target sm_90, debug
// PTX: .local .align {{[0-9]+}} .b8 __local_depot0

// NONE-NOT: debug_variable
// NONE-NOT: DILocalVariable

// O3-NOT: __local_depot

// SPV-NOT: debug_variable
// SPV: OpEntryPoint GLCompute

use gpu::*;

#[kernel]
pub fn sum_scaled(scale: f32, x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    let mut acc = 0.0f32;
    let mut k = 0u32;
    let mut done = false;
    while !done {
        acc += x[(i + k as usize) % x.len()];
        k += 1;
        done = k == 4;
    }
    if i < out.len() {
        out[i] = scale * acc;
    }
}
