// The compile() that PTX and AMDGCN share: hm → LLVM dialect → LLVM IR → O-level
// pipeline → the target's code generator. Targets supply their LlvmTargetInfo and
// what to do with the machine code.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_LLVM_BACKEND_H
#define HEMATITE_BACKENDS_LLVM_COMMON_LLVM_BACKEND_H

#include "backends/backend.h"
#include "backends/llvm_common/target_info.h"

#include <memory>

namespace hematite {

class LlvmBackend : public Backend {
public:
  explicit LlvmBackend(std::unique_ptr<LlvmTargetInfo> target)
      : target(std::move(target)) {}

  mlir::FailureOr<CompiledModule> compile(mlir::ModuleOp module, EmitKind kind,
                                          const CompileOptions &options) final;

protected:
  /// Turns the target's assembly (Assembly) or object file (Binary) into the
  /// final output, e.g. checking PTX or linking an object into a code object.
  virtual mlir::FailureOr<CompiledModule>
  finish(mlir::ModuleOp module, EmitKind kind, std::string machineCode) = 0;
  /// Whether EmitKind::Binary is produced from an object file (else assembly).
  virtual bool binaryIsObjectFile() const = 0;

  std::unique_ptr<LlvmTargetInfo> target;
};

} // namespace hematite

#endif
