// AMD GPUs: --target=gfx90a, gfx942, gfx1100, gfx1201.
#ifndef HEMATITE_BACKENDS_AMDGCN_AMDGCN_BACKEND_H
#define HEMATITE_BACKENDS_AMDGCN_AMDGCN_BACKEND_H
#include "backends/backend.h"
namespace hematite {
BackendInfo makeAmdgcnBackendInfo();
}
#endif
