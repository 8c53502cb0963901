// Loops: `for` over `a..b`, `.rev()`, `.step_by(s)`, `a..=b` (up to the
// type's MAX), `while`, `loop` with `break value`, and labeled `break` /
// `continue` out of a nested loop. Control flow is cf branches with block
// arguments carrying the loop variables.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[N:[a-z0-9]+]]: i32 {hm.name = "n"}
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[SEVEN:.*]] = arith.constant 7 : i64
// CHECK-DAG: %[[TWELVE:.*]] = arith.constant 12 : i32
// for j in 0..n: test j < n, then j + 1.
// CHECK: ^bb[[H1:[0-9]+]](%[[J:[0-9]+]]: i32, %{{.*}}: i32):
// CHECK: arith.cmpi ult, %[[J]], %[[N]] : i32
// CHECK: %[[JN:.*]] = arith.addi %[[J]], %[[ONE]] : i32
// CHECK: cf.br ^bb[[H1]](%[[JN]],
// (0..n).rev(): enter when n > 0 at n - 1, step down until 0 (no wrap below 0).
// CHECK: %[[NZ:.*]] = arith.cmpi ugt, %[[N]], %[[ZERO]] : i32
// CHECK: %[[LAST:.*]] = arith.subi %[[N]], %[[ONE]] : i32
// CHECK: cf.cond_br %[[NZ]], ^bb[[H2:[0-9]+]](%[[LAST]],
// CHECK: ^bb[[H2]](%[[R:[0-9]+]]: i32, %[[S:[0-9]+]]: i32):
// CHECK: arith.xori %[[S]], %[[R]] : i32
// CHECK: arith.cmpi ne, %[[R]], %[[ZERO]] : i32
// CHECK: arith.subi %[[R]], %[[ONE]] : i32
// step_by(7): continue while (n - 1) - j >= 7, so j + 7 never overflows.
// CHECK: ^bb[[H3:[0-9]+]](%[[SJ:[0-9]+]]: i32, %{{.*}}: i32):
// CHECK: %[[REM:.*]] = arith.subi %[[LAST]], %[[SJ]] : i32
// CHECK: %[[REMW:.*]] = arith.extui %[[REM]] : i32 to i64
// CHECK: %[[MORE:.*]] = arith.cmpi uge, %[[REMW]], %[[SEVEN]] : i64
// CHECK: %[[NEXT:.*]] = arith.addi %[[SJ]], %{{.*}} : i32
// CHECK: cf.cond_br %[[MORE]], ^bb[[H3]](%[[NEXT]],
// while m > 1 { m = if m % 2 == 0 { m / 2 } else { 3 * m + 1 } }
// CHECK: cf.br ^bb[[W:[0-9]+]](%[[N]] : i32)
// CHECK: ^bb[[W]](%[[M:[0-9]+]]: i32):
// CHECK: arith.cmpi ugt, %[[M]], %[[ONE]] : i32
// CHECK: arith.remui %[[M]]
// CHECK: arith.divui %[[M]]
// CHECK: cf.br ^bb[[W]](
// loop { k += 1; if k * k > n { break k; } }
// CHECK: ^bb[[L:[0-9]+]](%[[K:[0-9]+]]: i32):
// CHECK: %[[K1:.*]] = arith.addi %[[K]], %[[ONE]] : i32
// CHECK: %[[KK:.*]] = arith.muli %[[K1]], %[[K1]] : i32
// CHECK: %[[BRK:.*]] = arith.cmpi ugt, %[[KK]], %[[N]] : i32
// CHECK: cf.cond_br %[[BRK]], ^bb{{[0-9]+}}(%{{.*}}), ^bb[[L]](%[[K1]] : i32)
// 'outer: a loop; 'inner: b loop.
// CHECK: ^bb[[OUTER:[0-9]+]](%[[A:[0-9]+]]: i32, %{{.*}}: i32):
// CHECK: ^bb[[OUTNEXT:[0-9]+]]:
// CHECK: ^bb[[EXIT:[0-9]+]](%{{.*}}: i32):
// The exit block adds `first` (the loop's break value) and stores.
// CHECK: arith.addi %{{.*}}, %[[K1]] : i32
// CHECK: hm.slice_store
// CHECK: ^bb{{[0-9]+}}(%[[B:[0-9]+]]: i32, %[[SI:[0-9]+]]: i32):
// CHECK: arith.cmpi ult, %[[B]], %[[N]] : i32
// CHECK: cf.cond_br %{{.*}}, ^bb{{[0-9]+}}, ^bb[[OUTNEXT]]
// break 'outer leaves both loops, with the current s.
// CHECK: %[[AB:.*]] = arith.muli %[[A]], %[[B]] : i32
// CHECK: %[[IS12:.*]] = arith.cmpi eq, %[[AB]], %[[TWELVE]] : i32
// CHECK: cf.cond_br %[[IS12]], ^bb[[EXIT]](%[[SI]] : i32), ^bb
// continue 'outer goes to the outer loop's increment.
// CHECK: %[[BA:.*]] = arith.cmpi ugt, %[[B]], %[[A]] : i32
// CHECK: cf.cond_br %[[BA]], ^bb[[OUTNEXT]], ^bb
// CHECK: arith.addi %[[SI]], %{{.*}} : i32
// CHECK: arith.addi %[[B]], %[[ONE]] : i32

// `for j in 250..=u8::MAX`: the exit test is `j != 255` before the increment,
// so the loop ends at MAX instead of wrapping to 0 and running forever.
// CHECK-LABEL: func.func @incl(
// CHECK-DAG: %[[MAX8:.*]] = arith.constant -1 : i8
// CHECK-DAG: %[[ONE8:.*]] = arith.constant 1 : i8
// CHECK-DAG: %[[START:.*]] = arith.constant -6 : i8
// CHECK: ^bb{{[0-9]+}}(%[[START]], %{{.*}} : i8, i32)
// CHECK: ^bb[[IL:[0-9]+]](%[[IJ:[0-9]+]]: i8, %{{.*}}: i32):
// CHECK-NOT: arith.cmpi {{u?}}l{{[te]}}, %[[IJ]]
// CHECK: %[[NOTMAX:.*]] = arith.cmpi ne, %[[IJ]], %[[MAX8]] : i8
// CHECK: %[[IJ1:.*]] = arith.addi %[[IJ]], %[[ONE8]] : i8
// CHECK: cf.cond_br %[[NOTMAX]], ^bb[[IL]](%[[IJ1]],
// (0..=i).rev(): starts at i itself and stops after 0.
// CHECK: ^bb{{[0-9]+}}(%[[RJ:[0-9]+]]: i64, %{{.*}}: i32):
// CHECK: arith.cmpi ne, %[[RJ]], %{{.*}} : i64
// CHECK: arith.subi %[[RJ]], %{{.*}} : i64
// CHECK: return
use gpu::*;

#[kernel]
pub fn k(n: u32, out: &mut [u32]) {
    let i = global_idx_x();
    if i >= out.len() {
        return;
    }
    let mut s = 0u32;
    for j in 0..n {
        s += j;
    }
    for j in (0..n).rev() {
        s ^= j;
    }
    for j in (0..n).step_by(7) {
        s += j * 3;
    }
    let mut m = n;
    while m > 1 {
        m = if m % 2 == 0 { m / 2 } else { 3 * m + 1 };
    }
    let mut k = 0u32;
    let first = loop {
        k += 1;
        if k * k > n {
            break k;
        }
    };
    'outer: for a in 0..n {
        for b in 0..n {
            if a * b == 12 {
                break 'outer;
            }
            if b > a {
                continue 'outer;
            }
            s += 5;
        }
    }
    out[i] = s + m + first;
}

#[kernel]
pub fn incl(out: &mut [u32]) {
    let i = global_idx_x();
    if i >= out.len() {
        return;
    }
    let mut c = 0u32;
    for j in 250..=u8::MAX {
        c += j as u32;
    }
    for j in (0..=i).rev() {
        c += j as u32;
    }
    out[i] = c;
}
