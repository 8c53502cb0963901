// stencil: one Jacobi step of the 5-point Laplace stencil on an nx x ny row-major grid:
// dst = 0.5 * centre + 0.125 * (west + east + north + south) inside, dst = src on the
// border. Launched with 32 x 8 blocks on a grid of ceil(nx / 32) x ceil(ny / 8).
// Memory-bound: 8 bytes per point (neighbours come from the caches).
use gpu::*;

#[kernel]
pub fn stencil(nx: u32, ny: u32, src: &[f32], dst: &mut [f32]) {
    let x = global_idx_x();
    let y = global_idx_y();
    let (nx, ny) = (nx as usize, ny as usize);
    if x < nx && y < ny {
        let i = y * nx + x;
        if x > 0 && y > 0 && x + 1 < nx && y + 1 < ny {
            dst[i] = 0.5 * src[i] + 0.125 * (src[i - 1] + src[i + 1] + src[i - nx] + src[i + nx]);
        } else {
            dst[i] = src[i];
        }
    }
}
