// Diagnostic variant of bench/kernels/stencil.rs (not a benchmark kernel): the
// index arithmetic in u32, as the CUDA and GLSL twins do (it wraps past 2^32
// points, which the real kernel does not). Measures what the 64-bit `usize`
// arithmetic of the real kernel costs (docs/benchmarks.md, run 23h).
use gpu::*;

#[kernel]
pub fn stencil(nx: u32, ny: u32, src: &[f32], dst: &mut [f32]) {
    let x = global_idx_x() as u32;
    let y = global_idx_y() as u32;
    if x < nx && y < ny {
        let i = y * nx + x;
        if x > 0 && y > 0 && x + 1 < nx && y + 1 < ny {
            dst[i as usize] = 0.5 * src[i as usize]
                + 0.125
                    * (src[(i - 1) as usize] + src[(i + 1) as usize] + src[(i - nx) as usize]
                        + src[(i + nx) as usize]);
        } else {
            dst[i as usize] = src[i as usize];
        }
    }
}
