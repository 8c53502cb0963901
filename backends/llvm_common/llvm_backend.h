// The compile() that PTX and AMDGCN share: hm → LLVM dialect → LLVM IR → O-level
// pipeline → the target's code generator. Targets supply their LlvmTargetInfo and
// what to do with the machine code.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_LLVM_BACKEND_H
#define HEMATITE_BACKENDS_LLVM_COMMON_LLVM_BACKEND_H

#include "backends/backend.h"
#include "backends/llvm_common/target_info.h"

#include "llvm/IR/Module.h"

#include <memory>

namespace hematite {

class LlvmBackend : public Backend {
public:
  explicit LlvmBackend(std::unique_ptr<LlvmTargetInfo> target)
      : target(std::move(target)) {}

  mlir::FailureOr<CompiledModule> compile(mlir::ModuleOp module, EmitKind kind,
                                          const CompileOptions &options) final;

protected:
  /// Runs before the lowering to the LLVM dialect, e.g. to turn math ops into
  /// calls of a device library (PTX: libdevice). Default: nothing.
  virtual mlir::LogicalResult prepareModule(mlir::ModuleOp) {
    return mlir::success();
  }
  /// Links device libraries into the translated module, before the O-level
  /// pipeline (which then drops what is not used). Reports to `module`'s
  /// context and returns failure on error. Default: nothing.
  virtual mlir::LogicalResult linkLibraries(mlir::ModuleOp, llvm::Module &) {
    return mlir::success();
  }
  /// Turns the target's assembly (Assembly) or object file (Binary) into the
  /// final output, e.g. checking PTX or linking an object into a code object.
  virtual mlir::FailureOr<CompiledModule>
  finish(mlir::ModuleOp module, EmitKind kind, std::string machineCode,
         const CompileOptions &options) = 0;
  /// Subtarget features the options add to the target's own (PTX: the ISA
  /// version), or failure after reporting a bad option. Default: none.
  virtual mlir::FailureOr<std::string> optionFeatures(mlir::ModuleOp,
                                                      const CompileOptions &) {
    return std::string();
  }
  /// Whether EmitKind::Binary is produced from an object file (else assembly).
  virtual bool binaryIsObjectFile() const = 0;

  std::unique_ptr<LlvmTargetInfo> target;
};

} // namespace hematite

#endif
