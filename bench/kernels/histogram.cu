// histogram: CUDA twin of histogram.rs (shared 256-bin histogram, grid-stride loop,
// shared atomics, one global atomicAdd per nonzero bin per block). Block 256.
#include <cstdint>

extern "C" __global__ void histogram(const uint32_t* __restrict__ x, uint64_t x_len,
                                     uint32_t* __restrict__ bins, uint64_t bins_len) {
  __shared__ uint32_t local[256];
  unsigned t = threadIdx.x, threads = blockDim.x;
  for (unsigned b = t; b < 256; b += threads) local[b] = 0;
  __syncthreads();
  unsigned stride = threads * gridDim.x;
  for (unsigned i = blockIdx.x * threads + t; i < x_len; i += stride)
    atomicAdd(&local[x[i] % 256], 1u);
  __syncthreads();
  for (unsigned b = t; b < 256; b += threads) {
    uint32_t count = local[b];
    if (count != 0) atomicAdd(&bins[b], count);
  }
}
