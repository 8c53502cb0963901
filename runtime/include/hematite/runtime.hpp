// hematite_rt, C++ interface: RAII handles and typed buffers over the C ABI
// (hematite/runtime.h), header-only.
//
// Errors: functions return hm::Status, or hm::Expected<T> (a value or a Status), as
// std::expected does; nothing throws unless you ask for it with .value(), which throws
// hm::Error on failure (or prints the message and aborts when built without
// exceptions). So both styles work:
//
//   auto device = hm::Device::open();            // Expected<Device>
//   if (!device) { puts(device.error().message().c_str()); return 1; }
//   hm::Device device = hm::Device::open("vulkan").value();   // throws hm::Error
//
// Example:
//   hm::Device device = hm::Device::open().value();
//   hm::Module module = device.load_module("saxpy.spv").value();
//   hm::Kernel saxpy = module.kernel("saxpy", {hm::scalar<float>("a"),
//                                              hm::slice_ro<float>("x"),
//                                              hm::slice_rw<float>("y")}).value();
//   auto x = device.alloc<float>(n).value();  auto y = device.alloc<float>(n).value();
//   x.write(host_x); y.write(host_y);
//   saxpy.launch(hm::blocks_for(n, 256), 256, 2.0f, x, y);
//   device.synchronize();  y.read(host_y);
//
// Streams and timing:
//   hm::Stream stream = device.create_stream().value();
//   hm::Event start = device.create_event().value(), end = device.create_event().value();
//   start.record(stream);
//   saxpy.launch_on(stream, hm::blocks_for(n, 256), 256, 2.0f, x, y);
//   end.record(stream);
//   stream.synchronize();
//   float ms = hm::Event::elapsed_ms(start, end).value();
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "hematite/runtime.h"

namespace hm {

// The outcome of a call: a code and, on failure, the runtime's message.
class Status {
 public:
  Status() = default;
  Status(hm_status code, std::string message) : code_(code), message_(std::move(message)) {}
  // The status of the last C call on this thread that returned `code`.
  static Status from(hm_status code) {
    return code == HM_SUCCESS ? Status() : Status(code, hm_last_error());
  }

  bool ok() const { return code_ == HM_SUCCESS; }
  explicit operator bool() const { return ok(); }
  hm_status code() const { return code_; }
  const std::string& message() const { return message_; }
  // "HM_ERROR_INVALID_ARGUMENT: launch of 'saxpy': ..."
  std::string to_string() const {
    return ok() ? "HM_SUCCESS" : std::string(hm_status_name(code_)) + ": " + message_;
  }

 private:
  hm_status code_ = HM_SUCCESS;
  std::string message_;
};

class Error : public std::runtime_error {
 public:
  explicit Error(const Status& status)
      : std::runtime_error(status.to_string()), code_(status.code()) {}
  hm_status code() const { return code_; }

 private:
  hm_status code_;
};

namespace detail {
[[noreturn]] inline void raise(const Status& status) {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  throw Error(status);
#else
  std::fprintf(stderr, "hematite: %s\n", status.to_string().c_str());
  std::abort();
#endif
}
}  // namespace detail

// Throws (see above) when `status` is a failure.
inline void check(const Status& status) {
  if (!status.ok()) detail::raise(status);
}

// A T or the Status that explains why there is none.
template <typename T>
class Expected {
 public:
  Expected(T value) : value_(std::move(value)) {}
  Expected(Status error) : error_(std::move(error)) {}

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Status& error() const { return error_; }

  T& operator*() & { return *value_; }
  T* operator->() { return &*value_; }
  T& value() & {
    if (!value_) detail::raise(error_);
    return *value_;
  }
  T&& value() && {
    if (!value_) detail::raise(error_);
    return std::move(*value_);
  }

 private:
  std::optional<T> value_;
  Status error_;
};

// Grid or block dimensions; a single number is (n, 1, 1).
struct Dim3 {
  uint32_t x = 1, y = 1, z = 1;
  Dim3() = default;
  Dim3(uint32_t x_, uint32_t y_ = 1, uint32_t z_ = 1) : x(x_), y(y_), z(z_) {}
};

// The number of blocks of `block` threads that cover `n` items (at least 1).
inline uint32_t blocks_for(uint64_t n, uint32_t block) {
  uint64_t blocks = (n + block - 1) / block;
  return blocks == 0 ? 1u : static_cast<uint32_t>(blocks);
}

// ---- Parameter signatures ----------------------------------------------------------

template <typename T>
hm_param_desc scalar(const char* name = nullptr) {
  static_assert(std::is_trivially_copyable_v<T>, "kernel scalars are plain values");
  return hm_param_desc{HM_PARAM_SCALAR, sizeof(T), alignof(T), name};
}
template <typename T>
hm_param_desc slice_ro(const char* name = nullptr) {
  return hm_param_desc{HM_PARAM_SLICE_RO, sizeof(T), alignof(T), name};
}
template <typename T>
hm_param_desc slice_rw(const char* name = nullptr) {
  return hm_param_desc{HM_PARAM_SLICE_RW, sizeof(T), alignof(T), name};
}

// ---- Handles -------------------------------------------------------------------------

namespace detail {
template <typename Handle, void (*Destroy)(Handle)>
struct HandleDeleter {
  void operator()(Handle h) const { Destroy(h); }
};
template <typename Handle, void (*Destroy)(Handle)>
using UniqueHandle =
    std::unique_ptr<std::remove_pointer_t<Handle>, HandleDeleter<Handle, Destroy>>;
}  // namespace detail

// An ordered sequence of launches and copies (hm_stream). A default-constructed Stream
// is the device's default stream. Move-only; destroying it lets its work finish.
class Stream {
 public:
  Stream() = default;
  explicit Stream(hm_stream handle) : handle_(handle) {}
  hm_stream get() const { return handle_.get(); }
  // Waits for the stream's work; reports faults and panics as Device::synchronize.
  Status synchronize() { return Status::from(hm_stream_synchronize(get())); }

 private:
  detail::UniqueHandle<hm_stream, hm_stream_destroy> handle_;
};

// A point in a stream's work (hm_event), for waiting and GPU timing:
//   start.record(stream); kernel.launch_on(stream, ...); end.record(stream);
//   float ms = hm::Event::elapsed_ms(start, end).value();
class Event {
 public:
  Event() = default;
  explicit Event(hm_event handle) : handle_(handle) {}
  hm_event get() const { return handle_.get(); }
  Status record(const Stream& stream = Stream()) {
    return Status::from(hm_event_record(get(), stream.get()));
  }
  Status synchronize() { return Status::from(hm_event_synchronize(get())); }
  // Milliseconds of GPU time from `start` to `end`; waits for both.
  static Expected<float> elapsed_ms(const Event& start, const Event& end) {
    float ms = 0;
    hm_status code = hm_event_elapsed_ms(start.get(), end.get(), &ms);
    if (code != HM_SUCCESS) return Status::from(code);
    return ms;
  }

 private:
  detail::UniqueHandle<hm_event, hm_event_destroy> handle_;
};

// Elements [offset, offset + count) of a buffer, as a kernel argument.
template <typename T>
struct Slice {
  hm_buffer buffer = nullptr;
  uint64_t offset = 0;
  uint64_t count = 0;
};

// Device memory holding `size()` elements of T. Move-only; frees on destruction.
template <typename T>
class Buffer {
 public:
  static_assert(std::is_trivially_copyable_v<T>, "buffers hold plain values");

  Buffer() = default;
  explicit Buffer(hm_buffer handle) : handle_(handle) {}

  hm_buffer get() const { return handle_.get(); }
  size_t size() const { return hm_buffer_size(get()) / sizeof(T); }

  Status write(const T* src, size_t count, size_t offset = 0) {
    return Status::from(hm_buffer_write(get(), offset * sizeof(T), src, count * sizeof(T)));
  }
  Status write(const std::vector<T>& src, size_t offset = 0) {
    return write(src.data(), src.size(), offset);
  }
  Status read(T* dst, size_t count, size_t offset = 0) const {
    return Status::from(hm_buffer_read(get(), offset * sizeof(T), dst, count * sizeof(T)));
  }
  Status read(std::vector<T>& dst, size_t offset = 0) const {
    return read(dst.data(), dst.size(), offset);
  }
  // Ordered on `stream`; the host memory must stay valid (and `dst` unread) until the
  // stream has been synchronized. See hm_buffer_write_async.
  Status write_async(const Stream& stream, const T* src, size_t count, size_t offset = 0) {
    return Status::from(hm_buffer_write_async(stream.get(), get(), offset * sizeof(T), src,
                                              count * sizeof(T)));
  }
  Status read_async(const Stream& stream, T* dst, size_t count, size_t offset = 0) const {
    return Status::from(hm_buffer_read_async(stream.get(), get(), offset * sizeof(T), dst,
                                             count * sizeof(T)));
  }
  Expected<std::vector<T>> read() const {
    std::vector<T> out(size());
    Status status = read(out);
    if (!status) return status;
    return out;
  }

  Slice<T> slice(uint64_t offset, uint64_t count) const { return {get(), offset, count}; }
  Slice<T> all() const { return {get(), 0, size()}; }

 private:
  detail::UniqueHandle<hm_buffer, hm_buffer_free> handle_;
};

namespace detail {
template <typename T>
hm_arg to_arg(const Slice<T>& s) {
  return hm_arg_slice(s.buffer, s.offset, s.count, sizeof(T));
}
template <typename T>
hm_arg to_arg(const Buffer<T>& b) {
  return to_arg(b.all());
}
// Scalars: any plain value; its address must stay valid during hm_launch, which it
// does since launch() takes its arguments by reference.
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
hm_arg to_arg(const T& value) {
  return hm_arg_scalar(&value, sizeof(T));
}
}  // namespace detail

class Kernel {
 public:
  Kernel() = default;
  explicit Kernel(hm_kernel handle) : handle_(handle) {}
  hm_kernel get() const { return handle_.get(); }
  std::string name() const { return hm_kernel_name(get()); }

  // Launches with C++ arguments: numbers become scalars, Buffer<T>/Slice<T> slices.
  // Asynchronous: Device::synchronize (or a buffer read) waits for it.
  template <typename... Args>
  Status launch(Dim3 grid, Dim3 block, const Args&... args) {
    std::vector<hm_arg> packed{detail::to_arg(args)...};
    return launch_args(grid, block, packed);
  }
  Status launch_args(Dim3 grid, Dim3 block, const std::vector<hm_arg>& args) {
    return launch_args_on(Stream(), grid, block, args);
  }
  // The same on `stream`.
  template <typename... Args>
  Status launch_on(const Stream& stream, Dim3 grid, Dim3 block, const Args&... args) {
    std::vector<hm_arg> packed{detail::to_arg(args)...};
    return launch_args_on(stream, grid, block, packed);
  }
  Status launch_args_on(const Stream& stream, Dim3 grid, Dim3 block,
                        const std::vector<hm_arg>& args) {
    const uint32_t g[3] = {grid.x, grid.y, grid.z};
    const uint32_t b[3] = {block.x, block.y, block.z};
    return Status::from(hm_launch_on(stream.get(), get(), g, b, args.data(), args.size()));
  }

 private:
  detail::UniqueHandle<hm_kernel, hm_kernel_release> handle_;
};

class Module {
 public:
  Module() = default;
  explicit Module(hm_module handle) : handle_(handle) {}
  hm_module get() const { return handle_.get(); }

  // The kernel with the signature the module declares: modules from hematite say
  // what each kernel takes; for other modules use the overload below.
  Expected<Kernel> kernel(const std::string& name) {
    hm_kernel kernel = nullptr;
    hm_status code = hm_kernel_get(get(), name.c_str(), nullptr, 0, &kernel);
    if (code != HM_SUCCESS) return Status::from(code);
    return Kernel(kernel);
  }

  // With a signature of the caller's: checked against the module's own where it has
  // one (a mismatch is HM_ERROR_INVALID_ARGUMENT), the only one otherwise.
  Expected<Kernel> kernel(const std::string& name, const std::vector<hm_param_desc>& params) {
    hm_kernel kernel = nullptr;
    hm_status code =
        hm_kernel_get(get(), name.c_str(), params.data(), params.size(), &kernel);
    if (code != HM_SUCCESS) return Status::from(code);
    return Kernel(kernel);
  }

 private:
  detail::UniqueHandle<hm_module, hm_module_unload> handle_;
};

class Device {
 public:
  Device() = default;
  explicit Device(hm_device handle) : handle_(handle) {}

  // See hm_device_open: nullptr means HEMATITE_DEVICE, else the best device.
  static Expected<Device> open(const char* spec = nullptr) {
    hm_device device = nullptr;
    hm_status code = hm_device_open(spec, &device);
    if (code != HM_SUCCESS) return Status::from(code);
    return Device(device);
  }
  static Expected<std::vector<hm_device_info>> list() {
    size_t count = 0;
    hm_status code = hm_device_list(nullptr, 0, &count);
    if (code != HM_SUCCESS) return Status::from(code);
    std::vector<hm_device_info> infos(count);
    code = hm_device_list(infos.data(), infos.size(), &count);
    if (code != HM_SUCCESS) return Status::from(code);
    infos.resize(std::min(infos.size(), count));
    return infos;
  }

  hm_device get() const { return handle_.get(); }
  std::string name() const { return hm_device_name(get()); }
  std::string spec() const { return hm_device_spec(get()); }
  hm_backend backend() const { return hm_device_backend(get()); }
  hm_device_limits limits() const {
    hm_device_limits limits{};
    hm_device_get_limits(get(), &limits);
    return limits;
  }
  Status synchronize() { return Status::from(hm_synchronize(get())); }

  Expected<Stream> create_stream() {
    hm_stream stream = nullptr;
    hm_status code = hm_stream_create(get(), &stream);
    if (code != HM_SUCCESS) return Status::from(code);
    return Stream(stream);
  }
  Expected<Event> create_event() {
    hm_event event = nullptr;
    hm_status code = hm_event_create(get(), &event);
    if (code != HM_SUCCESS) return Status::from(code);
    return Event(event);
  }

  template <typename T>
  Expected<Buffer<T>> alloc(size_t count, uint32_t flags = HM_BUFFER_DEFAULT) {
    hm_buffer buffer = nullptr;
    hm_status code = hm_buffer_alloc(get(), count * sizeof(T), flags, &buffer);
    if (code != HM_SUCCESS) return Status::from(code);
    return Buffer<T>(buffer);
  }

  Expected<Module> load_module(const std::string& path) {
    hm_module module = nullptr;
    hm_status code = hm_module_load_file(get(), path.c_str(), &module);
    if (code != HM_SUCCESS) return Status::from(code);
    return Module(module);
  }
  Expected<Module> load_module_data(const void* data, size_t bytes) {
    hm_module module = nullptr;
    hm_status code = hm_module_load_data(get(), data, bytes, &module);
    if (code != HM_SUCCESS) return Status::from(code);
    return Module(module);
  }

 private:
  detail::UniqueHandle<hm_device, hm_device_close> handle_;
};

}  // namespace hm
