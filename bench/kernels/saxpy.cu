// saxpy: CUDA twin of saxpy.rs. Parameters follow docs/abi.md (each slice is a pointer
// and a u64 element count), so hematite_rt launches it with the same arguments.
// Block 256, grid ceil(n / 256).
#include <cstdint>

extern "C" __global__ void saxpy(float a, const float* __restrict__ x, uint64_t x_len,
                                 float* __restrict__ y, uint64_t y_len) {
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < y_len) y[i] = a * x[i] + y[i];
}
