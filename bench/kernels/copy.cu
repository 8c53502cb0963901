// copy: CUDA twin of copy.rs, plus copy_vec4 (16-byte loads and stores, grid-stride),
// the best plain copy kernel: bench/gpu takes the fastest copy as the device's measured
// copy bandwidth.
#include <cstdint>

extern "C" __global__ void copy(const float* __restrict__ src, uint64_t src_len,
                                float* __restrict__ dst, uint64_t dst_len) {
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < dst_len) dst[i] = src[i];
}

// n = dst_len must be a multiple of 4; both buffers 16-byte aligned.
extern "C" __global__ void copy_vec4(const float* __restrict__ src, uint64_t src_len,
                                     float* __restrict__ dst, uint64_t dst_len) {
  const float4* s = reinterpret_cast<const float4*>(src);
  float4* d = reinterpret_cast<float4*>(dst);
  unsigned n4 = dst_len / 4, stride = blockDim.x * gridDim.x;
  for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += stride) d[i] = s[i];
}
