// transpose: CUDA twin of transpose.rs. 32 x 33 shared tile, 32 x 8 blocks, grid
// ceil(w / 32) x ceil(h / 32); parameters as our ABI (pointer + u64 length per slice).
#include <cstdint>

#define TILE 32
#define ROWS 8

extern "C" __global__ void transpose(uint32_t w, uint32_t h, const float* __restrict__ src,
                                     uint64_t src_len, float* __restrict__ dst,
                                     uint64_t dst_len) {
  __shared__ float tile[TILE][TILE + 1];
  unsigned tx = threadIdx.x, ty = threadIdx.y;
  unsigned bx = blockIdx.x * TILE, by = blockIdx.y * TILE;
  unsigned x = bx + tx;
  for (unsigned k = 0; k < TILE; k += ROWS) {
    unsigned y = by + ty + k;
    if (x < w && y < h) tile[ty + k][tx] = src[y * w + x];
  }
  __syncthreads();
  x = by + tx;
  for (unsigned k = 0; k < TILE; k += ROWS) {
    unsigned y = bx + ty + k;
    if (x < h && y < w) dst[y * h + x] = tile[tx][ty + k];
  }
}
