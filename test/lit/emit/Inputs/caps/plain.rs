use gpu::*;

#[kernel]
pub fn plain(y: &mut [u32]) {
    let i = thread_idx_x();
    if i < 4 { y[0] = i; }
}
