// `x as usize < y` does not parse in Rust: the `<` starts generic arguments.
// RUN: not %hematite --target=sm_90 %s 2>&1 | FileCheck %s
// CHECK: error[H0211]: `<` is interpreted as a start of generic arguments for `usize`, not a comparison
// CHECK-NEXT: --> {{.*}}cast-lt.rs:[[@LINE+4]]:16
// CHECK: = help: try comparing the cast value: `(... as usize)`
// CHECK: error: aborting due to 1 previous error
pub fn f(x: u32, y: usize) -> bool {
    x as usize < y
}
