// Literals inside expressions that the checker drops on an error path are still
// range-checked, and checking them never reads the dropped expression. The
// checker used to keep a pointer into each literal; `(v + 300u8).x` freed it
// (checkField on an error-typed base): a heap-use-after-free that the fuzzer
// found (scripts/fuzz.sh, 2026-11-26). The seed is test/fuzz/corpus/
// uaf-check-dropped-literal.rs.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// rustc-check: skip
use gpu::*;

struct P {
    x: i32,
}

fn f(v: Nope) -> i32 {
    // CHECK: error[H0304]: cannot find type `Nope`
    let a = (v + 300u8).x;
    let b = P { x: 1, y: 256u8 };
    // CHECK: error[H0316]: no field `y` on type `P`
    let c = v[-129i8].x;
    let d = (-5).z;
    // CHECK: error[H0316]: no field `z`
    // CHECK: error[H0324]: literal out of range for `u8`
    // CHECK-NEXT: --> {{.*}}dropped-expr-literals.rs:17:18
    // CHECK: error[H0324]: literal out of range for `u8`
    // CHECK-NEXT: --> {{.*}}dropped-expr-literals.rs:18:26
    // CHECK: error[H0324]: literal out of range for `i8`
    // CHECK-NEXT: --> {{.*}}dropped-expr-literals.rs:20:15
    // CHECK: the literal `-129` does not fit into the type `i8`
    // CHECK: aborting due to 6 previous errors
    0
}
