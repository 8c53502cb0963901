// `#[kernel]` comes from the gpu crate: without `use gpu::*;` (or `use gpu::kernel;`)
// rustc cannot find it, so Hematite must reject this too (H0322). (When this test was
// written, Hematite still accepted it: a fidelity gap for the frontend to close.)
// rustc-expect-error: cannot find attribute `kernel`
#[kernel]
pub fn k(y: &mut [u32]) {
    y[0] = 0;
}
