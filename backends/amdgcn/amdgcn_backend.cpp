// The AMDGCN backend: LLVM's AMDGPU code generator, then lld into a code object.
#include "backends/amdgcn/amdgcn_backend.h"
#include "backends/amdgcn/amdgcn_target_info.h"
#include "backends/amdgcn/lld_link.h"
#include "backends/amdgcn/ocml.h"
#include "backends/amdgcn/resource_report.h"
#include "backends/llvm_common/llvm_backend.h"

namespace hematite {
namespace {

struct GfxTarget {
  const char *name;
  bool wave64; // CDNA runs wave64; RDNA's default (and ours) is wave32.
};
constexpr GfxTarget kGfxTargets[] = {
    {"gfx90a", true}, {"gfx942", true}, {"gfx1100", false}, {"gfx1201", false}};

class AmdgcnBackend : public LlvmBackend {
public:
  explicit AmdgcnBackend(const GfxTarget &gfx)
      : LlvmBackend(std::make_unique<AmdgcnTargetInfo>(gfx.name, gfx.wave64)),
        gfx(gfx) {}
  llvm::StringRef name() const override { return "amdgcn"; }
  llvm::StringRef binaryExtension() const override { return ".hsaco"; }
  bool canEmit(EmitKind kind) const override {
    return kind != EmitKind::MachineCode && kind != EmitKind::MachineAssembly;
  }

protected:
  bool binaryIsObjectFile() const override { return true; }

  /// Math without AMDGPU instructions becomes __ocml_* calls (ocml.h).
  mlir::LogicalResult prepareModule(mlir::ModuleOp module) override {
    ocml = findOcml();
    return convertMathToOcml(module, *target, ocml);
  }
  mlir::LogicalResult linkLibraries(mlir::ModuleOp module,
                                    llvm::Module &llvmModule) override {
    return linkOcml(module, llvmModule, ocml, gfx.name, gfx.wave64);
  }
  mlir::FailureOr<CompiledModule> finish(mlir::ModuleOp module, EmitKind kind,
                                         std::string code,
                                         const CompileOptions &options) override {
    if (kind == EmitKind::Assembly)
      return CompiledModule{std::move(code), /*isText=*/true, {}};
    std::string hsaco, error;
    if (!linkCodeObject(code, hsaco, error)) {
      module.emitError() << "linking the AMDGPU code object failed: " << error;
      return mlir::failure();
    }
    std::string report;
    if (options.resourceReport)
      report = amdgpuResourceReport(hsaco, gfx.name);
    return CompiledModule{std::move(hsaco), /*isText=*/false, std::move(report)};
  }

private:
  GfxTarget gfx;
  std::string ocml; // ocml.bc, found by prepareModule; empty if none
};

std::unique_ptr<Backend> createAmdgcnBackend(llvm::StringRef target) {
  for (const GfxTarget &gfx : kGfxTargets)
    if (target == gfx.name)
      return std::make_unique<AmdgcnBackend>(gfx);
  return nullptr;
}

} // namespace

BackendInfo makeAmdgcnBackendInfo() {
  std::string help;
  for (const GfxTarget &gfx : kGfxTargets)
    help += (help.empty() ? "" : " ") + std::string(gfx.name);
  return {"amdgcn", help, createAmdgcnBackend};
}

} // namespace hematite
