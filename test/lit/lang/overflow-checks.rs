// -C overflow-checks=on: `+`, `-`, `*`, unary `-` and `<<` with an amount at
// or above the bit width panic with rustc's messages; `wrapping_*` and
// `saturating_*` stay unchecked. Without the option (the default, and `=off`)
// the same kernel has no overflow panic at all: the ops wrap and the shift
// amount is only masked.
// (-C goes before the other options: its value list would also take the input
// file if it came right after it.)
// RUN: %hematite -C overflow-checks=on --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite -C overflow-checks=off --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite -C overflow-checks=on --target=sm_90 %s -o %t.ptx
// RUN: %hematite -C overflow-checks=on --target=gfx942 %s -o %t.hsaco
// RUN: %hematite -C overflow-checks=on --target=vulkan1.2 %s -o %t.spv

// ON-LABEL: func.func @k(
// ON-SAME: %[[A:[a-z0-9]+]]: i32 {hm.name = "a"}, %[[B:[a-z0-9]+]]: i32 {hm.name = "b"}, %[[U:[a-z0-9]+]]: i32 {hm.name = "u"}, %[[S:[a-z0-9]+]]: i32 {hm.name = "s"}
// ON-DAG: %[[C32:.*]] = arith.constant 32 : i32
// ON-DAG: %[[MIN:.*]] = arith.constant -2147483648 : i32
// ON-DAG: %[[C31:.*]] = arith.constant 31 : i32
// ON-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// a + b: signed overflow iff (a ^ w) & (b ^ w) < 0.
// ON: %[[W:.*]] = arith.addi %[[A]], %[[B]] : i32
// ON: %[[X1:.*]] = arith.xori %[[A]], %[[W]] : i32
// ON: %[[X2:.*]] = arith.xori %[[B]], %[[W]] : i32
// ON: %[[AND:.*]] = arith.andi %[[X1]], %[[X2]] : i32
// ON: %[[OK:.*]] = arith.cmpi sge, %[[AND]], %[[ZERO]] : i32
// ON: cf.cond_br %[[OK]], ^bb{{[0-9]+}}, ^bb[[ADDP:[0-9]+]]
// ON: ^bb[[ADDP]]:
// ON-NEXT: hm.panic "attempt to add with overflow"
// d * b: the high half of the full product must be the sign of the low half.
// ON: %[[LOW:.*]], %[[HIGH:.*]] = arith.mulsi_extended %{{.*}}, %[[B]] : i32
// ON: %[[SIGN:.*]] = arith.shrsi %[[LOW]], %[[C31]] : i32
// ON: arith.cmpi eq, %[[HIGH]], %[[SIGN]] : i32
// ON: hm.panic "attempt to subtract with overflow"
// -m: m != MIN
// ON: arith.cmpi ne, %[[LOW]], %[[MIN]] : i32
// ON: hm.panic "attempt to multiply with overflow"
// wrapping_add and saturating_sub: no check.
// ON: %[[WA:.*]] = arith.addi %[[U]], %[[S]] : i32
// ON-NOT: hm.panic
// ON: %[[SHOK:.*]] = arith.cmpi ult, %[[S]], %[[C32]] : i32
// ON: cf.cond_br %[[SHOK]]
// ON: hm.panic "attempt to negate with overflow"
// ON: hm.panic "attempt to shift left with overflow"
// ON: hm.panic "attempt to add with overflow"
// ON: hm.panic "attempt to add with overflow"

// OFF-LABEL: func.func @k(
// OFF-SAME: %[[A:[a-z0-9]+]]: i32 {hm.name = "a"}, %[[B:[a-z0-9]+]]: i32 {hm.name = "b"}, %[[U:[a-z0-9]+]]: i32 {hm.name = "u"}, %[[S:[a-z0-9]+]]: i32 {hm.name = "s"}
// OFF-NOT: hm.panic
// OFF-NOT: mulsi_extended
// OFF: arith.muli %[[B]], %[[B]] : i32
// OFF: %[[M31:.*]] = arith.andi %[[S]], %c31_i32 : i32
// OFF: arith.shli %[[U]], %[[M31]] : i32
// OFF-NOT: hm.panic
// OFF: return
use gpu::*;

#[kernel]
pub fn k(a: i32, b: i32, u: u32, s: u32, out: &mut [i32]) {
    let i = global_idx_x();
    if i < out.len() {
        let w = a + b;
        let d = w - a;
        let m = d * b;
        let n = -m;
        let x = u.wrapping_add(s) ^ u.saturating_sub(s);
        let y = u << s;
        out[i] = n + x as i32 + y as i32;
    }
}
