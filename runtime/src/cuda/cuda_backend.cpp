// The CUDA backend: the CUDA driver API through libcuda.so.1. Each device uses its
// primary context (the one the CUDA runtime API would use, so applications can mix
// them). The default stream is the legacy stream, which orders launches and copies;
// hm_streams are blocking CUDA streams, so the synchronous copies (legacy stream) wait
// for them too. Events are CUDA events with timing. A module's
// metadata and panic record are its globals `hematite_metadata` and `hematite_panic`.
#include <algorithm>
#include <vector>

#include "arg_layout.h"
#include "cuda/cuda_api.h"
#include "native_device.h"
#include "native_launch.h"

namespace hm::rt::cuda {
namespace {

// cuMemAlloc refuses 0 bytes; empty buffers still need a valid address.
constexpr size_t kMinAllocationBytes = 256;
constexpr size_t kJitLogBytes = 16 * 1024;
// Kernel parameter space that every supported GPU has (Volta+ allow more since 12.1).
constexpr uint32_t kKernelParamBytes = 4096;

class CudaDevice;

class CudaBuffer final : public Buffer {
 public:
  CudaBuffer(std::shared_ptr<CudaDevice> device, CUdeviceptr address, size_t size,
             uint32_t flags)
      : Buffer(size, flags), device_(std::move(device)), address_(address) {}
  ~CudaBuffer() override;
  Device& device() const override;
  hm_status write(size_t offset, const void* src, size_t bytes) override;
  hm_status read(size_t offset, void* dst, size_t bytes) override;
  hm_status write_async(Stream& stream, size_t offset, const void* src,
                        size_t bytes) override;
  hm_status read_async(Stream& stream, size_t offset, void* dst, size_t bytes) override;
  CUdeviceptr address() const { return address_; }

 private:
  std::shared_ptr<CudaDevice> device_;
  CUdeviceptr address_;
};

class CudaDevice final : public NativeDevice, public std::enable_shared_from_this<CudaDevice> {
 public:
  CudaDevice(DeviceInfo info, hm_device_limits limits, const CudaApi& api, CUdevice device,
             CUcontext context)
      : NativeDevice(std::move(info), limits), api_(api), device_(device), context_(context) {}
  ~CudaDevice() override { api_.cuDevicePrimaryCtxRelease(device_); }

  const CudaApi& api() const { return api_; }

  // Driver calls act on the calling thread's current context; any thread may call us.
  hm_status make_current() const {
    return check(api_.cuCtxSetCurrent(context_), "cuCtxSetCurrent");
  }

  hm_status check(CUresult result, const std::string& what) const {
    if (result == CUDA_SUCCESS) return HM_SUCCESS;
    return call_failed(result == CUDA_ERROR_OUT_OF_MEMORY, what,
                       describe_cuda_result(api_, result));
  }

  hm_status allocate(size_t bytes, uint32_t flags, std::shared_ptr<Buffer>* out) override {
    HM_TRY(make_current());
    CUdeviceptr address = 0;
    HM_TRY(check(api_.cuMemAlloc(&address, std::max(bytes, kMinAllocationBytes)),
                 str("cuMemAlloc of ", bytes, " bytes")));
    *out = std::make_shared<CudaBuffer>(shared_from_this(), address, bytes, flags);
    return HM_SUCCESS;
  }

  bool accepts(hm_module_format format) const override {
    return format == HM_MODULE_FORMAT_PTX || format == HM_MODULE_FORMAT_CUBIN;
  }

  hm_status load_module(hm_module_format format, const void* data, size_t bytes,
                        std::shared_ptr<Module>* out) override;
  hm_status create_stream(std::shared_ptr<Stream>* out) override;
  hm_status create_event(std::shared_ptr<Event>* out) override;

  hm_status synchronize() override {
    HM_TRY(make_current());
    return after_wait(api_.cuCtxSynchronize(), "waiting for " + spec());
  }

  // The result of a wait (of the context or of a stream). After a successful wait the
  // panic records are read, with copies on the legacy stream, which wait for every
  // blocking stream, so a record is never read half written.
  hm_status after_wait(CUresult result, const std::string& what) {
    if (result == CUDA_SUCCESS) return panic_records().check();
    return wait_failed(what, describe_cuda_result(api_, result));
  }

 private:
  const CudaApi& api_;
  CUdevice device_;
  CUcontext context_;
};

CudaBuffer::~CudaBuffer() {
  // Errors cannot be reported from a destructor; a failing free means the context is
  // already broken and the error was reported elsewhere.
  if (device_->make_current() == HM_SUCCESS) device_->api().cuMemFree(address_);
}

Device& CudaBuffer::device() const { return *device_; }

hm_status CudaBuffer::write(size_t offset, const void* src, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(device_->make_current());
  return device_->check(device_->api().cuMemcpyHtoD(address_ + offset, src, bytes),
                        str("copy of ", bytes, " bytes to the device (cuMemcpyHtoD)"));
}

hm_status CudaBuffer::read(size_t offset, void* dst, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(device_->make_current());
  return device_->check(device_->api().cuMemcpyDtoH(dst, address_ + offset, bytes),
                        str("copy of ", bytes, " bytes from the device (cuMemcpyDtoH)"));
}

class CudaStream final : public Stream {
 public:
  CudaStream(std::shared_ptr<CudaDevice> device, CUstream stream)
      : device_(std::move(device)), stream_(stream) {}
  ~CudaStream() override {
    // The driver lets pending work finish and frees the stream afterwards.
    if (device_->make_current() == HM_SUCCESS) device_->api().cuStreamDestroy(stream_);
  }
  Device& device() const override { return *device_; }
  CUstream handle() const { return stream_; }

  hm_status synchronize() override {
    HM_TRY(device_->make_current());
    return device_->after_wait(device_->api().cuStreamSynchronize(stream_),
                               str("waiting for a stream of ", device_->spec()));
  }

 private:
  std::shared_ptr<CudaDevice> device_;
  CUstream stream_;
};

// The CUDA stream of `stream`, or the legacy default stream (0) for nullptr.
CUstream cuda_stream(Stream* stream) {
  return stream ? static_cast<CudaStream*>(stream)->handle() : nullptr;
}

class CudaEvent final : public Event {
 public:
  CudaEvent(std::shared_ptr<CudaDevice> device, CUevent event)
      : device_(std::move(device)), event_(event) {}
  ~CudaEvent() override {
    if (device_->make_current() == HM_SUCCESS) device_->api().cuEventDestroy(event_);
  }
  Device& device() const override { return *device_; }

  hm_status record(Stream* stream) override {
    HM_TRY(device_->make_current());
    HM_TRY(device_->check(device_->api().cuEventRecord(event_, cuda_stream(stream)),
                          "cuEventRecord"));
    recorded_ = true;
    return HM_SUCCESS;
  }

  hm_status synchronize() override {
    HM_TRY(device_->make_current());
    return device_->check(device_->api().cuEventSynchronize(event_), "cuEventSynchronize");
  }

  hm_status elapsed_ms(Event& end_event, float* ms) override {
    auto& end = static_cast<CudaEvent&>(end_event);
    if (!recorded_ || !end.recorded_)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("hm_event_elapsed_ms: the ", !recorded_ ? "start" : "end",
                      " event was never recorded (hm_event_record)"));
    HM_TRY(synchronize());
    HM_TRY(end.synchronize());
    const CudaApi& api = device_->api();
    HM_TRY(require_function(api.cuEventElapsedTime, "cuEventElapsedTime"));
    return device_->check(api.cuEventElapsedTime(ms, event_, end.event_), "cuEventElapsedTime");
  }

 private:
  std::shared_ptr<CudaDevice> device_;
  CUevent event_;
  bool recorded_ = false;
};

hm_status CudaDevice::create_stream(std::shared_ptr<Stream>* out) {
  HM_TRY(require_function(api_.cuStreamCreate, "cuStreamCreate"));
  HM_TRY(require_function(api_.cuStreamSynchronize, "cuStreamSynchronize"));
  HM_TRY(require_function(api_.cuStreamDestroy, "cuStreamDestroy_v2"));
  HM_TRY(make_current());
  CUstream stream = nullptr;
  HM_TRY(check(api_.cuStreamCreate(&stream, CU_STREAM_DEFAULT), "cuStreamCreate"));
  *out = std::make_shared<CudaStream>(shared_from_this(), stream);
  return HM_SUCCESS;
}

hm_status CudaDevice::create_event(std::shared_ptr<Event>* out) {
  HM_TRY(require_function(api_.cuEventCreate, "cuEventCreate"));
  HM_TRY(require_function(api_.cuEventRecord, "cuEventRecord"));
  HM_TRY(require_function(api_.cuEventSynchronize, "cuEventSynchronize"));
  HM_TRY(require_function(api_.cuEventDestroy, "cuEventDestroy_v2"));
  HM_TRY(make_current());
  CUevent event = nullptr;
  HM_TRY(check(api_.cuEventCreate(&event, CU_EVENT_DEFAULT), "cuEventCreate"));
  *out = std::make_shared<CudaEvent>(shared_from_this(), event);
  return HM_SUCCESS;
}

hm_status CudaBuffer::write_async(Stream& stream, size_t offset, const void* src,
                                  size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(require_function(device_->api().cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2"));
  HM_TRY(device_->make_current());
  return device_->check(
      device_->api().cuMemcpyHtoDAsync(address_ + offset, src, bytes, cuda_stream(&stream)),
      str("copy of ", bytes, " bytes to the device (cuMemcpyHtoDAsync)"));
}

hm_status CudaBuffer::read_async(Stream& stream, size_t offset, void* dst, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(require_function(device_->api().cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2"));
  HM_TRY(device_->make_current());
  return device_->check(
      device_->api().cuMemcpyDtoHAsync(dst, address_ + offset, bytes, cuda_stream(&stream)),
      str("copy of ", bytes, " bytes from the device (cuMemcpyDtoHAsync)"));
}

class CudaModule final : public Module,
                         public PanicRecordOwner,
                         public std::enable_shared_from_this<CudaModule> {
 public:
  CudaModule(std::shared_ptr<CudaDevice> device, CUmodule module, ModuleMetadata metadata,
             CUdeviceptr panic_record)
      : device_(std::move(device)),
        module_(module),
        metadata_(std::move(metadata)),
        panic_record_(panic_record) {}
  ~CudaModule() override {
    // The copy waits for the module's launches (legacy default stream).
    if (panic_record_ != 0) device_->panic_records().keep_final_panic(*this);
    if (device_->make_current() == HM_SUCCESS) device_->api().cuModuleUnload(module_);
  }
  Device& device() const override { return *device_; }
  CudaDevice& cuda_device() const { return *device_; }
  hm_status get_kernel(const std::string& name, Signature signature,
                       std::shared_ptr<Kernel>* out) override;

  const ModuleMetadata& metadata() const override { return metadata_; }
  hm_status read_panic_record(PanicRecord* out) override {
    HM_TRY(device_->make_current());
    return device_->check(device_->api().cuMemcpyDtoH(out, panic_record_, sizeof(*out)),
                          str("reading the panic record (", kPanicGlobal, ")"));
  }
  hm_status reset_panic_record() override {
    const PanicRecord zero;
    HM_TRY(device_->make_current());
    return device_->check(device_->api().cuMemcpyHtoD(panic_record_, &zero, sizeof(zero)),
                          str("resetting the panic record (", kPanicGlobal, ")"));
  }

 private:
  std::shared_ptr<CudaDevice> device_;
  CUmodule module_;
  ModuleMetadata metadata_;
  CUdeviceptr panic_record_;  // 0 if the module has none
};

class CudaKernel final : public Kernel {
 public:
  CudaKernel(std::string name, Signature signature, uint32_t max_threads,
             std::shared_ptr<CudaModule> module, CUfunction function)
      : Kernel(std::move(name), std::move(signature), max_threads),
        module_(std::move(module)),
        function_(function),
        slots_(native_param_slots(this->signature())) {}

  Device& device() const override { return module_->device(); }

  hm_status launch(const LaunchDims& dims, const std::vector<BoundArg>& args,
                   Stream* stream) override {
    CudaDevice& device = module_->cuda_device();
    NativeLaunchParams params(slots_, args, [](const BoundArg& arg) -> uint64_t {
      return static_cast<CudaBuffer*>(arg.buffer)->address() + arg.byte_offset;
    });
    HM_TRY(device.make_current());
    CUresult result = device.api().cuLaunchKernel(
        function_, dims.grid[0], dims.grid[1], dims.grid[2], dims.block[0], dims.block[1],
        dims.block[2], 0, cuda_stream(stream), params.data(), nullptr);
    if (result != CUDA_SUCCESS)
      return fail(HM_ERROR_LAUNCH_FAILED,
                  str("launch of '", name(), "' on ", device.spec(), " failed: ",
                      describe_cuda_result(device.api(), result)));
    device.note_launch(name());
    return HM_SUCCESS;
  }

 private:
  std::shared_ptr<CudaModule> module_;
  CUfunction function_;
  std::vector<NativeSlot> slots_;
};

// Where the driver can tell us the kernel's parameter list, compare it with the
// signature, so a mismatch is an error here rather than garbage arguments on the GPU.
// The driver tells the count only by failing one index past the end, an API error
// that compute-sanitizer and cuda-gdb report on every kernel lookup: that probe is
// made only when the count is not already known (`count_known`: a hematite module's
// metadata lists the kernel's parameters, and the signature has been compared with it).
hm_status check_param_list(const CudaApi& api, CUfunction function, const std::string& name,
                           const Signature& signature, bool count_known) {
  if (api.cuFuncGetParamInfo == nullptr) return HM_SUCCESS;  // driver older than 12.4
  std::vector<NativeSlot> slots = native_param_slots(signature);
  const size_t queries = slots.size() + (count_known ? 0 : 1);
  for (size_t i = 0; i < queries; ++i) {
    size_t offset = 0, size = 0;
    CUresult result = api.cuFuncGetParamInfo(function, i, &offset, &size);
    if (i == slots.size()) {
      if (result == CUDA_SUCCESS)
        return fail(HM_ERROR_INVALID_ARGUMENT,
                    str("kernel '", name, "' has more PTX parameters than the ",
                        slots.size(), " its signature implies (", signature.params.size(),
                        " parameters; a slice is two: pointer and length)"));
      return HM_SUCCESS;
    }
    if (result == CUDA_ERROR_INVALID_VALUE)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("kernel '", name, "' has ", i, " PTX parameters but its signature "
                      "implies ", slots.size(), " (", signature.params.size(),
                      " parameters; a slice is two: pointer and length)"));
    if (result != CUDA_SUCCESS) return HM_SUCCESS;  // the query is unsupported; skip
    size_t expected = slots[i].kind == NativeSlotKind::kScalar
                          ? signature.params[slots[i].param].size
                          : sizeof(uint64_t);
    if (size != expected)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("kernel '", name, "': PTX parameter ", i, " is ", size,
                      " bytes but the signature's ", describe_param(signature, slots[i].param),
                      " needs ", expected));
  }
  return HM_SUCCESS;
}

hm_status CudaModule::get_kernel(const std::string& name, Signature signature,
                                 std::shared_ptr<Kernel>* out) {
  HM_TRY(device_->make_current());
  CUfunction function = nullptr;
  CUresult result = device_->api().cuModuleGetFunction(&function, module_, name.c_str());
  if (result == CUDA_ERROR_NOT_FOUND)
    return fail(HM_ERROR_NOT_FOUND, str("the module has no kernel named '", name, "'"));
  HM_TRY(device_->check(result, str("cuModuleGetFunction('", name, "')")));
  const KernelMetadata* metadata = metadata_.find_kernel(name);
  HM_TRY(check_param_list(device_->api(), function, name, signature,
                          metadata != nullptr && !metadata->params.empty()));
  *out = std::make_shared<CudaKernel>(name, std::move(signature),
                                      metadata ? metadata->max_threads : 0,
                                      shared_from_this(), function);
  return HM_SUCCESS;
}

// The driver calls read_module_globals (native_device.h) makes.
struct CudaGlobals {
  const CudaDevice& device;
  CUmodule module;

  hm_status find(const char* name, CUdeviceptr* address, size_t* bytes, bool* found) const {
    const CUresult result = device.api().cuModuleGetGlobal(address, bytes, module, name);
    *found = result == CUDA_SUCCESS;
    if (result == CUDA_ERROR_NOT_FOUND) return HM_SUCCESS;  // a module from another tool
    return device.check(result, str("cuModuleGetGlobal('", name, "')"));
  }
  hm_status read(void* dst, CUdeviceptr src, size_t bytes, const std::string& what) const {
    return device.check(device.api().cuMemcpyDtoH(dst, src, bytes), what + " (cuMemcpyDtoH)");
  }
  hm_status write(CUdeviceptr dst, const void* src, size_t bytes,
                  const std::string& what) const {
    return device.check(device.api().cuMemcpyHtoD(dst, src, bytes), what + " (cuMemcpyHtoD)");
  }
};

hm_status CudaDevice::load_module(hm_module_format format, const void* data, size_t bytes,
                                  std::shared_ptr<Module>* out) {
  HM_TRY(make_current());
  // PTX is read as a C string: give it its terminating NUL.
  std::string text;
  const void* image = data;
  if (format == HM_MODULE_FORMAT_PTX) {
    text.assign(static_cast<const char*>(data), bytes);
    image = text.c_str();
  }
  std::vector<char> error_log(kJitLogBytes, '\0');
  std::vector<char> info_log(kJitLogBytes, '\0');
  CUjit_option options[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                            CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES};
  void* values[] = {error_log.data(), reinterpret_cast<void*>(kJitLogBytes - 1),
                    info_log.data(), reinterpret_cast<void*>(kJitLogBytes - 1)};
  CUmodule module = nullptr;
  CUresult result = api_.cuModuleLoadDataEx(&module, image, 4, options, values);
  if (result != CUDA_SUCCESS) {
    hm_status status = result == CUDA_ERROR_OUT_OF_MEMORY ? HM_ERROR_OUT_OF_MEMORY
                                                          : HM_ERROR_INVALID_MODULE;
    std::string log(error_log.data());
    return fail(status, str("loading the ", format == HM_MODULE_FORMAT_PTX ? "PTX" : "cubin",
                            " module on ", spec(), " (", info().name, ") failed: ",
                            describe_cuda_result(api_, result),
                            log.empty() ? "" : str("\nJIT log:\n", log)));
  }
  ModuleMetadata metadata;
  CUdeviceptr record = 0;
  CudaGlobals globals{*this, module};
  // A driver older than cuModuleGetGlobal: no metadata or panic record to read.
  hm_status status = api_.cuModuleGetGlobal == nullptr
                         ? HM_SUCCESS
                         : read_module_globals(globals, &metadata, &record);
  if (status != HM_SUCCESS) {
    api_.cuModuleUnload(module);
    return status;
  }
  auto loaded = std::make_shared<CudaModule>(shared_from_this(), module, std::move(metadata),
                                             record);
  if (record != 0) panic_records().add(loaded);
  *out = std::move(loaded);
  return HM_SUCCESS;
}

class CudaBackend final : public Backend {
 public:
  hm_backend kind() const override { return HM_BACKEND_CUDA; }

  hm_status initialize() override { return load_cuda_api(&api_); }

  hm_status enumerate(std::vector<DeviceInfo>* out) override {
    HM_TRY(initialize());
    int count = 0;
    HM_TRY(check(api_->cuDeviceGetCount(&count), "cuDeviceGetCount"));
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
    HM_TRY(check(api_->cuDeviceGetCount(&count), "cuDeviceGetCount"));
    if (index >= static_cast<uint32_t>(count))
      return fail(HM_ERROR_NO_DEVICE,
                  str("cuda:", index, " does not exist: the CUDA driver reports ", count,
                      " device", count == 1 ? "" : "s"));
    DeviceInfo info;
    HM_TRY(describe(static_cast<int>(index), &info));
    CUdevice device = 0;
    HM_TRY(check(api_->cuDeviceGet(&device, static_cast<int>(index)), "cuDeviceGet"));

    hm_device_limits limits{};
    const CUdevice_attribute attributes[] = {
        CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X, CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Y,
        CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z, CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X,
        CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y,  CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z,
        CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK, CU_DEVICE_ATTRIBUTE_WARP_SIZE};
    HM_TRY(read_native_limits(
        attributes,
        [&](CUdevice_attribute attribute, int* value) {
          return check(api_->cuDeviceGetAttribute(value, attribute, device),
                       "cuDeviceGetAttribute");
        },
        kKernelParamBytes, &limits));

    CUcontext context = nullptr;
    HM_TRY(check(api_->cuDevicePrimaryCtxRetain(&context, device),
                 str("cuDevicePrimaryCtxRetain(cuda:", index, ")")));
    *out = std::make_shared<CudaDevice>(std::move(info), limits, *api_, device, context);
    return HM_SUCCESS;
  }

 private:
  hm_status check(CUresult result, const std::string& what) const {
    if (result == CUDA_SUCCESS) return HM_SUCCESS;
    return fail(HM_ERROR_BACKEND, str(what, " failed: ", describe_cuda_result(*api_, result)));
  }

  hm_status describe(int ordinal, DeviceInfo* out) const {
    CUdevice device = 0;
    HM_TRY(check(api_->cuDeviceGet(&device, ordinal), "cuDeviceGet"));
    char name[256] = {};
    HM_TRY(check(api_->cuDeviceGetName(name, sizeof(name) - 1, device), "cuDeviceGetName"));
    int major = 0, minor = 0;
    api_->cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
    api_->cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
    out->backend = HM_BACKEND_CUDA;
    out->index = static_cast<uint32_t>(ordinal);
    out->type = HM_DEVICE_TYPE_DISCRETE_GPU;
    out->name = str(name, " (sm_", major, minor, ")");
    out->target = str("sm_", major, minor);
    return HM_SUCCESS;
  }

  const CudaApi* api_ = nullptr;
};

}  // namespace
}  // namespace hm::rt::cuda

namespace hm::rt {
Backend& cuda_backend() {
  static auto* backend = new cuda::CudaBackend();  // lives as long as the process
  return *backend;
}
}  // namespace hm::rt
