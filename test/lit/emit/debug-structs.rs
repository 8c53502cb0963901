// -g: a struct or tuple local (fields scalars or such structs) keeps a slot per
// field, named together by hm.debug_struct. The LLVM targets describe it as one
// DWARF struct, nested as the Rust types are (a tuple's fields are __0, __1, as
// rustc names them), and move its fields' slots into one stack slot of that
// layout, declared whole: cuda-gdb reads no variable made of DWARF pieces in
// local memory (docs/cli.md). On the H100, `print r` then gives
// `Rect {lo: Point {x: 138, y: 7}, hi: Point {x: 692, y: 133}}`.
// RUN: %hematite --target=sm_90 -g --emit=hm %s -o - | FileCheck %s --check-prefix=HM
// RUN: %hematite --target=sm_90 -g --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=gfx942 -g --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// A function inlined twice has two instances of its struct local, with the same
// DWARF variable: each gets its own slot.
// RUN: %hematite --target=sm_90 -g --emit=llvm %s -o - | FileCheck %s --check-prefix=TWICE
// RUN: %hematite --target=sm_90 --emit=hm %s -o - | FileCheck %s --check-prefix=NONE
// RUN: %hematite --target=vulkan1.2 -g --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV

// HM-DAG: hm.debug_struct "v" : "Vec2" in(%{{.*}}, %{{.*}}) {field_types = ["f32", "f32"], fields = ["x", "y"], {{.*}}struct_names = {}}
// HM-DAG: hm.debug_struct "p" : "Particle" in(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {field_types = ["f32", "f32", "f64", "u8"], fields = ["pos.x", "pos.y", "mass", "id"], {{.*}}struct_names = {pos = "Vec2"}}
// HM-DAG: hm.debug_struct "t" : "(f32, u32)" in(%{{.*}}, %{{.*}}) {field_types = ["f32", "u32"], fields = ["__0", "__1"],
// A struct with an array is not described.
// HM-NOT: hm.debug_struct "w"
// NONE-NOT: debug_struct
// SPV-NOT: debug_struct
// SPV: OpEntryPoint GLCompute

// p: 24 bytes, its fields at their natural alignment (pos.x 0, pos.y 4, mass 8,
// id 16), one declare of the whole slot.
// (On gfx942 the slot is in the private address space, and the fields and the
// declare use its generic address.)
// LLVM: alloca [24 x i8], i64 1, align 8
// LLVM: getelementptr inbounds i8, ptr %[[P:[0-9]+]], i32 0
// LLVM-NEXT: getelementptr inbounds i8, ptr %[[P]], i32 4
// LLVM-NEXT: getelementptr inbounds i8, ptr %[[P]], i32 8
// LLVM-NEXT: getelementptr inbounds i8, ptr %[[P]], i32 16
// LLVM: #dbg_declare(ptr %[[P]], ![[PV:[0-9]+]], !DIExpression(),
// LLVM-NOT: DW_OP_LLVM_fragment
// LLVM-DAG: ![[PV]] = !DILocalVariable(name: "p", {{.*}}type: ![[PT:[0-9]+]])
// LLVM-DAG: ![[PT]] = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "Particle", {{.*}}size: 192, elements: ![[PM:[0-9]+]])
// LLVM-DAG: ![[PM]] = !{![[POS:[0-9]+]], ![[MASS:[0-9]+]], ![[ID:[0-9]+]]}
// LLVM-DAG: ![[POS]] = !DIDerivedType(tag: DW_TAG_member, name: "pos", baseType: ![[VEC2:[0-9]+]], size: 64)
// LLVM-DAG: ![[VEC2]] = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "Vec2", {{.*}}size: 64, elements: ![[VM:[0-9]+]])
// LLVM-DAG: ![[VM]] = !{![[X:[0-9]+]], ![[Y:[0-9]+]]}
// LLVM-DAG: ![[X]] = !DIDerivedType(tag: DW_TAG_member, name: "x", baseType: ![[F32:[0-9]+]], size: 32)
// LLVM-DAG: ![[Y]] = !DIDerivedType(tag: DW_TAG_member, name: "y", baseType: ![[F32]], size: 32, offset: 32)
// LLVM-DAG: ![[MASS]] = !DIDerivedType(tag: DW_TAG_member, name: "mass", baseType: ![[F64:[0-9]+]], size: 64, offset: 64)
// LLVM-DAG: ![[ID]] = !DIDerivedType(tag: DW_TAG_member, name: "id", baseType: ![[U8:[0-9]+]], size: 8, offset: 128)
// LLVM-DAG: ![[F64]] = !DIBasicType(name: "f64", size: 64, encoding: DW_ATE_float)
// LLVM-DAG: ![[U8]] = !DIBasicType(name: "u8", size: 8, encoding: DW_ATE_unsigned)
// LLVM-DAG: !DILocalVariable(name: "t", {{.*}}type: ![[TT:[0-9]+]])
// LLVM-DAG: ![[TT]] = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "(f32, u32)", {{.*}}size: 64, elements: ![[TM:[0-9]+]])
// LLVM-DAG: ![[TM]] = !{![[T0:[0-9]+]], ![[T1:[0-9]+]]}
// LLVM-DAG: ![[T0]] = !DIDerivedType(tag: DW_TAG_member, name: "__0", baseType: ![[F32]], size: 32)
// LLVM-DAG: ![[T1]] = !DIDerivedType(tag: DW_TAG_member, name: "__1", baseType: !{{[0-9]+}}, size: 32, offset: 32)

use gpu::*;

#[derive(Clone, Copy)]
struct Vec2 {
    x: f32,
    y: f32,
}

#[derive(Clone, Copy)]
struct Particle {
    pos: Vec2,
    mass: f64,
    id: u8,
}

struct Window {
    taps: [f32; 2],
}

#[kernel]
pub fn structs(xs: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < xs.len() && i < out.len() {
        let p = Particle { pos: Vec2 { x: xs[i], y: 2.0 }, mass: 3.5, id: 7 };
        let v = p.pos;
        let t = (v.x, i as u32);
        let w = Window { taps: [v.x, v.y] };
        out[i] = p.pos.x * p.pos.y + p.mass as f32 + t.0 + t.1 as f32 + p.id as f32 + w.taps[1];
    }
}

fn helper(a: f32) -> f32 {
    let h = Vec2 { x: a, y: 2.0 * a };
    h.x + h.y
}

// TWICE-LABEL: define {{.*}}@twice(
// TWICE-COUNT-2: alloca [8 x i8], i64 1, align 8
// TWICE-NOT: alloca [8 x i8]
// TWICE: ret void
#[kernel]
pub fn twice(xs: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < xs.len() && i < out.len() {
        out[i] = helper(xs[i]) * helper(xs[i] + 1.0);
    }
}
