// The panic records of a device's live modules, checked at hm_synchronize: a set record
// is reported as HM_ERROR_KERNEL_PANIC with Rust's message and reset, so the device and
// the module stay usable. Backends say how to read and reset a record (a copy from the
// CUDA global, a mapped Vulkan buffer); the reporting is the same for all.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "module_metadata.h"
#include "panic_message.h"

namespace hm::rt {

// A module that has a panic record.
class PanicRecordOwner {
 public:
  virtual ~PanicRecordOwner() = default;
  virtual const ModuleMetadata& metadata() const = 0;
  // Called only while the device is idle (after a successful wait).
  virtual hm_status read_panic_record(PanicRecord* out) = 0;
  virtual hm_status reset_panic_record() = 0;
};

class PanicRecords {
 public:
  // Modules are held weakly, so that the device does not keep them loaded.
  void add(std::weak_ptr<PanicRecordOwner> owner);

  // For a module being unloaded, once its work is done: keeps the message of a set
  // record for the next check(), so that unloading a module does not lose its panic.
  void keep_final_panic(PanicRecordOwner& owner);

  // Reads every live module's record. Set records are reset and reported together as
  // HM_ERROR_KERNEL_PANIC, one message per module (unloaded ones first, then in load
  // order), separated by a newline; HM_SUCCESS when none is set. A failing read or
  // reset is returned as is.
  hm_status check();

 private:
  std::mutex mutex_;  // also keeps two threads from reporting the same panic
  std::vector<std::weak_ptr<PanicRecordOwner>> owners_;
  std::vector<std::string> unloaded_panics_;
};

}  // namespace hm::rt
