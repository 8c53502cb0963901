// copy: dst = src, one thread per element (256-thread blocks). Not one of the issue's
// seven kernels: bench/gpu uses it, with the CUDA twin's vectorized copy_vec4, to
// measure the device's copy bandwidth (bytes read + written). 8 bytes per element.
use gpu::*;

#[kernel]
pub fn copy(src: &[f32], dst: &mut [f32]) {
    let i = global_idx_x();
    if i < dst.len() {
        dst[i] = src[i];
    }
}
