// --color=always paints like rustc: bold red `error[...]`, a bold message,
// bold blue arrow, gutter and secondary marks, primary marks in the level's
// color. auto means "when stderr is a terminal" (never under lit); never and
// JSON are plain.
// RUN: not %hematite --color=always --emit=hm %s -o %t.mlir 2>&1 | sed "s/\x1b/<ESC>/g" | FileCheck %s --strict-whitespace
// RUN: not %hematite --color=auto --emit=hm %s -o %t.mlir 2>&1 | sed "s/\x1b/<ESC>/g" | FileCheck %s --check-prefix=PLAIN
// RUN: not %hematite --color=never --emit=hm %s -o %t.mlir 2>&1 | sed "s/\x1b/<ESC>/g" | FileCheck %s --check-prefix=PLAIN
// RUN: not %hematite --color=always --error-format=json --emit=hm %s -o %t.mlir 2>&1 | sed "s/\x1b/<ESC>/g" | FileCheck %s --check-prefix=PLAIN

use gpu::*; #[kernel]
pub fn k(y: &mut [f32], n: u32) {
    let v: f32 = n;
    y[0] = v;
}

// CHECK: <ESC>[1;31merror[H0301]<ESC>[0m<ESC>[1m: mismatched types<ESC>[0m
// CHECK-NEXT: {{^}}  <ESC>[1;34m--> <ESC>[0m{{.*}}color.rs:12:18
// CHECK-NEXT: {{^}}   <ESC>[1;34m|<ESC>[0m
// CHECK-NEXT: {{^}}<ESC>[1;34m12<ESC>[0m <ESC>[1;34m|<ESC>[0m     let v: f32 = n;
// CHECK-NEXT: {{^}}   <ESC>[1;34m|<ESC>[0m            <ESC>[1;34m---<ESC>[0m   <ESC>[1;31m^<ESC>[0m <ESC>[1;31mexpected `f32`, found `u32`<ESC>[0m
// CHECK-NEXT: {{^}}   <ESC>[1;34m|<ESC>[0m            <ESC>[1;34m|<ESC>[0m
// CHECK-NEXT: {{^}}   <ESC>[1;34m|<ESC>[0m            <ESC>[1;34mexpected due to this<ESC>[0m
// CHECK-EMPTY:
// CHECK-NEXT: <ESC>[1;31merror<ESC>[0m<ESC>[1m: aborting due to 1 previous error<ESC>[0m

// PLAIN-NOT: <ESC>
// PLAIN: H0301
// PLAIN-NOT: <ESC>
