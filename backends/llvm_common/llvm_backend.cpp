#include "backends/llvm_common/llvm_backend.h"
#include "backends/llvm_common/hm_to_llvm.h"
#include "backends/llvm_common/llvm_codegen.h"

#include "llvm/IR/LLVMContext.h"

namespace hematite {

mlir::FailureOr<CompiledModule>
LlvmBackend::compile(mlir::ModuleOp module, EmitKind kind,
                     const CompileOptions &options) {
  if (mlir::failed(prepareModule(module)) ||
      mlir::failed(lowerHmToLlvm(module, *target)))
    return mlir::failure();
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(module, *target, options.optLevel);
  if (!machine)
    return mlir::failure();
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> llvmModule =
      translateToLlvmIr(module, context, *machine);
  if (!llvmModule) {
    module.emitError() << "translation to LLVM IR failed";
    return mlir::failure();
  }
  target->amendLlvmModule(*llvmModule);
  if (mlir::failed(linkLibraries(module, *llvmModule)))
    return mlir::failure();
  optimizeLlvmIr(*llvmModule, *machine, options.optLevel);
  if (kind == EmitKind::Llvm)
    return CompiledModule{printLlvmIr(*llvmModule), /*isText=*/true};

  bool object = kind == EmitKind::Binary && binaryIsObjectFile();
  std::string code, error;
  if (!emitMachineCode(*llvmModule, *machine,
                       object ? llvm::CodeGenFileType::ObjectFile
                              : llvm::CodeGenFileType::AssemblyFile,
                       code, error)) {
    module.emitError() << "code generation for " << target->cpu()
                       << " failed: " << error;
    return mlir::failure();
  }
  return finish(module, kind, std::move(code));
}

} // namespace hematite
