// Vulkan compute: --target=vulkan1.1, vulkan1.2, vulkan1.3.
#ifndef HEMATITE_BACKENDS_SPIRV_SPIRV_BACKEND_H
#define HEMATITE_BACKENDS_SPIRV_SPIRV_BACKEND_H
#include "backends/backend.h"
namespace hematite {
BackendInfo makeSpirvBackendInfo();
}
#endif
