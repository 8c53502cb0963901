// What the CUDA and HIP backends share. Both drive a GPU through a driver API of
// the same shape: calls act on the thread's current device, errors of asynchronous
// launches surface in later calls, and a module's globals hold hematite's metadata
// and panic record (docs/abi.md). The logic around those calls lives here once;
// each backend makes the calls (cuda/cuda_backend.cpp, hip/hip_backend.cpp).
#pragma once

#include <algorithm>
#include <mutex>
#include <string>

#include "backend.h"
#include "module_metadata.h"
#include "panic_message.h"
#include "panic_records.h"
#include "status.h"

namespace hm::rt {

class NativeDevice : public Device {
 public:
  PanicRecords& panic_records() { return panic_records_; }
  void note_launch(const std::string& kernel);

 protected:
  using Device::Device;

  // A failed driver call as a status. `what` names the call, `error` is the driver's
  // description; since a fault of an asynchronous launch is reported by a later
  // call, the message also names the last kernel launched.
  hm_status call_failed(bool out_of_memory, const std::string& what,
                        const std::string& error) const;
  // A failed wait (of the device or of a stream): the fault of the last kernel.
  hm_status wait_failed(const std::string& what, const std::string& error) const;

 private:
  std::string last_kernel() const;

  mutable std::mutex mutex_;
  std::string last_kernel_;
  PanicRecords panic_records_;
};

// Launch limits as both drivers report them: `attribute(id, &value)` reads one
// device attribute; `ids` name, in this order, the largest block's x, y, z, the
// largest grid's x, y, z, the most threads per block and the warp size.
// `param_bytes` is the kernel parameter space.
template <typename Id, typename ReadAttribute>
hm_status read_native_limits(const Id (&ids)[8], ReadAttribute attribute,
                             uint32_t param_bytes, hm_device_limits* limits) {
  uint32_t* targets[] = {&limits->max_block_dim[0], &limits->max_block_dim[1],
                         &limits->max_block_dim[2], &limits->max_grid_dim[0],
                         &limits->max_grid_dim[1],  &limits->max_grid_dim[2],
                         &limits->max_threads_per_block, &limits->subgroup_size};
  for (size_t i = 0; i < 8; ++i) {
    int value = 0;
    HM_TRY(attribute(ids[i], &value));
    *targets[i] = static_cast<uint32_t>(value);
  }
  limits->max_scalar_bytes = param_bytes;
  limits->slice_offset_alignment = 1;
  limits->max_slice_bytes = UINT64_MAX;
  return HM_SUCCESS;
}

// Reads a loaded module's metadata table and finds (and zeroes) its panic record.
// Both are optional: a module from another tool has neither, and `*record` is then
// left as it is. `globals` makes the driver calls:
//   hm_status find(const char* name, Ptr* address, size_t* bytes, bool* found)
//   hm_status read(void* dst, Ptr src, size_t bytes, const std::string& what)
//   hm_status write(Ptr dst, const void* src, size_t bytes, const std::string& what)
template <typename Ptr, typename Globals>
hm_status read_module_globals(Globals& globals, ModuleMetadata* metadata, Ptr* record) {
  Ptr address{};
  size_t bytes = 0;
  bool found = false;
  HM_TRY(globals.find(kMetadataGlobal, &address, &bytes, &found));
  if (found) {
    std::string text(bytes, '\0');
    HM_TRY(globals.read(text.data(), address, bytes,
                        str("reading the module's ", kMetadataGlobal)));
    text.resize(std::min(text.find('\0'), text.size()));  // NUL-terminated
    if (parse_module_metadata(text, metadata) != HM_SUCCESS)
      return fail(HM_ERROR_INVALID_MODULE, str("the module's ", kMetadataGlobal,
                                               " is malformed: ", last_error_message()));
  }

  HM_TRY(globals.find(kPanicGlobal, &address, &bytes, &found));
  if (!found) return HM_SUCCESS;
  if (bytes != kPanicRecordBytes)
    return fail(HM_ERROR_INVALID_MODULE,
                str("the module's ", kPanicGlobal, " is ", bytes, " bytes; a panic record is ",
                    kPanicRecordBytes, " (docs/abi.md)"));
  // The image zero-initializes it, but a reused address must not report an old panic.
  const PanicRecord zero;
  HM_TRY(globals.write(address, &zero, sizeof(zero), str("zeroing the module's ", kPanicGlobal)));
  *record = address;
  return HM_SUCCESS;
}

}  // namespace hm::rt
