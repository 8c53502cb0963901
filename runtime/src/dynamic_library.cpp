#include "dynamic_library.h"

#include <dlfcn.h>

#include "status.h"

namespace hm::rt {

hm_status DynamicLibrary::open(const char* file_name, const char* how_to_get_it) {
  file_name_ = file_name;
  handle_ = dlopen(file_name, RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* reason = dlerror();
    return fail(HM_ERROR_LIBRARY_NOT_FOUND,
                str(file_name, " not found: ", how_to_get_it,
                    " (dlopen: ", reason ? reason : "unknown error", ")"));
  }
  return HM_SUCCESS;
}

void* DynamicLibrary::find(const char* symbol) const {
  return handle_ ? dlsym(handle_, symbol) : nullptr;
}

}  // namespace hm::rt
