// stencil: CUDA twin of stencil.rs (5-point Jacobi step). 32 x 8 blocks.
#include <cstdint>

extern "C" __global__ void stencil(uint32_t nx, uint32_t ny, const float* __restrict__ src,
                                   uint64_t src_len, float* __restrict__ dst,
                                   uint64_t dst_len) {
  unsigned x = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < nx && y < ny) {
    unsigned i = y * nx + x;
    if (x > 0 && y > 0 && x + 1 < nx && y + 1 < ny)
      dst[i] = 0.5f * src[i] + 0.125f * (src[i - 1] + src[i + 1] + src[i - nx] + src[i + nx]);
    else
      dst[i] = src[i];
  }
}
