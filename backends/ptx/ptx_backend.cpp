// The PTX backend: LLVM's NVPTX code generator, plus the checks that the PTX can
// load (no unresolved externals).
#include "backends/ptx/ptx_backend.h"
#include "backends/llvm_common/llvm_backend.h"
#include "backends/ptx/ptx_target_info.h"

#include "llvm/ADT/StringExtras.h"

namespace hematite {
namespace {

/// The SM versions LLVM 22's NVPTX back end knows and we accept.
constexpr unsigned kSmVersions[] = {70, 72, 75, 80, 86, 87, 89, 90, 100, 120};

class PtxBackend : public LlvmBackend {
public:
  explicit PtxBackend(unsigned sm)
      : LlvmBackend(std::make_unique<PtxTargetInfo>(sm)) {}
  llvm::StringRef name() const override { return "ptx"; }
  llvm::StringRef binaryExtension() const override { return ".ptx"; }
  bool canEmit(EmitKind) const override { return true; }

protected:
  bool binaryIsObjectFile() const override { return false; }
  mlir::FailureOr<CompiledModule> finish(mlir::ModuleOp module, EmitKind,
                                         std::string ptx) override {
    // A call into libdevice or any other library that was not linked would make
    // the module fail to load at run time; refuse to write it.
    if (size_t at = ptx.find(".extern .func"); at != std::string::npos) {
      size_t end = ptx.find('\n', at);
      module.emitError() << "the PTX calls an unresolved external function: "
                         << ptx.substr(at, end - at);
      return mlir::failure();
    }
    return CompiledModule{std::move(ptx), /*isText=*/true};
  }
};

std::unique_ptr<Backend> createPtxBackend(llvm::StringRef target) {
  unsigned sm = 0;
  if (!target.consume_front("sm_") || target.getAsInteger(10, sm))
    return nullptr;
  for (unsigned known : kSmVersions)
    if (known == sm)
      return std::make_unique<PtxBackend>(sm);
  return nullptr;
}

} // namespace

BackendInfo makePtxBackendInfo() {
  std::string help;
  for (unsigned sm : kSmVersions)
    help += (help.empty() ? "sm_" : " sm_") + std::to_string(sm);
  return {"ptx", help, createPtxBackend};
}

} // namespace hematite
