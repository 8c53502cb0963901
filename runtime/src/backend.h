// The internal interface every backend (CUDA, HIP, Vulkan) implements. The C API
// (c_api.cpp) validates what it can without a device and forwards here; a backend only
// does what is specific to its driver.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hematite/runtime.h"
#include "signature.h"

namespace hm::rt {

struct DeviceInfo {
  hm_backend backend = HM_BACKEND_NONE;
  uint32_t index = 0;  // the backend's device index
  hm_device_type type = HM_DEVICE_TYPE_OTHER;
  std::string name;
  // The compiler target whose code runs here, as bundles name it (docs/bundle.md):
  // "sm_90", "gfx942", "vulkan1.2".
  std::string target;

  std::string spec() const;  // "cuda:0"
};

class Buffer;
class Module;
class Kernel;
class Stream;
class Event;

class Device {
 public:
  virtual ~Device() = default;
  const DeviceInfo& info() const { return info_; }
  const std::string& spec() const { return spec_; }
  const hm_device_limits& limits() const { return limits_; }

  // `bytes` may be 0.
  virtual hm_status allocate(size_t bytes, uint32_t flags, std::shared_ptr<Buffer>* out) = 0;
  // `format` was detected by the caller and is one the backend accepts.
  virtual hm_status load_module(hm_module_format format, const void* data, size_t bytes,
                                std::shared_ptr<Module>* out) = 0;
  virtual hm_status synchronize() = 0;
  // Whether this backend can load modules of `format`.
  virtual bool accepts(hm_module_format format) const = 0;
  virtual hm_status create_stream(std::shared_ptr<Stream>* out) = 0;
  virtual hm_status create_event(std::shared_ptr<Event>* out) = 0;

 protected:
  Device(DeviceInfo info, hm_device_limits limits)
      : info_(std::move(info)), spec_(info_.spec()), limits_(limits) {}

 private:
  DeviceInfo info_;
  std::string spec_;
  hm_device_limits limits_;
};

class Buffer {
 public:
  virtual ~Buffer() = default;
  size_t size() const { return size_; }
  uint32_t flags() const { return flags_; }
  bool read_only() const { return (flags_ & HM_BUFFER_READ_ONLY) != 0; }
  // The device this buffer lives on (kept alive by the buffer).
  virtual Device& device() const = 0;

  // Ranges are checked by the caller.
  virtual hm_status write(size_t offset, const void* src, size_t bytes) = 0;
  virtual hm_status read(size_t offset, void* dst, size_t bytes) = 0;
  // Copies ordered on `stream` (never null; the caller checked it is on this device).
  // The host memory must stay valid until the stream's work is done.
  virtual hm_status write_async(Stream& stream, size_t offset, const void* src,
                                size_t bytes) = 0;
  virtual hm_status read_async(Stream& stream, size_t offset, void* dst, size_t bytes) = 0;

 protected:
  Buffer(size_t size, uint32_t flags) : size_(size), flags_(flags) {}

 private:
  size_t size_;
  uint32_t flags_;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual Device& device() const = 0;
  // Looks up `name`; `signature` is already validated against the C description.
  virtual hm_status get_kernel(const std::string& name, Signature signature,
                               std::shared_ptr<Kernel>* out) = 0;
};

// An argument after checking: a scalar's bytes or a slice's buffer range.
struct BoundArg {
  // Scalar: the value's bytes (copied, so the caller's memory is not needed later).
  std::vector<uint8_t> scalar;
  // Slice: buffer + byte offset + element count. `buffer` is null for scalars.
  Buffer* buffer = nullptr;
  uint64_t byte_offset = 0;
  uint64_t count = 0;
};

struct LaunchDims {
  std::array<uint32_t, 3> grid{};
  std::array<uint32_t, 3> block{};
};

class Kernel {
 public:
  virtual ~Kernel() = default;
  const std::string& name() const { return name_; }
  const Signature& signature() const { return signature_; }
  // The kernel's #[kernel(max_threads = N)] from the module's metadata; 0 when it has
  // none (or the module has no metadata). Launches with bigger blocks are refused.
  uint32_t max_threads() const { return max_threads_; }
  virtual Device& device() const = 0;

  // Dimensions and arguments are checked (launch_check.h) before this is called.
  // `stream` is null for the default stream, else a stream of this kernel's device.
  virtual hm_status launch(const LaunchDims& dims, const std::vector<BoundArg>& args,
                           Stream* stream) = 0;

 protected:
  Kernel(std::string name, Signature signature, uint32_t max_threads = 0)
      : name_(std::move(name)), signature_(std::move(signature)), max_threads_(max_threads) {}

 private:
  std::string name_;
  Signature signature_;
  uint32_t max_threads_;
};

// An ordered sequence of launches and copies (hm_stream). Work on one stream runs in
// order; work on different streams may overlap where the backend can.
class Stream {
 public:
  virtual ~Stream() = default;
  virtual Device& device() const = 0;
  // Waits for the stream's work, then reports faults and panics as
  // Device::synchronize does.
  virtual hm_status synchronize() = 0;
};

// A point in a stream's work (hm_event), for waiting and timing.
class Event {
 public:
  virtual ~Event() = default;
  virtual Device& device() const = 0;
  // `stream` is null for the default stream, else a stream of this event's device.
  virtual hm_status record(Stream* stream) = 0;
  // Waits until the work before the last record() has finished (panics are not
  // reported here).
  virtual hm_status synchronize() = 0;
  // Milliseconds from this event to `end` (same device, both recorded); waits for both.
  virtual hm_status elapsed_ms(Event& end, float* ms) = 0;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual hm_backend kind() const = 0;
  // Loads and initializes the driver once; returns the same status (and message)
  // every time after.
  virtual hm_status initialize() = 0;
  // Usable devices, in the backend's own index order.
  virtual hm_status enumerate(std::vector<DeviceInfo>* out) = 0;
  virtual hm_status open(uint32_t index, std::shared_ptr<Device>* out) = 0;
};

// The process-wide backend instances (created on first use, never destroyed).
Backend& cuda_backend();
Backend& hip_backend();
Backend& vulkan_backend();

}  // namespace hm::rt
