// NVIDIA PTX: --target=sm_XX.
#ifndef HEMATITE_BACKENDS_PTX_PTX_BACKEND_H
#define HEMATITE_BACKENDS_PTX_PTX_BACKEND_H
#include "backends/backend.h"
namespace hematite {
BackendInfo makePtxBackendInfo();
}
#endif
