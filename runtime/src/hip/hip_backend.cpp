// The HIP backend: AMD GPUs through ROCm's HIP runtime API (libamdhip64), the AMD
// counterpart of cuda/cuda_backend.cpp. Modules are hsaco code objects
// (hipModuleLoadData); a kernel's parameters are laid out as on PTX (docs/abi.md:
// AMDGCN's kernarg segment holds the same parameters) and passed with
// hipModuleLaunchKernel. HIP keeps a current device per thread, so every call selects
// the device first. The default stream is HIP's null stream, which synchronizes with
// the (blocking) streams hm_stream_create makes; events are HIP events.
#include <algorithm>
#include <cstring>
#include <vector>

#include "arg_layout.h"
#include "hip/hip_api.h"
#include "native_device.h"
#include "native_launch.h"

namespace hm::rt::hip {
namespace {

// hipMalloc(0) returns no address; empty buffers still need one.
constexpr size_t kMinAllocationBytes = 256;
// Kernel argument space every AMD GPU has.
constexpr uint32_t kKernelArgBytes = 4096;

HipDeviceptr device_address(HipDeviceptr base, size_t offset) {
  return static_cast<char*>(base) + offset;
}

class HipDevice;

class HipBuffer final : public Buffer {
 public:
  HipBuffer(std::shared_ptr<HipDevice> device, HipDeviceptr address, size_t size,
            uint32_t flags)
      : Buffer(size, flags), device_(std::move(device)), address_(address) {}
  ~HipBuffer() override;
  Device& device() const override;
  hm_status write(size_t offset, const void* src, size_t bytes) override;
  hm_status read(size_t offset, void* dst, size_t bytes) override;
  hm_status write_async(Stream& stream, size_t offset, const void* src,
                        size_t bytes) override;
  hm_status read_async(Stream& stream, size_t offset, void* dst, size_t bytes) override;
  HipDeviceptr address() const { return address_; }

 private:
  std::shared_ptr<HipDevice> device_;
  HipDeviceptr address_;
};

class HipDevice final : public NativeDevice, public std::enable_shared_from_this<HipDevice> {
 public:
  HipDevice(DeviceInfo info, hm_device_limits limits, const HipApi& api, int ordinal)
      : NativeDevice(std::move(info), limits), api_(api), ordinal_(ordinal) {}

  const HipApi& api() const { return api_; }

  // HIP calls act on the calling thread's current device; any thread may call us.
  hm_status make_current() const { return check(api_.hipSetDevice(ordinal_), "hipSetDevice"); }

  hm_status check(HipError result, const std::string& what) const {
    if (result == k_hipSuccess) return HM_SUCCESS;
    return call_failed(result == k_hipErrorOutOfMemory, what, describe_hip_error(api_, result));
  }

  hm_status allocate(size_t bytes, uint32_t flags, std::shared_ptr<Buffer>* out) override {
    HM_TRY(make_current());
    void* address = nullptr;
    HM_TRY(check(api_.hipMalloc(&address, std::max(bytes, kMinAllocationBytes)),
                 str("hipMalloc of ", bytes, " bytes")));
    *out = std::make_shared<HipBuffer>(shared_from_this(), address, bytes, flags);
    return HM_SUCCESS;
  }

  bool accepts(hm_module_format format) const override {
    return format == HM_MODULE_FORMAT_HSACO;
  }
  hm_status load_module(hm_module_format format, const void* data, size_t bytes,
                        std::shared_ptr<Module>* out) override;
  hm_status create_stream(std::shared_ptr<Stream>* out) override;
  hm_status create_event(std::shared_ptr<Event>* out) override;

  hm_status synchronize() override {
    HM_TRY(make_current());
    return after_wait(api_.hipDeviceSynchronize(), "waiting for " + spec());
  }

  // A wait's result. After a successful wait the panic records are read, with copies
  // on the null stream, which wait for every blocking stream, so no record is read
  // half written.
  hm_status after_wait(HipError result, const std::string& what) {
    if (result == k_hipSuccess) return panic_records().check();
    return wait_failed(what, describe_hip_error(api_, result));
  }

 private:
  const HipApi& api_;
  int ordinal_;
};

HipBuffer::~HipBuffer() {
  if (device_->make_current() == HM_SUCCESS) (void)device_->api().hipFree(address_);
}

Device& HipBuffer::device() const { return *device_; }

hm_status HipBuffer::write(size_t offset, const void* src, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(device_->make_current());
  return device_->check(device_->api().hipMemcpyHtoD(device_address(address_, offset),
                                                     const_cast<void*>(src), bytes),
                        str("copy of ", bytes, " bytes to the device (hipMemcpyHtoD)"));
}

hm_status HipBuffer::read(size_t offset, void* dst, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(device_->make_current());
  return device_->check(device_->api().hipMemcpyDtoH(dst, device_address(address_, offset), bytes),
                        str("copy of ", bytes, " bytes from the device (hipMemcpyDtoH)"));
}

class HipStreamImpl final : public Stream {
 public:
  HipStreamImpl(std::shared_ptr<HipDevice> device, HipStream stream)
      : device_(std::move(device)), stream_(stream) {}
  ~HipStreamImpl() override {
    if (device_->make_current() == HM_SUCCESS) (void)device_->api().hipStreamDestroy(stream_);
  }
  Device& device() const override { return *device_; }
  HipStream handle() const { return stream_; }
  hm_status synchronize() override {
    HM_TRY(device_->make_current());
    return device_->after_wait(device_->api().hipStreamSynchronize(stream_),
                               str("waiting for a stream of ", device_->spec()));
  }

 private:
  std::shared_ptr<HipDevice> device_;
  HipStream stream_;
};

// The HIP stream of `stream`, or the null stream for nullptr.
HipStream hip_stream(Stream* stream) {
  return stream ? static_cast<HipStreamImpl*>(stream)->handle() : nullptr;
}

hm_status HipBuffer::write_async(Stream& stream, size_t offset, const void* src,
                                 size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(device_->make_current());
  return device_->check(
      device_->api().hipMemcpyHtoDAsync(device_address(address_, offset),
                                        const_cast<void*>(src), bytes, hip_stream(&stream)),
      str("copy of ", bytes, " bytes to the device (hipMemcpyHtoDAsync)"));
}

hm_status HipBuffer::read_async(Stream& stream, size_t offset, void* dst, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(device_->make_current());
  return device_->check(
      device_->api().hipMemcpyDtoHAsync(dst, device_address(address_, offset), bytes,
                                        hip_stream(&stream)),
      str("copy of ", bytes, " bytes from the device (hipMemcpyDtoHAsync)"));
}

class HipEventImpl final : public Event {
 public:
  HipEventImpl(std::shared_ptr<HipDevice> device, HipEvent event)
      : device_(std::move(device)), event_(event) {}
  ~HipEventImpl() override {
    if (device_->make_current() == HM_SUCCESS) (void)device_->api().hipEventDestroy(event_);
  }
  Device& device() const override { return *device_; }

  hm_status record(Stream* stream) override {
    HM_TRY(device_->make_current());
    HM_TRY(device_->check(device_->api().hipEventRecord(event_, hip_stream(stream)),
                          "hipEventRecord"));
    recorded_ = true;
    return HM_SUCCESS;
  }
  hm_status synchronize() override {
    if (!recorded_) return HM_SUCCESS;  // as CUDA: nothing to wait for
    HM_TRY(device_->make_current());
    return device_->check(device_->api().hipEventSynchronize(event_), "hipEventSynchronize");
  }
  hm_status elapsed_ms(Event& end_event, float* ms) override {
    auto& end = static_cast<HipEventImpl&>(end_event);
    if (!recorded_ || !end.recorded_)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("hm_event_elapsed_ms: the ", !recorded_ ? "start" : "end",
                      " event was never recorded (hm_event_record)"));
    HM_TRY(synchronize());
    HM_TRY(end.synchronize());
    return device_->check(device_->api().hipEventElapsedTime(ms, event_, end.event_),
                          "hipEventElapsedTime");
  }

 private:
  std::shared_ptr<HipDevice> device_;
  HipEvent event_;
  bool recorded_ = false;
};

hm_status HipDevice::create_stream(std::shared_ptr<Stream>* out) {
  HM_TRY(make_current());
  HipStream stream = nullptr;
  HM_TRY(check(api_.hipStreamCreate(&stream), "hipStreamCreate"));
  *out = std::make_shared<HipStreamImpl>(shared_from_this(), stream);
  return HM_SUCCESS;
}

hm_status HipDevice::create_event(std::shared_ptr<Event>* out) {
  HM_TRY(make_current());
  HipEvent event = nullptr;
  HM_TRY(check(api_.hipEventCreate(&event), "hipEventCreate"));
  *out = std::make_shared<HipEventImpl>(shared_from_this(), event);
  return HM_SUCCESS;
}

class HipModuleImpl final : public Module,
                            public PanicRecordOwner,
                            public std::enable_shared_from_this<HipModuleImpl> {
 public:
  HipModuleImpl(std::shared_ptr<HipDevice> device, HipModule module, ModuleMetadata metadata,
                HipDeviceptr panic_record)
      : device_(std::move(device)),
        module_(module),
        metadata_(std::move(metadata)),
        panic_record_(panic_record) {}
  ~HipModuleImpl() override {
    if (panic_record_ != nullptr) device_->panic_records().keep_final_panic(*this);
    if (device_->make_current() == HM_SUCCESS) (void)device_->api().hipModuleUnload(module_);
  }
  Device& device() const override { return *device_; }
  HipDevice& hip_device() const { return *device_; }
  hm_status get_kernel(const std::string& name, Signature signature,
                       std::shared_ptr<Kernel>* out) override;

  const ModuleMetadata& metadata() const override { return metadata_; }
  hm_status read_panic_record(PanicRecord* out) override {
    HM_TRY(device_->make_current());
    return device_->check(device_->api().hipMemcpyDtoH(out, panic_record_, sizeof(*out)),
                          str("reading the panic record (", kPanicGlobal, ")"));
  }
  hm_status reset_panic_record() override {
    PanicRecord zero;
    HM_TRY(device_->make_current());
    return device_->check(device_->api().hipMemcpyHtoD(panic_record_, &zero, sizeof(zero)),
                          str("resetting the panic record (", kPanicGlobal, ")"));
  }

 private:
  std::shared_ptr<HipDevice> device_;
  HipModule module_;
  ModuleMetadata metadata_;
  HipDeviceptr panic_record_;  // null if the module has none
};

class HipKernel final : public Kernel {
 public:
  HipKernel(std::string name, Signature signature, uint32_t max_threads,
            std::shared_ptr<HipModuleImpl> module, HipFunction function)
      : Kernel(std::move(name), std::move(signature), max_threads),
        module_(std::move(module)),
        function_(function),
        slots_(native_param_slots(this->signature())) {}

  Device& device() const override { return module_->device(); }

  hm_status launch(const LaunchDims& dims, const std::vector<BoundArg>& args,
                   Stream* stream) override {
    HipDevice& device = module_->hip_device();
    NativeLaunchParams params(slots_, args, [](const BoundArg& arg) -> uint64_t {
      return reinterpret_cast<uint64_t>(
          device_address(static_cast<HipBuffer*>(arg.buffer)->address(), arg.byte_offset));
    });
    HM_TRY(device.make_current());
    const HipError result = device.api().hipModuleLaunchKernel(
        function_, dims.grid[0], dims.grid[1], dims.grid[2], dims.block[0], dims.block[1],
        dims.block[2], 0, hip_stream(stream), params.data(), nullptr);
    if (result != k_hipSuccess)
      return fail(HM_ERROR_LAUNCH_FAILED,
                  str("launch of '", name(), "' on ", device.spec(), " failed: ",
                      describe_hip_error(device.api(), result)));
    device.note_launch(name());
    return HM_SUCCESS;
  }

 private:
  std::shared_ptr<HipModuleImpl> module_;
  HipFunction function_;
  std::vector<NativeSlot> slots_;
};

hm_status HipModuleImpl::get_kernel(const std::string& name, Signature signature,
                                    std::shared_ptr<Kernel>* out) {
  HM_TRY(device_->make_current());
  HipFunction function = nullptr;
  const HipError result = device_->api().hipModuleGetFunction(&function, module_, name.c_str());
  if (result == k_hipErrorNotFound)
    return fail(HM_ERROR_NOT_FOUND, str("the module has no kernel named '", name, "'"));
  HM_TRY(device_->check(result, str("hipModuleGetFunction('", name, "')")));
  const KernelMetadata* metadata = metadata_.find_kernel(name);
  *out = std::make_shared<HipKernel>(name, std::move(signature),
                                     metadata ? metadata->max_threads : 0,
                                     shared_from_this(), function);
  return HM_SUCCESS;
}

// The runtime calls read_module_globals (native_device.h) makes.
struct HipGlobals {
  const HipDevice& device;
  HipModule module;

  hm_status find(const char* name, HipDeviceptr* address, size_t* bytes, bool* found) const {
    const HipError result = device.api().hipModuleGetGlobal(address, bytes, module, name);
    *found = result == k_hipSuccess;
    if (result == k_hipErrorNotFound) return HM_SUCCESS;  // a module from another tool
    return device.check(result, str("hipModuleGetGlobal('", name, "')"));
  }
  hm_status read(void* dst, HipDeviceptr src, size_t bytes, const std::string& what) const {
    return device.check(device.api().hipMemcpyDtoH(dst, src, bytes), what + " (hipMemcpyDtoH)");
  }
  hm_status write(HipDeviceptr dst, const void* src, size_t bytes,
                  const std::string& what) const {
    return device.check(device.api().hipMemcpyHtoD(dst, const_cast<void*>(src), bytes),
                        what + " (hipMemcpyHtoD)");
  }
};

hm_status HipDevice::load_module(hm_module_format, const void* data, size_t,
                                 std::shared_ptr<Module>* out) {
  HM_TRY(make_current());
  HipModule module = nullptr;
  const HipError result = api_.hipModuleLoadData(&module, data);
  if (result != k_hipSuccess)
    return fail(result == k_hipErrorOutOfMemory ? HM_ERROR_OUT_OF_MEMORY
                                                : HM_ERROR_INVALID_MODULE,
                str("loading the hsaco module on ", spec(), " (", info().name, ", ",
                    info().target, ") failed: ", describe_hip_error(api_, result),
                    " (an hsaco runs only on the gfx processor it was compiled for)"));
  ModuleMetadata metadata;
  HipDeviceptr record = nullptr;
  HipGlobals globals{*this, module};
  hm_status status = read_module_globals(globals, &metadata, &record);
  if (status != HM_SUCCESS) {
    (void)api_.hipModuleUnload(module);  // the metadata error is the one to report
    return status;
  }
  auto loaded =
      std::make_shared<HipModuleImpl>(shared_from_this(), module, std::move(metadata), record);
  if (record != nullptr) panic_records().add(loaded);
  *out = std::move(loaded);
  return HM_SUCCESS;
}

// The device's gfx processor ("gfx942"), from hipDeviceProp_t::gcnArchName
// ("gfx90a:sramecc+:xnack-"; features dropped). The properties are written into a
// buffer much larger than the struct, so a runtime whose struct grew cannot overrun it.
std::string gfx_processor(const HipApi& api, int ordinal) {
  std::vector<char> buffer(64 * 1024, '\0');
  auto* properties = reinterpret_cast<HipDeviceProp*>(buffer.data());
  if (api.hipGetDeviceProperties(properties, ordinal) != k_hipSuccess) return "";
  std::string arch;
#ifdef HEMATITE_RT_HIP_HEADERS
  arch.assign(properties->gcnArchName, strnlen(properties->gcnArchName,
                                               sizeof(properties->gcnArchName)));
#else
  // Without the headers the field's offset is unknown: take the first "gfx<hex>" string.
  for (size_t i = 0; i + 4 < buffer.size() && arch.empty(); ++i)
    if (std::memcmp(&buffer[i], "gfx", 3) == 0 && (i == 0 || buffer[i - 1] == '\0'))
      arch.assign(&buffer[i], strnlen(&buffer[i], buffer.size() - i));
#endif
  return arch.substr(0, arch.find(':'));
}

class HipBackend final : public Backend {
 public:
  hm_backend kind() const override { return HM_BACKEND_HIP; }
  hm_status initialize() override { return load_hip_api(&api_); }

  hm_status enumerate(std::vector<DeviceInfo>* out) override {
    HM_TRY(initialize());
    int count = 0;
    HM_TRY(check(api_->hipGetDeviceCount(&count), "hipGetDeviceCount"));
    std::vector<DeviceInfo> devices;
    for (int i = 0; i < count; ++i) {
      DeviceInfo info;
      if (describe(i, &info) == HM_SUCCESS) devices.push_back(std::move(info));
    }
    *out = std::move(devices);
    return HM_SUCCESS;
  }

  hm_status open(uint32_t index, std::shared_ptr<Device>* out) override {
    HM_TRY(initialize());
    int count = 0;
    HM_TRY(check(api_->hipGetDeviceCount(&count), "hipGetDeviceCount"));
    if (index >= static_cast<uint32_t>(count))
      return fail(HM_ERROR_NO_DEVICE, str("hip:", index, " does not exist: the HIP runtime "
                                          "reports ", count, " device", count == 1 ? "" : "s"));
    const int ordinal = static_cast<int>(index);
    DeviceInfo info;
    HM_TRY(describe(ordinal, &info));
    hm_device_limits limits{};
    const HipDeviceAttribute attributes[] = {
        k_hipDeviceAttributeMaxBlockDimX, k_hipDeviceAttributeMaxBlockDimY,
        k_hipDeviceAttributeMaxBlockDimZ, k_hipDeviceAttributeMaxGridDimX,
        k_hipDeviceAttributeMaxGridDimY,  k_hipDeviceAttributeMaxGridDimZ,
        k_hipDeviceAttributeMaxThreadsPerBlock, k_hipDeviceAttributeWarpSize};
    HM_TRY(read_native_limits(
        attributes,
        [&](HipDeviceAttribute attribute, int* value) {
          return check(api_->hipDeviceGetAttribute(value, attribute, ordinal),
                       "hipDeviceGetAttribute");
        },
        kKernelArgBytes, &limits));
    *out = std::make_shared<HipDevice>(std::move(info), limits, *api_, ordinal);
    return HM_SUCCESS;
  }

 private:
  hm_status check(HipError result, const std::string& what) const {
    if (result == k_hipSuccess) return HM_SUCCESS;
    return fail(HM_ERROR_BACKEND, str(what, " failed: ", describe_hip_error(*api_, result)));
  }

  hm_status describe(int ordinal, DeviceInfo* out) const {
    char name[256] = {};
    HM_TRY(check(api_->hipDeviceGetName(name, sizeof(name) - 1, ordinal), "hipDeviceGetName"));
    out->backend = HM_BACKEND_HIP;
    out->index = static_cast<uint32_t>(ordinal);
    out->type = HM_DEVICE_TYPE_DISCRETE_GPU;
    out->target = gfx_processor(*api_, ordinal);
    out->name = out->target.empty() ? std::string(name) : str(name, " (", out->target, ")");
    return HM_SUCCESS;
  }

  const HipApi* api_ = nullptr;
};

}  // namespace
}  // namespace hm::rt::hip

namespace hm::rt {
Backend& hip_backend() {
  static auto* backend = new hip::HipBackend();  // lives as long as the process
  return *backend;
}
}  // namespace hm::rt
