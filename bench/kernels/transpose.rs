// transpose: dst (w rows x h cols) = transpose of src (h rows x w cols), both
// row-major, through a 32 x 33 shared tile (the extra column avoids bank conflicts).
// Launched with 32 x 8 blocks on a grid of ceil(w / 32) x ceil(h / 32): each thread
// moves 4 elements in and 4 out. Memory-bound: 8 bytes per element.
use gpu::*;

const TILE: usize = 32;
const ROWS: usize = 8; // block_dim_y

#[kernel]
pub fn transpose(w: u32, h: u32, src: &[f32], dst: &mut [f32]) {
    let tile = shared::<[[f32; TILE + 1]; TILE]>();
    let (w, h) = (w as usize, h as usize);
    let tx = thread_idx_x() as usize;
    let ty = thread_idx_y() as usize;
    let bx = block_idx_x() as usize * TILE;
    let by = block_idx_y() as usize * TILE;

    let x = bx + tx;
    for k in (0..TILE).step_by(ROWS) {
        let y = by + ty + k;
        if x < w && y < h {
            tile[ty + k][tx] = src[y * w + x];
        }
    }
    sync_threads();
    let x = by + tx;
    for k in (0..TILE).step_by(ROWS) {
        let y = bx + ty + k;
        if x < h && y < w {
            dst[y * h + x] = tile[tx][ty + k];
        }
    }
}
