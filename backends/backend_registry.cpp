// The backend registry. Each target folder provides one make*BackendInfo().
#include "backends/backend.h"
#include "backends/amdgcn/amdgcn_backend.h"
#include "backends/ptx/ptx_backend.h"
#include "backends/spirv/spirv_backend.h"

namespace hematite {

const std::vector<BackendInfo> &registeredBackends() {
  static const std::vector<BackendInfo> backends = {
      makePtxBackendInfo(), makeAmdgcnBackendInfo(), makeSpirvBackendInfo()};
  return backends;
}

std::unique_ptr<Backend> createBackend(llvm::StringRef target) {
  for (const BackendInfo &info : registeredBackends())
    if (std::unique_ptr<Backend> backend = info.factory(target))
      return backend;
  return nullptr;
}

std::string describeTargets() {
  std::string text;
  for (const BackendInfo &info : registeredBackends()) {
    if (!text.empty())
      text += "; ";
    text += info.family + ": " + info.targetsHelp;
  }
  return text;
}

} // namespace hematite
