#include "native_device.h"

namespace hm::rt {

void NativeDevice::note_launch(const std::string& kernel) {
  std::lock_guard<std::mutex> lock(mutex_);
  last_kernel_ = kernel;
}

std::string NativeDevice::last_kernel() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_kernel_;
}

hm_status NativeDevice::call_failed(bool out_of_memory, const std::string& what,
                                    const std::string& error) const {
  const std::string kernel = last_kernel();
  return fail(out_of_memory ? HM_ERROR_OUT_OF_MEMORY : HM_ERROR_BACKEND,
              str(what, " failed on ", spec(), ": ", error,
                  kernel.empty() ? ""
                                 : str(" (the last kernel launched on ", spec(), " was '",
                                       kernel,
                                       "'; a fault in it is reported by the next call that "
                                       "waits)")));
}

hm_status NativeDevice::wait_failed(const std::string& what, const std::string& error) const {
  const std::string kernel = last_kernel();
  return fail(HM_ERROR_LAUNCH_FAILED,
              str(what, " failed: ", error,
                  kernel.empty() ? "" : str("; the last kernel launched was '", kernel, "'")));
}

}  // namespace hm::rt
