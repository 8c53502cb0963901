// HAND-WRITTEN STAND-IN, not compiler output: saxpy with exactly the PTX interface
// docs/abi.md gives `saxpy(a: f32, x: &[f32], y: &mut [f32])`: one parameter per
// scalar, (pointer, u64 length) per slice. Rebuild with regenerate.sh (needs nvcc).
#include <cstdint>

extern "C" __global__ void saxpy(float a, const float* __restrict__ x, uint64_t x_len,
                                 float* __restrict__ y, uint64_t y_len) {
  uint64_t i = uint64_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < y_len && i < x_len) y[i] = a * x[i] + y[i];
}
