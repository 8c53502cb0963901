// Tells module formats apart by their first bytes, so callers can hand the runtime any
// compiled kernel file without naming its format.
#pragma once

#include <cstddef>

#include "hematite/runtime.h"

namespace hm::rt {

hm_module_format detect_module_format(const void* data, size_t bytes);
const char* module_format_name(hm_module_format format);

}  // namespace hm::rt
