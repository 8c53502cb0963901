// reduce: CUDA twin of reduce.rs (same parameters as our ABI: pointer + u64 length per
// slice). Grid-stride sum per thread, warp shuffle reduction, per-warp sums in shared
// memory, warp 0 reduces them, one atomicAdd per block. Block 256, fixed grid.
#include <cstdint>

__device__ __forceinline__ float warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

extern "C" __global__ void reduce(const float* __restrict__ x, uint64_t x_len,
                                  float* __restrict__ out, uint64_t out_len) {
  __shared__ float partials[32];
  unsigned t = threadIdx.x, lane = t % 32, warp = t / 32, warps = blockDim.x / 32;
  unsigned stride = blockDim.x * gridDim.x;
  float s = 0.0f;
  for (unsigned i = blockIdx.x * blockDim.x + t; i < x_len; i += stride) s += x[i];
  float w = warp_sum(s);
  if (lane == 0) partials[warp] = w;
  __syncthreads();
  if (warp == 0) {
    float p = 0.0f;
    for (unsigned j = lane; j < warps; j += 32) p += partials[j];
    float total = warp_sum(p);
    if (lane == 0) atomicAdd(&out[0], total);
  }
}
