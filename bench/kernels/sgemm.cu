// sgemm: CUDA twin of sgemm.rs. 64 x 64 C tile per 16 x 16 block, 4 x 4 outputs per
// thread in registers, 64 x 16 / 16 x 64 shared tiles of A and B. m, n multiples of 64,
// k of 16. Parameters as our ABI (pointer + u64 length per slice).
#include <cstdint>

#define BM 64
#define BN 64
#define BK 16
#define T 16
#define TM 4
#define TN 4

extern "C" __global__ void sgemm(uint32_t m, uint32_t n, uint32_t k,
                                 const float* __restrict__ a, uint64_t a_len,
                                 const float* __restrict__ b, uint64_t b_len,
                                 float* __restrict__ c, uint64_t c_len) {
  __shared__ float ta[BM][BK];
  __shared__ float tb[BK][BN];
  unsigned tx = threadIdx.x, ty = threadIdx.y, tid = ty * T + tx;
  unsigned row0 = blockIdx.y * BM, col0 = blockIdx.x * BN;
  float acc[TM][TN] = {};
  for (unsigned kt = 0; kt < k; kt += BK) {
#pragma unroll
    for (unsigned l = 0; l < (BM * BK) / (T * T); ++l) {
      unsigned idx = tid + l * T * T, r = idx / BK, cc = idx % BK;
      ta[r][cc] = a[(row0 + r) * k + kt + cc];
    }
#pragma unroll
    for (unsigned l = 0; l < (BK * BN) / (T * T); ++l) {
      unsigned idx = tid + l * T * T, r = idx / BN, cc = idx % BN;
      tb[r][cc] = b[(kt + r) * n + col0 + cc];
    }
    __syncthreads();
#pragma unroll
    for (unsigned kk = 0; kk < BK; ++kk) {
      float av[TM], bv[TN];
#pragma unroll
      for (unsigned i = 0; i < TM; ++i) av[i] = ta[ty + T * i][kk];
#pragma unroll
      for (unsigned j = 0; j < TN; ++j) bv[j] = tb[kk][tx + T * j];
#pragma unroll
      for (unsigned i = 0; i < TM; ++i)
#pragma unroll
        for (unsigned j = 0; j < TN; ++j) acc[i][j] += av[i] * bv[j];
    }
    __syncthreads();
  }
#pragma unroll
  for (unsigned i = 0; i < TM; ++i)
#pragma unroll
    for (unsigned j = 0; j < TN; ++j) c[(row0 + ty + T * i) * n + col0 + tx + T * j] = acc[i][j];
}
