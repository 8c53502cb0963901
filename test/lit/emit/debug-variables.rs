// -g: every scalar local, parameters and `let mut` ones included, and every array
// of scalars keeps a slot named by hm.debug_variable; the LLVM targets declare it to DWARF
// (llvm.dbg.declare on the slot's alloca), so cuda-gdb shows it (`info locals`;
// checked on the H100, docs/cli.md). Each `let` opens a lexical block nested in
// the previous one, to the end of its Rust block (a shadowing `let` hides the
// earlier variable from there on). Calls are inlined: the callee's code has its own
// DISubprogram, inlined at the call (inlinedAt), so `bt` shows the call; parameters
// are their function's subprogram's. -g alone is -O0, as nvcc's -G.
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
// A slice parameter is named by hm.debug_slice, not hm.debug_variable.
// HM-DAG: hm.debug_slice "x" : "&[f32]" of "f32" is
// HM-NOT: hm.debug_variable "x"
// SPV-NOT: debug_slice

// Unoptimized debug code must still launch 1024-thread blocks: ptxas is told to
// fit it in 64 registers.
// PTX: .target sm_90, debug
// PTX: .maxntid 1024, 1, 1
// PTX: .local .align {{[0-9]+}} .b8 __local_depot0
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=RELEASE
// RELEASE-NOT: .maxntid

// NONE-NOT: debug_variable
// NONE-NOT: DILocalVariable

// O3-NOT: __local_depot

// SPV-NOT: debug_variable
// SPV: OpEntryPoint GLCompute

use gpu::*;

fn twice(v: u32) -> u32 {
    // LLVM-DAG: ![[TWICE:[0-9]+]] = distinct !DISubprogram(name: "twice", {{.*}}line: [[#@LINE-1]],
    // LLVM-DAG: !DILocalVariable(name: "v", scope: ![[TWICE]], file: !{{[0-9]+}}, line: [[#@LINE-2]], type: ![[U32:[0-9]+]])
    let w = v * 2;
    // LLVM-DAG: !DILocalVariable(name: "w", scope: ![[BW:[0-9]+]], file: !{{[0-9]+}}, line: [[#@LINE-1]], type: ![[U32]])
    // LLVM-DAG: ![[BW]] = distinct !DILexicalBlock(scope: ![[TWICE]], file: !{{[0-9]+}}, line: [[#@LINE-2]],
    // Its code is inlined at the call in sum_scaled.
    // LLVM-DAG: !DILocation(line: {{[0-9]+}}, column: {{[0-9]+}}, scope: ![[TWICE]], inlinedAt: ![[CALL:[0-9]+]])
    w
}

#[kernel]
pub fn sum_scaled(scale: f32, x: &[f32], out: &mut [f32]) {
    // LLVM-DAG: ![[SP:[0-9]+]] = distinct !DISubprogram(name: "sum_scaled", {{.*}}line: [[#@LINE-1]]
    // LLVM-DAG: !DILocalVariable(name: "scale", scope: ![[SP]], file: !{{[0-9]+}}, line: [[#@LINE-2]], type: ![[F32:[0-9]+]])
    // LLVM-DAG: ![[F32]] = !DIBasicType(name: "f32", size: 32, encoding: DW_ATE_float)
    // A slice parameter is rustc's slice: `&[f32]` with `data_ptr` and `length`.
    // LLVM-DAG: !DILocalVariable(name: "x", scope: ![[SP]], file: !{{[0-9]+}}, line: [[#@LINE-5]], type: ![[XT:[0-9]+]])
    // LLVM-DAG: ![[XT]] = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "&[f32]", {{.*}}size: 128, align: 64, elements: ![[XM:[0-9]+]])
    // LLVM-DAG: ![[XM]] = !{![[PTR:[0-9]+]], ![[LEN:[0-9]+]]}
    // LLVM-DAG: ![[PTR]] = !DIDerivedType(tag: DW_TAG_member, name: "data_ptr", baseType: ![[PF32:[0-9]+]], size: 64)
    // LLVM-DAG: ![[PF32]] = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: ![[F32]], size: 64)
    // LLVM-DAG: ![[LEN]] = !DIDerivedType(tag: DW_TAG_member, name: "length", baseType: ![[USIZE:[0-9]+]], size: 64, offset: 64)
    // LLVM-DAG: ![[USIZE]] = !DIBasicType(name: "usize", size: 64, encoding: DW_ATE_unsigned)
    // LLVM-DAG: !DICompositeType(tag: DW_TAG_structure_type, name: "&mut [f32]",
    let i = global_idx_x();
    // LLVM-DAG: !DILocalVariable(name: "i", scope: ![[BI:[0-9]+]], file: !{{[0-9]+}}, line: [[#@LINE-1]], type: ![[USIZE]])
    // LLVM-DAG: ![[BI]] = distinct !DILexicalBlock(scope: ![[SP]], file: !{{[0-9]+}}, line: [[#@LINE-2]], column: 9)
    let mut acc = 0.0f32;
    // LLVM-DAG: !DILocalVariable(name: "acc", scope: ![[BACC:[0-9]+]], file: !{{[0-9]+}}, line: [[#@LINE-1]], type: ![[F32]])
    // LLVM-DAG: ![[BACC]] = distinct !DILexicalBlock(scope: ![[BI]], file: !{{[0-9]+}}, line: [[#@LINE-2]], column: 13)
    let mut k = 0u32;
    // LLVM-DAG: !DILocalVariable(name: "k", scope: ![[BK:[0-9]+]], file: !{{[0-9]+}}, line: [[#@LINE-1]], type: ![[U32]])
    // LLVM-DAG: ![[BK]] = distinct !DILexicalBlock(scope: ![[BACC]], file: !{{[0-9]+}}, line: [[#@LINE-2]], column: 13)
    // LLVM-DAG: ![[U32]] = !DIBasicType(name: "u32", size: 32, encoding: DW_ATE_unsigned)
    let mut done = false;
    // LLVM-DAG: !DILocalVariable(name: "done", scope: ![[BDONE:[0-9]+]], {{.*}}line: [[#@LINE-1]], type: ![[BOOL:[0-9]+]])
    // LLVM-DAG: ![[BOOL]] = !DIBasicType(name: "bool", size: 8, encoding: DW_ATE_boolean)
    while !done {
        acc += x[(i + k as usize) % x.len()];
        k += 1;
        done = k == 4;
    }
    let k = twice(k);
    // LLVM-DAG: ![[CALL]] = !DILocation(line: [[#@LINE-1]], column: {{[0-9]+}}, scope: ![[BDONE]])
    // A shadowing `let k`: a second variable, in a block inside the first k's.
    // LLVM-DAG: !DILocalVariable(name: "k", scope: ![[BK2:[0-9]+]], file: !{{[0-9]+}}, line: [[#@LINE-3]], type: ![[U32]])
    // LLVM-DAG: ![[BK2]] = distinct !DILexicalBlock(scope: ![[BDONE]], file: !{{[0-9]+}}, line: [[#@LINE-4]], column: 9)
    // An array of scalars: one slot of its shape, described as a DWARF array.
    let mut lanes = [[0.0f32; 2]; 3];
    // HM-DAG: hm.debug_variable "lanes" : "f32" in %{{.*}} : memref<3x2xf32>
    // LLVM-DAG: !DILocalVariable(name: "lanes", scope: ![[BLANES:[0-9]+]], file: !{{[0-9]+}}, line: [[#@LINE-2]], type: ![[ARR:[0-9]+]])
    // LLVM-DAG: ![[ARR]] = !DICompositeType(tag: DW_TAG_array_type, baseType: ![[F32]], size: 192, elements: ![[DIMS:[0-9]+]])
    // LLVM-DAG: ![[DIMS]] = !{![[D3:[0-9]+]], ![[D2:[0-9]+]]}
    // LLVM-DAG: ![[D3]] = !DISubrange(count: 3)
    // LLVM-DAG: ![[D2]] = !DISubrange(count: 2)
    // A `for` variable is in scope in its loop only: the statement after the loop
    // is back in the scope of `lanes`.
    for j in 0..2usize {
        // LLVM-DAG: !DILocalVariable(name: "j", scope: ![[BJ:[0-9]+]], file: !{{[0-9]+}}, line: [[#@LINE-1]],
        // LLVM-DAG: ![[BJ]] = distinct !DILexicalBlock(scope: ![[BLANES]],
        lanes[2][j] = acc;
    }
    lanes[1][0] = acc;
    // LLVM-DAG: !DILocation(line: [[#@LINE-1]], column: 5, scope: ![[BLANES]])
    if i < out.len() {
        out[i] = scale * lanes[1][0] + k as f32;
    }
}
