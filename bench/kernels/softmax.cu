// softmax: CUDA twin of softmax.rs. One block (256 threads) per row; max and sum are
// warp shuffle reductions, then the per-warp results through shared memory.
#include <cstdint>

__device__ __forceinline__ float warp_max(float v) {
  for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}
__device__ __forceinline__ float warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

extern "C" __global__ void softmax(uint32_t cols, const float* __restrict__ x, uint64_t x_len,
                                   float* __restrict__ out, uint64_t out_len) {
  __shared__ float red[32];
  unsigned t = threadIdx.x, threads = blockDim.x;
  unsigned lane = t % 32, warp = t / 32, warps = threads / 32;
  unsigned base = blockIdx.x * cols;

  float m = -INFINITY;
  for (unsigned c = t; c < cols; c += threads) m = fmaxf(m, x[base + c]);
  float w = warp_max(m);
  if (lane == 0) red[warp] = w;
  __syncthreads();
  float mx = -INFINITY;
  for (unsigned j = 0; j < warps; ++j) mx = fmaxf(mx, red[j]);
  __syncthreads();

  float s = 0.0f;
  for (unsigned c = t; c < cols; c += threads) s += expf(x[base + c] - mx);
  w = warp_sum(s);
  if (lane == 0) red[warp] = w;
  __syncthreads();
  float sum = 0.0f;
  for (unsigned j = 0; j < warps; ++j) sum += red[j];

  for (unsigned c = t; c < cols; c += threads) out[base + c] = expf(x[base + c] - mx) / sum;
}
