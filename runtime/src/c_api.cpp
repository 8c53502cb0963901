// The C ABI (hematite/runtime.h): checks what can be checked without a device (NULL
// handles, ranges, formats), then forwards to the backend objects. No exception or crash
// crosses this boundary: allocation failures become HM_ERROR_OUT_OF_MEMORY.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>
#include <vector>

#include "backend.h"
#include "bundle_select.h"
#include "device_registry.h"
#include "handles.h"
#include "launch_check.h"
#include "module_format.h"
#include "panic_records.h"
#include "signature.h"
#include "status.h"

using namespace hm::rt;

namespace {

// Runs `body`, turning C++ exceptions (only std::bad_alloc and friends can occur) into
// a status, so they never unwind through C callers.
template <typename Body>
hm_status guarded(const char* function, Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(HM_ERROR_OUT_OF_MEMORY, str(function, ": out of host memory"));
  } catch (const std::exception& e) {
    return fail(HM_ERROR_BACKEND, str(function, ": internal error: ", e.what()));
  }
}

hm_status null_argument(const char* function, const char* name) {
  return fail(HM_ERROR_INVALID_ARGUMENT, str(function, ": ", name, " is NULL"));
}

const char* formats_taken_by(hm_backend backend) {
  switch (backend) {
    case HM_BACKEND_VULKAN: return "Vulkan devices take SPIR-V";
    case HM_BACKEND_HIP: return "HIP devices take hsaco";
    default: return "CUDA devices take PTX or cubin";
  }
}

void copy_string(char* out, size_t capacity, const std::string& text) {
  std::snprintf(out, capacity, "%s", text.c_str());
}

Buffer* buffer_of(hm_buffer buffer) { return buffer->impl.get(); }

hm_status check_range(const char* function, hm_buffer buffer, size_t offset, size_t bytes) {
  const size_t size = buffer->impl->size();
  if (offset > size || bytes > size - offset)
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str(function, ": bytes [", offset, ", ", offset, " + ", bytes,
                    ") are outside the buffer of ", size, " bytes"));
  return HM_SUCCESS;
}

// A stream argument: NULL is the default stream (nullptr), anything else must belong to
// `device`, since a stream orders work on one device only.
hm_status stream_on(const char* function, hm_stream stream, const Device& device,
                    Stream** out) {
  *out = nullptr;
  if (stream == nullptr) return HM_SUCCESS;
  if (&stream->impl->device() != &device)
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str(function, ": the stream belongs to ", stream->impl->device().spec(),
                    " but the work is for ", device.spec(),
                    " (a different device, or another hm_device_open of it)"));
  *out = stream->impl.get();
  return HM_SUCCESS;
}

hm_status launch_on(const char* function, hm_stream stream, hm_kernel kernel,
                    const uint32_t grid[3], const uint32_t block[3], const hm_arg* args,
                    size_t nargs) {
  if (kernel == nullptr) return null_argument(function, "kernel");
  if (grid == nullptr) return null_argument(function, "grid");
  if (block == nullptr) return null_argument(function, "block");
  Kernel& impl = *kernel->impl;
  Stream* on = nullptr;
  HM_TRY(stream_on(function, stream, impl.device(), &on));
  LaunchDims dims;
  for (int d = 0; d < 3; ++d) {
    dims.grid[d] = grid[d];
    dims.block[d] = block[d];
  }
  HM_TRY(check_launch_dims(impl.name(), dims, impl.device().limits()));
  HM_TRY(check_kernel_max_threads(impl.name(), dims, impl.max_threads()));
  std::vector<BoundArg> bound;
  HM_TRY(bind_launch_args(impl, args, nargs, buffer_of, &bound));
  return impl.launch(dims, bound, on);
}

// The checks shared by the asynchronous copies; `*on` is the stream to copy on.
hm_status check_async_copy(const char* function, hm_stream stream, hm_buffer buffer,
                           size_t offset, const void* host, size_t bytes, Stream** on) {
  if (buffer == nullptr) return null_argument(function, "buffer");
  if (host == nullptr && bytes > 0) return null_argument(function, "host pointer");
  HM_TRY(check_range(function, buffer, offset, bytes));
  return stream_on(function, stream, buffer->impl->device(), on);
}

// "a: f32, x: &[f32], y: &mut [f32]"
std::string describe_declared(const KernelMetadata& kernel) {
  std::string out;
  for (const ParamMetadata& p : kernel.params)
    out += (out.empty() ? "" : ", ") + p.name + ": " + p.type;
  return out;
}

// The signature a launch of `name` is checked against. Modules from hematite say
// what their kernels take (the `param` lines of their metadata): without a caller's
// signature that one is used; with one, the two must agree. Other modules (nvcc's
// PTX, hand-written SPIR-V) have only the caller's.
hm_status signature_for(hm_module module, const char* name, const hm_param_desc* params,
                        size_t nparams, Signature* out) {
  auto* owner = dynamic_cast<PanicRecordOwner*>(module->impl.get());
  const KernelMetadata* meta = owner ? owner->metadata().find_kernel(name) : nullptr;
  if (meta == nullptr || meta->params.empty())
    return make_signature(name, params, nparams, out);
  std::vector<hm_param_desc> declared;
  for (const ParamMetadata& p : meta->params)
    declared.push_back({p.kind, p.size, p.size, p.name.c_str()});
  if (nparams == 0 && params == nullptr)
    return make_signature(name, declared.data(), declared.size(), out);
  if (nparams != declared.size())
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str("kernel '", name, "' takes ", declared.size(), " parameter(s) (",
                    describe_declared(*meta), ") but the signature given has ", nparams));
  for (size_t i = 0; i < nparams; ++i) {
    const ParamMetadata& p = meta->params[i];
    if (params[i].kind != p.kind || params[i].size != p.size)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("kernel '", name, "' parameter ", i, " '", p.name, "' is `", p.type,
                      "` in the module (", param_kind_text(p.kind), ", ", p.size,
                      "-byte), but the signature given says ", param_kind_text(params[i].kind), ", ",
                      params[i].size, "-byte"));
  }
  return make_signature(name, params, nparams, out);
}

}  // namespace

extern "C" {

const char* hm_status_name(hm_status status) {
  switch (status) {
    case HM_SUCCESS: return "HM_SUCCESS";
    case HM_ERROR_INVALID_ARGUMENT: return "HM_ERROR_INVALID_ARGUMENT";
    case HM_ERROR_LIBRARY_NOT_FOUND: return "HM_ERROR_LIBRARY_NOT_FOUND";
    case HM_ERROR_NO_DEVICE: return "HM_ERROR_NO_DEVICE";
    case HM_ERROR_NOT_FOUND: return "HM_ERROR_NOT_FOUND";
    case HM_ERROR_INVALID_MODULE: return "HM_ERROR_INVALID_MODULE";
    case HM_ERROR_OUT_OF_MEMORY: return "HM_ERROR_OUT_OF_MEMORY";
    case HM_ERROR_UNSUPPORTED: return "HM_ERROR_UNSUPPORTED";
    case HM_ERROR_LAUNCH_FAILED: return "HM_ERROR_LAUNCH_FAILED";
    case HM_ERROR_BACKEND: return "HM_ERROR_BACKEND";
    case HM_ERROR_IO: return "HM_ERROR_IO";
    case HM_ERROR_KERNEL_PANIC: return "HM_ERROR_KERNEL_PANIC";
  }
  return "HM_STATUS_UNKNOWN";
}

const char* hm_last_error(void) { return last_error_message(); }

const char* hm_backend_name(hm_backend backend) {
  switch (backend) {
    case HM_BACKEND_CUDA: return "cuda";
    case HM_BACKEND_VULKAN: return "vulkan";
    case HM_BACKEND_HIP: return "hip";
    case HM_BACKEND_NONE: break;
  }
  return "none";
}

hm_status hm_backend_check(hm_backend backend) {
  return guarded("hm_backend_check", [&] {
    Backend* impl = find_backend(backend);
    if (impl == nullptr)
      return fail(HM_ERROR_UNSUPPORTED, str("the ", hm_backend_name(backend),
                                            " backend is not implemented yet"));
    return impl->initialize();
  });
}

hm_status hm_device_list(hm_device_info* infos, size_t capacity, size_t* count) {
  return guarded("hm_device_list", [&] {
    if (count == nullptr) return null_argument("hm_device_list", "count");
    if (capacity > 0 && infos == nullptr) return null_argument("hm_device_list", "infos");
    std::vector<DeviceInfo> devices;
    HM_TRY(list_devices(&devices));
    for (size_t i = 0; i < devices.size() && i < capacity; ++i) {
      infos[i] = hm_device_info{};
      infos[i].backend = devices[i].backend;
      infos[i].index = devices[i].index;
      infos[i].type = devices[i].type;
      copy_string(infos[i].spec, sizeof(infos[i].spec), devices[i].spec());
      copy_string(infos[i].name, sizeof(infos[i].name), devices[i].name);
    }
    *count = devices.size();
    return HM_SUCCESS;
  });
}

hm_status hm_device_open(const char* spec, hm_device* out_device) {
  return guarded("hm_device_open", [&] {
    if (out_device == nullptr) return null_argument("hm_device_open", "out_device");
    *out_device = nullptr;
    std::shared_ptr<Device> device;
    HM_TRY(open_device(spec, &device));
    *out_device = new hm_device_s{std::move(device)};
    return HM_SUCCESS;
  });
}

void hm_device_close(hm_device device) { delete device; }

const char* hm_device_name(hm_device device) {
  return device ? device->impl->info().name.c_str() : "";
}

const char* hm_device_spec(hm_device device) {
  return device ? device->impl->spec().c_str() : "";
}

const char* hm_device_target(hm_device device) {
  return device ? device->impl->info().target.c_str() : "";
}

hm_backend hm_device_backend(hm_device device) {
  return device ? device->impl->info().backend : HM_BACKEND_NONE;
}

hm_status hm_device_get_limits(hm_device device, hm_device_limits* out_limits) {
  if (device == nullptr) return null_argument("hm_device_get_limits", "device");
  if (out_limits == nullptr) return null_argument("hm_device_get_limits", "out_limits");
  *out_limits = device->impl->limits();
  return HM_SUCCESS;
}

hm_status hm_synchronize(hm_device device) {
  return guarded("hm_synchronize", [&] {
    if (device == nullptr) return null_argument("hm_synchronize", "device");
    return device->impl->synchronize();
  });
}

hm_status hm_buffer_alloc(hm_device device, size_t bytes, uint32_t flags,
                          hm_buffer* out_buffer) {
  return guarded("hm_buffer_alloc", [&] {
    if (out_buffer == nullptr) return null_argument("hm_buffer_alloc", "out_buffer");
    *out_buffer = nullptr;
    if (device == nullptr) return null_argument("hm_buffer_alloc", "device");
    if ((flags & ~uint32_t{HM_BUFFER_READ_ONLY}) != 0)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("hm_buffer_alloc: unknown flags 0x", std::hex, flags));
    std::shared_ptr<Buffer> buffer;
    HM_TRY(device->impl->allocate(bytes, flags, &buffer));
    *out_buffer = new hm_buffer_s{std::move(buffer)};
    return HM_SUCCESS;
  });
}

void hm_buffer_free(hm_buffer buffer) { delete buffer; }

size_t hm_buffer_size(hm_buffer buffer) { return buffer ? buffer->impl->size() : 0; }

hm_status hm_buffer_write(hm_buffer buffer, size_t offset, const void* src, size_t bytes) {
  return guarded("hm_buffer_write", [&] {
    if (buffer == nullptr) return null_argument("hm_buffer_write", "buffer");
    if (src == nullptr && bytes > 0) return null_argument("hm_buffer_write", "src");
    HM_TRY(check_range("hm_buffer_write", buffer, offset, bytes));
    return buffer->impl->write(offset, src, bytes);
  });
}

hm_status hm_buffer_read(hm_buffer buffer, size_t offset, void* dst, size_t bytes) {
  return guarded("hm_buffer_read", [&] {
    if (buffer == nullptr) return null_argument("hm_buffer_read", "buffer");
    if (dst == nullptr && bytes > 0) return null_argument("hm_buffer_read", "dst");
    HM_TRY(check_range("hm_buffer_read", buffer, offset, bytes));
    return buffer->impl->read(offset, dst, bytes);
  });
}

hm_status hm_buffer_write_async(hm_stream stream, hm_buffer buffer, size_t offset,
                                const void* src, size_t bytes) {
  return guarded("hm_buffer_write_async", [&] {
    Stream* on = nullptr;
    HM_TRY(check_async_copy("hm_buffer_write_async", stream, buffer, offset, src, bytes, &on));
    if (on == nullptr) return buffer->impl->write(offset, src, bytes);
    return buffer->impl->write_async(*on, offset, src, bytes);
  });
}

hm_status hm_buffer_read_async(hm_stream stream, hm_buffer buffer, size_t offset, void* dst,
                               size_t bytes) {
  return guarded("hm_buffer_read_async", [&] {
    Stream* on = nullptr;
    HM_TRY(check_async_copy("hm_buffer_read_async", stream, buffer, offset, dst, bytes, &on));
    if (on == nullptr) return buffer->impl->read(offset, dst, bytes);
    return buffer->impl->read_async(*on, offset, dst, bytes);
  });
}

hm_module_format hm_module_detect_format(const void* data, size_t bytes) {
  return detect_module_format(data, bytes);
}

const char* hm_module_format_name(hm_module_format format) {
  return module_format_name(format);
}

hm_status hm_module_load_data(hm_device device, const void* data, size_t bytes,
                              hm_module* out_module) {
  return guarded("hm_module_load_data", [&] {
    if (out_module == nullptr) return null_argument("hm_module_load_data", "out_module");
    *out_module = nullptr;
    if (device == nullptr) return null_argument("hm_module_load_data", "device");
    if (data == nullptr && bytes > 0) return null_argument("hm_module_load_data", "data");
    Device& impl = *device->impl;
    // A bundle: load the image chosen for this device; errors name the image.
    bool is_bundle = false;
    std::string image, image_target;
    hm_module_format declared = HM_MODULE_FORMAT_UNKNOWN;
    HM_TRY(open_bundle(impl.info(), data, bytes, &is_bundle, &image, &declared, &image_target));
    const std::string what =
        is_bundle ? str("the bundle's ", image_target, " ", module_format_name(declared),
                        " image: ")
                  : std::string();
    if (is_bundle) {
      data = image.data();
      bytes = image.size();
    }
    hm_module_format format = detect_module_format(data, bytes);
    if (format == HM_MODULE_FORMAT_UNKNOWN)
      return fail(HM_ERROR_INVALID_MODULE,
                  str(what, "the ", bytes, "-byte module is not a bundle, PTX, cubin, hsaco "
                      "or SPIR-V (its first bytes match none of them)"));
    if (is_bundle && format != declared)
      return fail(HM_ERROR_INVALID_MODULE,
                  str(what, "its bytes are ", module_format_name(format)));
    if (!impl.accepts(format))
      return fail(HM_ERROR_INVALID_MODULE,
                  str("the module is ", module_format_name(format), ", which ",
                      impl.spec(), " (a ", hm_backend_name(impl.info().backend),
                      " device) cannot load; ", formats_taken_by(impl.info().backend)));
    std::shared_ptr<Module> module;
    hm_status status = impl.load_module(format, data, bytes, &module);
    if (status != HM_SUCCESS) return fail(status, what + last_error_message());
    *out_module = new hm_module_s{std::move(module)};
    return HM_SUCCESS;
  });
}

hm_status hm_module_load_file(hm_device device, const char* path, hm_module* out_module) {
  return guarded("hm_module_load_file", [&] {
    if (out_module == nullptr) return null_argument("hm_module_load_file", "out_module");
    *out_module = nullptr;
    if (path == nullptr) return null_argument("hm_module_load_file", "path");
    std::ifstream file(path, std::ios::binary);
    if (!file)
      return fail(HM_ERROR_IO, str("cannot open module file '", path, "': ",
                                   std::strerror(errno)));
    std::vector<char> bytes((std::istreambuf_iterator<char>(file)),
                            std::istreambuf_iterator<char>());
    if (file.bad())
      return fail(HM_ERROR_IO, str("error reading module file '", path, "'"));
    hm_status status = hm_module_load_data(device, bytes.data(), bytes.size(), out_module);
    if (status != HM_SUCCESS) return fail(status, str(path, ": ", last_error_message()));
    return HM_SUCCESS;
  });
}

void hm_module_unload(hm_module module) { delete module; }


hm_status hm_kernel_get(hm_module module, const char* name, const hm_param_desc* params,
                        size_t nparams, hm_kernel* out_kernel) {
  return guarded("hm_kernel_get", [&] {
    if (out_kernel == nullptr) return null_argument("hm_kernel_get", "out_kernel");
    *out_kernel = nullptr;
    if (module == nullptr) return null_argument("hm_kernel_get", "module");
    if (name == nullptr) return null_argument("hm_kernel_get", "name");
    Signature signature;
    HM_TRY(signature_for(module, name, params, nparams, &signature));
    std::shared_ptr<Kernel> kernel;
    HM_TRY(module->impl->get_kernel(name, std::move(signature), &kernel));
    *out_kernel = new hm_kernel_s{std::move(kernel)};
    return HM_SUCCESS;
  });
}

void hm_kernel_release(hm_kernel kernel) { delete kernel; }

const char* hm_kernel_name(hm_kernel kernel) {
  return kernel ? kernel->impl->name().c_str() : "";
}

hm_status hm_launch(hm_kernel kernel, const uint32_t grid[3], const uint32_t block[3],
                    const hm_arg* args, size_t nargs) {
  return guarded("hm_launch", [&] {
    return launch_on("hm_launch", nullptr, kernel, grid, block, args, nargs);
  });
}

hm_status hm_launch_on(hm_stream stream, hm_kernel kernel, const uint32_t grid[3],
                       const uint32_t block[3], const hm_arg* args, size_t nargs) {
  return guarded("hm_launch_on", [&] {
    return launch_on("hm_launch_on", stream, kernel, grid, block, args, nargs);
  });
}

hm_status hm_stream_create(hm_device device, hm_stream* out_stream) {
  return guarded("hm_stream_create", [&] {
    if (out_stream == nullptr) return null_argument("hm_stream_create", "out_stream");
    *out_stream = nullptr;
    if (device == nullptr) return null_argument("hm_stream_create", "device");
    std::shared_ptr<Stream> stream;
    HM_TRY(device->impl->create_stream(&stream));
    *out_stream = new hm_stream_s{std::move(stream), device};
    return HM_SUCCESS;
  });
}

void hm_stream_destroy(hm_stream stream) { delete stream; }

hm_device hm_stream_device(hm_stream stream) { return stream ? stream->device : nullptr; }

hm_status hm_stream_synchronize(hm_stream stream) {
  return guarded("hm_stream_synchronize", [&] {
    if (stream == nullptr) return null_argument("hm_stream_synchronize", "stream");
    return stream->impl->synchronize();
  });
}

hm_status hm_event_create(hm_device device, hm_event* out_event) {
  return guarded("hm_event_create", [&] {
    if (out_event == nullptr) return null_argument("hm_event_create", "out_event");
    *out_event = nullptr;
    if (device == nullptr) return null_argument("hm_event_create", "device");
    std::shared_ptr<Event> event;
    HM_TRY(device->impl->create_event(&event));
    *out_event = new hm_event_s{std::move(event)};
    return HM_SUCCESS;
  });
}

void hm_event_destroy(hm_event event) { delete event; }

hm_status hm_event_record(hm_event event, hm_stream stream) {
  return guarded("hm_event_record", [&] {
    if (event == nullptr) return null_argument("hm_event_record", "event");
    Stream* on = nullptr;
    HM_TRY(stream_on("hm_event_record", stream, event->impl->device(), &on));
    return event->impl->record(on);
  });
}

hm_status hm_event_synchronize(hm_event event) {
  return guarded("hm_event_synchronize", [&] {
    if (event == nullptr) return null_argument("hm_event_synchronize", "event");
    return event->impl->synchronize();
  });
}

hm_status hm_event_elapsed_ms(hm_event start, hm_event end, float* out_ms) {
  return guarded("hm_event_elapsed_ms", [&] {
    if (start == nullptr) return null_argument("hm_event_elapsed_ms", "start");
    if (end == nullptr) return null_argument("hm_event_elapsed_ms", "end");
    if (out_ms == nullptr) return null_argument("hm_event_elapsed_ms", "out_ms");
    if (&start->impl->device() != &end->impl->device())
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("hm_event_elapsed_ms: the events belong to different devices (",
                      start->impl->device().spec(), " and ", end->impl->device().spec(),
                      ")"));
    return start->impl->elapsed_ms(*end->impl, out_ms);
  });
}

}  // extern "C"
