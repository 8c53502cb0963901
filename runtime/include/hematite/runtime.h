/* hematite_rt: the Hematite runtime, C ABI.
 *
 * Opens a CUDA, HIP or Vulkan device (libraries are loaded at run time with dlopen, so
 * one binary runs wherever any of them exists), allocates buffers, loads compiled kernel modules
 * (PTX, cubin, SPIR-V) and launches kernels on streams with arguments checked against
 * the kernel's parameter signature, and times them with events. The kernel ABI the launches follow is docs/abi.md.
 *
 * Conventions:
 *  - Every function that can fail returns hm_status; HM_SUCCESS is 0. On failure,
 *    hm_last_error() returns a message (per thread) that says what failed and why.
 *  - Handles are opaque. Destroying a handle drops the caller's reference only: a buffer,
 *    module or kernel keeps its device alive, and a kernel keeps its module alive, so
 *    handles may be destroyed in any order.
 *  - Destroy functions accept NULL.
 */
#ifndef HEMATITE_RUNTIME_H
#define HEMATITE_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define HM_API __declspec(dllexport)
#else
#define HM_API __attribute__((visibility("default")))
#endif

#define HM_VERSION_MAJOR 0
#define HM_VERSION_MINOR 1

/* ---- Status ------------------------------------------------------------------------ */

typedef enum hm_status {
  HM_SUCCESS = 0,
  HM_ERROR_INVALID_ARGUMENT = 1,  /* a bad value passed to the API (NULL, wrong argument) */
  HM_ERROR_LIBRARY_NOT_FOUND = 2, /* libcuda.so.1 / libamdhip64 / libvulkan.so.1 could not be
                                     loaded */
  HM_ERROR_NO_DEVICE = 3,         /* no device matches the request */
  HM_ERROR_NOT_FOUND = 4,         /* a kernel name not in the module, a missing file */
  HM_ERROR_INVALID_MODULE = 5,    /* unrecognized or malformed module, or the wrong format
                                     for the device (PTX on Vulkan) */
  HM_ERROR_OUT_OF_MEMORY = 6,
  HM_ERROR_UNSUPPORTED = 7,       /* valid request the device or runtime cannot do (yet) */
  HM_ERROR_LAUNCH_FAILED = 8,     /* the kernel faulted or the launch was refused */
  HM_ERROR_BACKEND = 9,           /* any other error from the driver API */
  HM_ERROR_IO = 10,               /* a file could not be read */
  HM_ERROR_KERNEL_PANIC = 11      /* a kernel panicked (bounds check, panic!, assert!, ...);
                                     hm_last_error() is Rust's panic message */
} hm_status;

/* "HM_SUCCESS", "HM_ERROR_INVALID_ARGUMENT", ... ("HM_STATUS_UNKNOWN" otherwise). */
HM_API const char* hm_status_name(hm_status status);

/* The message of the last failed call on this thread ("" if none). Valid until the
 * next failing call on the same thread. */
HM_API const char* hm_last_error(void);

/* ---- Backends and devices ------------------------------------------------------------ */

typedef enum hm_backend {
  HM_BACKEND_NONE = 0,
  HM_BACKEND_CUDA = 1,
  HM_BACKEND_VULKAN = 2,
  HM_BACKEND_HIP = 3  /* AMD GPUs through libamdhip64 (ROCm) */
} hm_backend;

typedef enum hm_device_type {
  HM_DEVICE_TYPE_OTHER = 0,
  HM_DEVICE_TYPE_DISCRETE_GPU = 1,
  HM_DEVICE_TYPE_INTEGRATED_GPU = 2,
  HM_DEVICE_TYPE_VIRTUAL_GPU = 3,
  HM_DEVICE_TYPE_CPU = 4
} hm_device_type;

/* "cuda", "vulkan", "hip" ("none" otherwise). */
HM_API const char* hm_backend_name(hm_backend backend);

/* Loads and initializes the backend's driver library. HM_SUCCESS when the backend can be
 * used (it may still have no device); otherwise hm_last_error() says why, e.g. which
 * library is missing and which package provides it. */
HM_API hm_status hm_backend_check(hm_backend backend);

typedef struct hm_device_info {
  hm_backend backend;
  uint32_t index;      /* the backend's own device index: "cuda:<index>" */
  hm_device_type type;
  char spec[32];       /* the string hm_device_open accepts for this device */
  char name[256];      /* as the driver reports it */
} hm_device_info;

/* Lists every usable device, best first (the order hm_device_open(NULL) picks from):
 * CUDA GPUs, HIP GPUs, then Vulkan discrete, integrated, virtual GPUs, other, CPU devices.
 * Writes min(capacity, total) entries to infos (which may be NULL when capacity is 0)
 * and the total to *count. A backend that cannot be loaded contributes no device; an
 * empty list is HM_SUCCESS with *count == 0 (see hm_backend_check for the reasons). */
HM_API hm_status hm_device_list(hm_device_info* infos, size_t capacity, size_t* count);

typedef struct hm_device_s* hm_device;
typedef struct hm_stream_s* hm_stream; /* see "Streams and events" */

/* Opens a device.
 * spec: "cuda:0", "hip:0", "vulkan:1" (index as in hm_device_info), "cuda" / "hip" /
 * "vulkan" (the best device of that backend), or NULL: the HEMATITE_DEVICE environment variable if set and
 * non-empty, otherwise the best device of all (the first of hm_device_list). */
HM_API hm_status hm_device_open(const char* spec, hm_device* out_device);
HM_API void hm_device_close(hm_device device);

HM_API const char* hm_device_name(hm_device device);
HM_API const char* hm_device_spec(hm_device device); /* "cuda:0" */
HM_API hm_backend hm_device_backend(hm_device device);
/* The compiler target whose code runs on the device, as bundles name it
 * (docs/bundle.md): "sm_90", "gfx942", "vulkan1.2". */
HM_API const char* hm_device_target(hm_device device);

typedef struct hm_device_limits {
  uint32_t max_block_dim[3];         /* per dimension */
  uint32_t max_threads_per_block;    /* product of the block dimensions */
  uint32_t max_grid_dim[3];
  uint32_t subgroup_size;            /* warp size on CUDA */
  uint32_t max_scalar_bytes;         /* Vulkan: push-constant bytes for scalars + lengths */
  uint64_t slice_offset_alignment;   /* bytes; a slice's byte offset must be a multiple */
  uint64_t max_slice_bytes;          /* largest slice a kernel can see, in bytes */
} hm_device_limits;

HM_API hm_status hm_device_get_limits(hm_device device, hm_device_limits* out_limits);

/* Waits until all work submitted to the device has finished. A kernel that faulted is
 * reported here (or by the next call that waits on the device) as
 * HM_ERROR_LAUNCH_FAILED naming the kernel. A kernel that panicked since the last
 * hm_synchronize is reported here only, as HM_ERROR_KERNEL_PANIC with the message Rust
 * would print ("kernel 'k' panicked at src/k.rs:7:13:\nindex out of bounds: ...");
 * the panic is then cleared and the device and module stay usable. */
HM_API hm_status hm_synchronize(hm_device device);

/* ---- Buffers ------------------------------------------------------------------------- */

typedef struct hm_buffer_s* hm_buffer;

typedef enum hm_buffer_flags {
  HM_BUFFER_DEFAULT = 0,
  /* Kernels may only read it: passing it as a `&mut [T]` argument is refused. */
  HM_BUFFER_READ_ONLY = 1
} hm_buffer_flags;

/* Allocates `bytes` bytes of device memory (0 is allowed: an empty buffer for empty
 * slices). The contents are undefined until written. */
HM_API hm_status hm_buffer_alloc(hm_device device, size_t bytes, uint32_t flags,
                                 hm_buffer* out_buffer);
/* Waits for work that may use the buffer, then frees it. */
HM_API void hm_buffer_free(hm_buffer buffer);
HM_API size_t hm_buffer_size(hm_buffer buffer);

/* Synchronous copies; they wait for earlier launches on the device first. */
HM_API hm_status hm_buffer_write(hm_buffer buffer, size_t offset, const void* src,
                                 size_t bytes);
HM_API hm_status hm_buffer_read(hm_buffer buffer, size_t offset, void* dst, size_t bytes);

/* Copies ordered on a stream (NULL: the default stream; see "Streams and events") after
 * its earlier work. They may return before the copy is done, so `src` must stay unchanged
 * and `dst` unread until the stream (or an event recorded after the copy) has been
 * synchronized. On Vulkan they wait for earlier work and copy before returning. */
HM_API hm_status hm_buffer_write_async(hm_stream stream, hm_buffer buffer, size_t offset,
                                       const void* src, size_t bytes);
HM_API hm_status hm_buffer_read_async(hm_stream stream, hm_buffer buffer, size_t offset,
                                      void* dst, size_t bytes);

/* ---- Modules and kernels -------------------------------------------------------------- */

typedef struct hm_module_s* hm_module;
typedef struct hm_kernel_s* hm_kernel;

typedef enum hm_module_format {
  HM_MODULE_FORMAT_UNKNOWN = 0,
  HM_MODULE_FORMAT_PTX = 1,   /* text; CUDA */
  HM_MODULE_FORMAT_CUBIN = 2, /* ELF for NVIDIA GPUs (e_machine EM_CUDA); CUDA */
  HM_MODULE_FORMAT_HSACO = 3, /* ELF for AMD GPUs (e_machine EM_AMDGPU); HIP */
  HM_MODULE_FORMAT_SPIRV = 4  /* binary, magic 0x07230203; Vulkan */
} hm_module_format;

/* Detects a module's format from its first bytes (no full validation). */
HM_API hm_module_format hm_module_detect_format(const void* data, size_t bytes);
HM_API const char* hm_module_format_name(hm_module_format format); /* "PTX", ... */

/* Loads a module; the format is detected from the content and must suit the device.
 * A bundle (.hmb, docs/bundle.md) is recognized by its magic: the image that suits the
 * device is loaded (the cubin for its exact SM, else the newest PTX not newer than the
 * device, the hsaco for its exact gfx processor, the newest SPIR-V the Vulkan device
 * supports); when none does, HM_ERROR_INVALID_MODULE lists each image and why it was
 * rejected. */
HM_API hm_status hm_module_load_data(hm_device device, const void* data, size_t bytes,
                                     hm_module* out_module);
HM_API hm_status hm_module_load_file(hm_device device, const char* path,
                                     hm_module* out_module);
HM_API void hm_module_unload(hm_module module);

/* A kernel's parameter signature, in source order (see docs/abi.md). Modules from
 * hematite carry it in their metadata; for other modules the caller supplies it. */
typedef enum hm_param_kind {
  HM_PARAM_SCALAR = 1,   /* bool, integers, floats; size and align of the type */
  HM_PARAM_SLICE_RO = 2, /* &[T]; size and align of T */
  HM_PARAM_SLICE_RW = 3  /* &mut [T]; size and align of T */
} hm_param_kind;

typedef struct hm_param_desc {
  hm_param_kind kind;
  uint32_t size;    /* scalar size, or element size of a slice, in bytes */
  uint32_t align;   /* power of two; 0 means "same as size" */
  const char* name; /* optional (may be NULL): used in error messages */
} hm_param_desc;

/* Looks up a kernel by name and binds it to its parameter signature, which every launch
 * is checked against. The signature is validated (kinds, sizes, device limits such as
 * Vulkan's push-constant size); `params` may be NULL when nparams is 0.
 * Modules written by hematite declare each kernel's parameters in their metadata
 * (docs/abi.md): with params == NULL and nparams == 0 that signature is used; with a
 * signature of the caller's, the two must agree in count, kinds and sizes, else
 * HM_ERROR_INVALID_ARGUMENT names the first parameter that differs. */
HM_API hm_status hm_kernel_get(hm_module module, const char* name,
                               const hm_param_desc* params, size_t nparams,
                               hm_kernel* out_kernel);
HM_API void hm_kernel_release(hm_kernel kernel);
HM_API const char* hm_kernel_name(hm_kernel kernel);

/* ---- Streams and events ------------------------------------------------------------- */

/* A stream is an ordered sequence of launches and copies on one device. Work on one
 * stream runs in submission order; work on different streams may overlap (CUDA) or run
 * one after the other (Vulkan: every stream feeds the device's one compute queue).
 * Wherever a function takes a stream, NULL means the device's default stream, the one
 * hm_launch and the synchronous copies use. Streams order against the default stream
 * (CUDA: they are created blocking), so hm_synchronize and synchronous buffer copies
 * wait for the work of every stream. */

HM_API hm_status hm_stream_create(hm_device device, hm_stream* out_stream);
/* Drops the handle; work already submitted to the stream still runs to completion. */
HM_API void hm_stream_destroy(hm_stream stream);
/* The device handle the stream was created from (not a new reference: valid while that
 * handle is open); NULL for a NULL stream. */
HM_API hm_device hm_stream_device(hm_stream stream);
/* Waits for the stream's work and reports, as hm_synchronize does, a kernel that
 * faulted (HM_ERROR_LAUNCH_FAILED) or panicked (HM_ERROR_KERNEL_PANIC, with Rust's
 * message; the panic is cleared). On Vulkan it waits for all work submitted to the
 * device so far. */
HM_API hm_status hm_stream_synchronize(hm_stream stream);

/* An event marks a point in a stream's work: hm_event_record places it after the work
 * submitted so far; hm_event_synchronize waits for that work; two recorded events give
 * the GPU time between them. Vulkan: a timestamp query written on the compute queue. */
typedef struct hm_event_s* hm_event;

HM_API hm_status hm_event_create(hm_device device, hm_event* out_event);
/* Drops the handle; a pending record still completes. */
HM_API void hm_event_destroy(hm_event event);
/* stream: NULL for the default stream; it must be on the event's device. Recording
 * again moves the event to the new point. */
HM_API hm_status hm_event_record(hm_event event, hm_stream stream);
/* Waits for the work before the event's last record. Does not report panics (only the
 * hm_*synchronize of devices and streams do). */
HM_API hm_status hm_event_synchronize(hm_event event);
/* GPU time in milliseconds from `start` to `end` (both recorded, same device); waits
 * for both first. Vulkan: HM_ERROR_UNSUPPORTED when the compute queue has no
 * timestamps. Resolution: about 0.5 microseconds on CUDA, timestampPeriod on Vulkan. */
HM_API hm_status hm_event_elapsed_ms(hm_event start, hm_event end, float* out_ms);

/* ---- Launch ---------------------------------------------------------------------------- */

typedef enum hm_arg_kind {
  HM_ARG_SCALAR = 1,
  HM_ARG_SLICE = 2
} hm_arg_kind;

typedef struct hm_arg {
  hm_arg_kind kind;
  union {
    struct {
      const void* data; /* the value's bytes (host memory, read during hm_launch) */
      size_t size;      /* must equal the parameter's size */
    } scalar;
    struct {
      hm_buffer buffer;
      uint64_t offset;       /* first element, in elements of the parameter's type */
      uint64_t count;        /* number of elements (the slice's len()) */
      uint32_t element_size; /* if non-zero, must equal the parameter's element size */
    } slice;
  } u;
} hm_arg;

/* Launches grid[0]*grid[1]*grid[2] blocks of block[0]*block[1]*block[2] threads.
 * The arguments are checked against the kernel's signature and the device's limits
 * first; on any mismatch nothing is launched and the error names the argument.
 * The launch is asynchronous: call hm_synchronize (or read a buffer) to wait for it.
 * Scalars are copied during the call. */
HM_API hm_status hm_launch(hm_kernel kernel, const uint32_t grid[3], const uint32_t block[3],
                           const hm_arg* args, size_t nargs);

/* hm_launch on `stream` (NULL: the default stream), with the same checks. */
HM_API hm_status hm_launch_on(hm_stream stream, hm_kernel kernel, const uint32_t grid[3],
                              const uint32_t block[3], const hm_arg* args, size_t nargs);

/* Argument constructors (C99 compound literals work as well). */
static inline hm_arg hm_arg_scalar(const void* data, size_t size) {
  hm_arg a;
  a.kind = HM_ARG_SCALAR;
  a.u.slice.element_size = 0;
  a.u.slice.offset = 0;
  a.u.slice.count = 0;
  a.u.scalar.data = data;
  a.u.scalar.size = size;
  return a;
}

static inline hm_arg hm_arg_slice(hm_buffer buffer, uint64_t offset, uint64_t count,
                                  uint32_t element_size) {
  hm_arg a;
  a.kind = HM_ARG_SLICE;
  a.u.slice.buffer = buffer;
  a.u.slice.offset = offset;
  a.u.slice.count = count;
  a.u.slice.element_size = element_size;
  return a;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* HEMATITE_RUNTIME_H */
