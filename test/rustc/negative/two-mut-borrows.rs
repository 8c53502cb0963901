// Two live `&mut` to the same place: rustc's borrow checker rejects it, and so must
// Hematite (a kernel may not hold aliasing mutable references).
// rustc-expect-error: E0499
use gpu::*;

#[kernel]
pub fn k(y: &mut [i32]) {
    let a = &mut y[0];
    let b = &mut y[0];
    atomic_add(a, 1);
    atomic_add(b, 1);
}
