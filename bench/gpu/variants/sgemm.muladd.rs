// sgemm, diagnostic variant (bench/gpu/variants): bench/kernels/sgemm.rs with the inner
// product written as av[i].mul_add(bv[j], acc[i][j]), i.e. an explicit fused multiply-add
// (Rust never contracts a * b + c into an fma; nvcc does by default, --fmad=true). It
// tells how much of the gap to nvcc is the fma. Not a bench kernel of its own.

use gpu::*;
const BM: usize = 64;
const BN: usize = 64;
const BK: usize = 16;
const T: usize = 16; // threads per block side
const TM: usize = 4; // outputs per thread, rows
const TN: usize = 4; // outputs per thread, columns

#[kernel]
pub fn sgemm(m: u32, n: u32, k: u32, a: &[f32], b: &[f32], c: &mut [f32]) {
    let ta = shared::<[[f32; BK]; BM]>();
    let tb = shared::<[[f32; BN]; BK]>();
    let (_m, n, k) = (m as usize, n as usize, k as usize);
    let tx = thread_idx_x() as usize;
    let ty = thread_idx_y() as usize;
    let tid = ty * T + tx;
    let row0 = block_idx_y() as usize * BM;
    let col0 = block_idx_x() as usize * BN;

    let mut acc = [[0.0f32; TN]; TM];
    let mut kt = 0;
    while kt < k {
        for l in 0..(BM * BK) / (T * T) {
            let idx = tid + l * T * T;
            let (r, cc) = (idx / BK, idx % BK);
            ta[r][cc] = a[(row0 + r) * k + kt + cc];
        }
        for l in 0..(BK * BN) / (T * T) {
            let idx = tid + l * T * T;
            let (r, cc) = (idx / BN, idx % BN);
            tb[r][cc] = b[(kt + r) * n + col0 + cc];
        }
        sync_threads();
        for kk in 0..BK {
            let mut av = [0.0f32; TM];
            let mut bv = [0.0f32; TN];
            for i in 0..TM {
                av[i] = ta[ty + T * i][kk];
            }
            for j in 0..TN {
                bv[j] = tb[kk][tx + T * j];
            }
            for i in 0..TM {
                for j in 0..TN {
                    acc[i][j] = av[i].mul_add(bv[j], acc[i][j]);
                }
            }
        }
        sync_threads();
        kt += BK;
    }
    for i in 0..TM {
        for j in 0..TN {
            c[(row0 + ty + T * i) * n + col0 + tx + T * j] = acc[i][j];
        }
    }
}
