// e2e family 14 (GPU model, first part): lane_id, warp_size and the two
// memory fences. The warp size is the device's (32 on NVIDIA, 8+ on lavapipe):
// the kernel checks the relations every device must satisfy, so the CPU
// reference is all ones.
use gpu::*;

// out[2i]: lane_id() == thread_idx_x() % warp_size() (1-D blocks);
// out[2i+1]: warp_size() is a power of two between 4 and 128.
#[kernel]
pub fn warp_basics(x: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < x.len() && 2 * i + 1 < out.len() {
        let ws = warp_size();
        let lane = lane_id();
        thread_fence_block();
        out[2 * i] = (lane == thread_idx_x() % ws && lane < ws) as u32;
        thread_fence();
        out[2 * i + 1] = (ws.is_power_of_two() && ws >= 4 && ws <= 128) as u32 + x[i] * 0;
    }
}
