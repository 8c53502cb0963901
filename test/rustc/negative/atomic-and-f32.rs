// `atomic_and` takes i32, u32, i64, u64 only (`atomic_add` also f32): the stand-in
// must be as strict as Hematite.
// rustc-expect-error: E0277
use gpu::*;

#[kernel]
pub fn k(y: &mut [f32]) {
    atomic_and(&mut y[0], 1.0);
}
