// hematite_rt: what the typed launch headers written by `hematite --emit=header` need,
// over the C++ layer (hematite/runtime.hpp). Header-only.
//
// A generated header (docs/cmake.md) has one function per kernel:
//
//   namespace saxpy_kernels {
//   hm::Status saxpy(hm::StreamRef on, hm::Dim3 grid, hm::Dim3 block,
//                    float a, hm::Slice<const float> x, hm::Slice<float> y);
//   }
//
// called as
//
//   saxpy_kernels::saxpy(device, hm::blocks_for(n, 256), 256, 2.0f, x, y);
//   saxpy_kernels::saxpy({device, stream}, grid, block, 2.0f, x.slice(10, 90), y);
//
// - hm::StreamRef: where the launch goes: a device (its default stream), a stream,
//   or {device, stream}.
// - hm::Slice<const T> is a `&[T]` argument: it takes a Buffer<T>, a Slice<T> or a
//   Slice<const T>. hm::Slice<T> is a `&mut [T]`: it takes a Buffer<T> (non-const) or a
//   Slice<T>, never a Slice<const T> or a const Buffer<T>. Element types must match
//   exactly; anything else is a compile error.
// - The kernels' module (the bundle embedded in the header) is loaded on a device at
//   the first launch there and kept until the program exits (hm::detail::EmbeddedModule).
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "hematite/runtime.hpp"

namespace hm {

// A read-only view of elements [offset, offset + count) of a buffer: a `&[T]` argument.
// (hm::Slice<T>, in runtime.hpp, is the read-write `&mut [T]` one.)
template <typename T>
struct Slice<const T> {
  hm_buffer buffer = nullptr;
  uint64_t offset = 0;
  uint64_t count = 0;

  Slice() = default;
  Slice(hm_buffer buffer_, uint64_t offset_, uint64_t count_)
      : buffer(buffer_), offset(offset_), count(count_) {}
  // A read-write view or a whole buffer can always be passed where reads are enough.
  Slice(const Slice<T>& s) : buffer(s.buffer), offset(s.offset), count(s.count) {}
  Slice(const Buffer<T>& b) : buffer(b.get()), offset(0), count(b.size()) {}
};

// Where a launch goes: a device and one of its streams (none: the device's default
// stream). Converts from `hm::Device&`, so `kernel(device, ...)` and
// `kernel({device, stream}, ...)` both work.
struct StreamRef {
  hm_device device = nullptr;
  hm_stream stream = nullptr;

  StreamRef(const Device& d) : device(d.get()) {}
  // A stream knows its device (the handle it was created from).
  StreamRef(const Stream& s) : device(hm_stream_device(s.get())), stream(s.get()) {}
  StreamRef(const Device& d, const Stream& s) : device(d.get()), stream(s.get()) {}
  StreamRef(hm_device d, hm_stream s = nullptr) : device(d), stream(s) {}
};

namespace detail {

// What a generated header passes on for each argument of its forwarding overload: a
// buffer becomes a view of all of it (read-write from a non-const buffer, read-only
// from a const one); anything else is passed on unchanged.
template <typename T>
Slice<T> kernel_arg(Buffer<T>& b) {
  return b.all();
}
template <typename T>
Slice<const T> kernel_arg(const Buffer<T>& b) {
  return Slice<const T>(b);
}
template <typename A>
A&& kernel_arg(A&& a) {
  return std::forward<A>(a);
}

template <typename T>
hm_arg slice_arg(const Slice<T>& s) {
  return hm_arg_slice(s.buffer, s.offset, s.count, sizeof(T));
}
template <typename T>
hm_arg scalar_arg(const T& value) {
  return hm_arg_scalar(&value, sizeof(T));
}

// The module embedded in a generated header (a bundle or a single target's module),
// loaded on each device at its first launch there, with its kernels looked up once.
// Thread-safe. What it loaded stays loaded until the program exits (on purpose: the
// runtime may already be gone when static objects are destroyed), so it keeps the
// devices it was used on alive until then. Entries are per hm_device handle.
class EmbeddedModule {
 public:
  // `kernels`: the kernels' names, in the order kernel() takes their index.
  EmbeddedModule(const unsigned char* data, size_t size, std::vector<const char*> kernels)
      : data_(data), size_(size), names_(std::move(kernels)) {}
  EmbeddedModule(const EmbeddedModule&) = delete;
  EmbeddedModule& operator=(const EmbeddedModule&) = delete;

  // Kernel number `index` on `device`, bound to `params` (its signature).
  Status kernel(hm_device device, size_t index, const hm_param_desc* params, size_t nparams,
                hm_kernel* out) {
    *out = nullptr;
    if (device == nullptr)
      return Status(HM_ERROR_INVALID_ARGUMENT,
                    std::string("launch of '") + names_[index] + "': no device");
    std::lock_guard<std::mutex> lock(mutex_);
    Entry* entry = nullptr;
    for (Entry& e : entries_)
      if (e.device == device) entry = &e;
    if (entry == nullptr) {
      hm_module module = nullptr;
      hm_status code = hm_module_load_data(device, data_, size_, &module);
      if (code != HM_SUCCESS) return Status::from(code);
      entries_.push_back(Entry{device, module, std::vector<hm_kernel>(names_.size())});
      entry = &entries_.back();
    }
    hm_kernel& kernel = entry->kernels[index];
    if (kernel == nullptr) {
      hm_status code = hm_kernel_get(entry->module, names_[index], params, nparams, &kernel);
      if (code != HM_SUCCESS) return Status::from(code);
    }
    *out = kernel;
    return Status();
  }

 private:
  struct Entry {
    hm_device device;
    hm_module module;
    std::vector<hm_kernel> kernels;
  };
  const unsigned char* data_;
  size_t size_;
  std::vector<const char*> names_;
  std::mutex mutex_;
  std::vector<Entry> entries_;
};

// The launch itself, once the kernel is known.
inline Status launch(StreamRef on, hm_kernel kernel, Dim3 grid, Dim3 block,
                     const hm_arg* args, size_t nargs) {
  const uint32_t g[3] = {grid.x, grid.y, grid.z};
  const uint32_t b[3] = {block.x, block.y, block.z};
  return Status::from(hm_launch_on(on.stream, kernel, g, b, args, nargs));
}

}  // namespace detail
}  // namespace hm
