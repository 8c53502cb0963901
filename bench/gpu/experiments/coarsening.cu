// Experiment (not part of the bench): is the bandwidth of a one-element-per-thread
// kernel limited by its launch shape? Runs the bench's copy, saxpy and stencil three
// ways: as launched (one element per thread, one block per 256 elements), as a
// persistent grid that loops over the same logical blocks one at a time, and with
// two or four logical blocks per iteration (their loads issued together).
//   nvcc -O3 -arch=sm_90 coarsening.cu -o coarsening && ./coarsening
#include <algorithm>
#include <cstdio>
#include <vector>
#include <cuda_runtime.h>

#define CK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { std::printf("%s: %s\n", #x, cudaGetErrorString(e)); std::exit(1); } } while (0)

__global__ void copy1(const float* __restrict__ s, float* __restrict__ d, size_t n) {
  size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) d[i] = s[i];
}
__global__ void copy_vec4(const float4* __restrict__ s, float4* __restrict__ d, size_t n4) {
  size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n4) d[i] = s[i];
}
template <int K>
__global__ void copyK(const float* __restrict__ s, float* __restrict__ d, size_t n, unsigned nblocks) {
  for (unsigned L = blockIdx.x; L < nblocks; L += K * gridDim.x) {
    float v[K];
#pragma unroll
    for (int k = 0; k < K; ++k) {
      size_t i = size_t(L + k * gridDim.x) * blockDim.x + threadIdx.x;
      if (L + k * gridDim.x < nblocks && i < n) v[k] = s[i];
    }
#pragma unroll
    for (int k = 0; k < K; ++k) {
      size_t i = size_t(L + k * gridDim.x) * blockDim.x + threadIdx.x;
      if (L + k * gridDim.x < nblocks && i < n) d[i] = v[k];
    }
  }
}
__global__ void saxpy1(float a, const float* __restrict__ x, float* __restrict__ y, size_t n) {
  size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
template <int K>
__global__ void saxpyK(float a, const float* __restrict__ x, float* __restrict__ y, size_t n, unsigned nblocks) {
  for (unsigned L = blockIdx.x; L < nblocks; L += K * gridDim.x) {
    float vx[K], vy[K];
#pragma unroll
    for (int k = 0; k < K; ++k) {
      size_t i = size_t(L + k * gridDim.x) * blockDim.x + threadIdx.x;
      if (L + k * gridDim.x < nblocks && i < n) { vx[k] = x[i]; vy[k] = y[i]; }
    }
#pragma unroll
    for (int k = 0; k < K; ++k) {
      size_t i = size_t(L + k * gridDim.x) * blockDim.x + threadIdx.x;
      if (L + k * gridDim.x < nblocks && i < n) y[i] = a * vx[k] + vy[k];
    }
  }
}
__device__ __forceinline__ void stencil_point(unsigned nx, unsigned ny, const float* __restrict__ s,
                                              float* __restrict__ d, unsigned x, unsigned y) {
  if (x < nx && y < ny) {
    size_t i = size_t(y) * nx + x;
    if (x > 0 && y > 0 && x + 1 < nx && y + 1 < ny)
      d[i] = 0.5f * s[i] + 0.125f * (s[i - 1] + s[i + 1] + s[i - nx] + s[i + nx]);
    else
      d[i] = s[i];
  }
}
__global__ void stencil1(unsigned nx, unsigned ny, const float* __restrict__ s, float* __restrict__ d) {
  stencil_point(nx, ny, s, d, blockIdx.x * blockDim.x + threadIdx.x, blockIdx.y * blockDim.y + threadIdx.y);
}
// Persistent: logical blocks gx x gy, visited in launch order (x fastest).
__global__ void stencilP(unsigned nx, unsigned ny, const float* __restrict__ s, float* __restrict__ d,
                         unsigned gx, unsigned gy) {
  unsigned total = gx * gy;
  for (unsigned L = blockIdx.x; L < total; L += gridDim.x) {
    unsigned bx = L % gx, by = L / gx;
    stencil_point(nx, ny, s, d, bx * blockDim.x + threadIdx.x, by * blockDim.y + threadIdx.y);
  }
}

static std::vector<float> times;
template <class F>
float median_ms(F launch, int reps = 15) {
  cudaEvent_t a, b;
  CK(cudaEventCreate(&a)); CK(cudaEventCreate(&b));
  launch(); launch();
  std::vector<float> t;
  for (int r = 0; r < reps; ++r) {
    CK(cudaEventRecord(a)); launch(); CK(cudaEventRecord(b)); CK(cudaEventSynchronize(b));
    float ms; CK(cudaEventElapsedTime(&ms, a, b)); t.push_back(ms);
  }
  CK(cudaGetLastError());
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

int main() {
  int sms; CK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
  const size_t n = size_t(1) << 29;
  float *a, *b, *c;
  CK(cudaMalloc(&a, n * 4)); CK(cudaMalloc(&b, n * 4)); CK(cudaMalloc(&c, n * 4));
  CK(cudaMemset(a, 0, n * 4)); CK(cudaMemset(b, 0, n * 4)); CK(cudaMemset(c, 0, n * 4));
  const unsigned nb = unsigned((n + 255) / 256);
  int occ; CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&occ, copyK<1>, 256, 0));
  std::printf("SMs %d, resident 256-thread blocks per SM %d\n", sms, occ);
  auto gbs = [](double bytes, float ms) { return bytes / ms * 1e-6; };
  double cb = 8.0 * n;
  float t4 = median_ms([&] { copy_vec4<<<unsigned(n / 4 / 256), 256>>>((float4*)a, (float4*)b, n / 4); });
  std::printf("copy vec4 (yardstick)          %.4f ms %7.1f GB/s\n", t4, gbs(cb, t4));
  float ref = gbs(cb, t4);
  auto row = [&](const char* what, double bytes, float ms) {
    std::printf("%-34s %.4f ms %7.1f GB/s %5.1f%%\n", what, ms, gbs(bytes, ms), 100 * gbs(bytes, ms) / ref);
  };
  row("copy one element per thread", cb, median_ms([&] { copy1<<<nb, 256>>>(a, b, n); }));
  for (int m : {1, 2, 4, 8}) {
    unsigned P = unsigned(sms * occ * m);
    char w[64];
    std::snprintf(w, sizeof w, "copy persistent P=%dx K=1", m);
    row(w, cb, median_ms([&] { copyK<1><<<P, 256>>>(a, b, n, nb); }));
    std::snprintf(w, sizeof w, "copy persistent P=%dx K=2", m);
    row(w, cb, median_ms([&] { copyK<2><<<P, 256>>>(a, b, n, nb); }));
    std::snprintf(w, sizeof w, "copy persistent P=%dx K=4", m);
    row(w, cb, median_ms([&] { copyK<4><<<P, 256>>>(a, b, n, nb); }));
  }
  double sb = 12.0 * n;
  row("saxpy one element per thread", sb, median_ms([&] { saxpy1<<<nb, 256>>>(2.f, a, b, n); }));
  for (int m : {1, 2, 4}) {
    unsigned P = unsigned(sms * occ * m);
    char w[64];
    std::snprintf(w, sizeof w, "saxpy persistent P=%dx K=1", m);
    row(w, sb, median_ms([&] { saxpyK<1><<<P, 256>>>(2.f, a, b, n, nb); }));
    std::snprintf(w, sizeof w, "saxpy persistent P=%dx K=2", m);
    row(w, sb, median_ms([&] { saxpyK<2><<<P, 256>>>(2.f, a, b, n, nb); }));
    std::snprintf(w, sizeof w, "saxpy persistent P=%dx K=4", m);
    row(w, sb, median_ms([&] { saxpyK<4><<<P, 256>>>(2.f, a, b, n, nb); }));
  }
  unsigned side = 23168;
  double tb = 8.0 * side * side;
  unsigned gx = side / 32, gy = side / 8;
  row("stencil one point per thread", tb, median_ms([&] { stencil1<<<dim3(gx, gy), dim3(32, 8)>>>(side, side, a, b); }));
  int occs; CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&occs, stencilP, 256, 0));
  for (int m : {1, 2, 4}) {
    unsigned P = unsigned(sms * occs * m);
    char w[64];
    std::snprintf(w, sizeof w, "stencil persistent P=%dx", m);
    row(w, tb, median_ms([&] { stencilP<<<P, dim3(32, 8)>>>(side, side, a, b, gx, gy); }));
  }
  return 0;
}
