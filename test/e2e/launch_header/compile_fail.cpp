// Wrong arguments to a generated launch function are C++ compile errors. Compiled by
// compile_check.cmake once per CASE: CASE 0 must compile, every other must not (and
// fail for the reason given in CMakeLists.txt).
#include "lh_kernels.hpp"

void use(hm::Device& device, hm::Stream& stream, hm::Buffer<float>& x, hm::Buffer<float>& y,
         const hm::Buffer<float>& cy, hm::Buffer<int32_t>& i, hm::Buffer<double>& d,
         hm::Buffer<uint32_t>& u, hm::Buffer<uint64_t>& u64) {
  (void)device; (void)stream; (void)x; (void)y; (void)cy; (void)i; (void)d; (void)u; (void)u64;
#if CASE == 0
  // Everything a caller may pass.
  hm::Status s = lh_kernels::saxpy(device, 1, 32, 2.0f, x, y);
  s = lh_kernels::saxpy({device, stream}, hm::Dim3(1, 1, 1), hm::Dim3(32), 2.0f,
                        x.slice(0, 4), y.slice(4, 4));
  s = lh_kernels::saxpy(device, 1, 32, 2.0f, hm::Slice<const float>(x), y.all());
  s = lh_kernels::saxpy(device, 1, 32, 2.0f, cy, y);  // a const buffer is fine for &[T]
  s = lh_kernels::saxpy(stream, 1, 32, 2.0f, x, y);   // a stream says its device
  s = lh_kernels::mixed(device, 1, 32, 1u, int64_t(-1), true, uint64_t(10), int8_t(1), u, u64);
  (void)s;
#elif CASE == 1
  lh_kernels::saxpy(device, 1, 32, 2.0f, i, y);  // &[f32] given Buffer<i32>
#elif CASE == 2
  lh_kernels::saxpy(device, 1, 32, 2.0f, x, hm::Slice<const float>(y));  // &mut given &
#elif CASE == 3
  lh_kernels::saxpy(device, 1, 32, 2.0f, x, cy);  // &mut [f32] given a const buffer
#elif CASE == 4
  lh_kernels::saxpy(device, 1, 32, 2.0f, x);  // an argument missing
#elif CASE == 5
  lh_kernels::saxpy(device, 1, 32, 2.0f, x, y, y);  // one too many
#elif CASE == 6
  lh_kernels::saxpy(device, 1, 32, 2.0f, d.all(), y);  // &[f32] given a Slice<double>
#elif CASE == 7
  lh_kernels::mixed(device, 1, 32, 1u, int64_t(-1), true, uint64_t(10), int8_t(1), i, u64);  // &[u32] given i32
#elif CASE == 8
  lh_kernels::saxpy(y, 1, 32, 2.0f, x, y);  // a buffer where the device or stream goes
#elif CASE == 9
  lh_kernels::saxpy(device, 1, 32, x, x, y);  // a buffer for the scalar
#endif
}
