#include "backends/llvm_common/llvm_backend.h"
#include "backends/llvm_common/debug_variables.h"
#include "backends/llvm_common/hm_to_llvm.h"
#include "backends/llvm_common/llvm_codegen.h"

#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/IR/LLVMContext.h"

namespace hematite {

/// -g / -lineinfo: a compile unit and a subprogram per function, from the
/// source locations MLIRGen attached, so the LLVM IR carries line tables.
/// -C fmad=on: every float add, sub and mul may be contracted with another
/// into an FMA (LLVM's `contract` flag), as nvcc does by default.
static void allowContraction(mlir::ModuleOp module) {
  module.walk([](mlir::Operation *op) {
    if (!mlir::isa<mlir::arith::AddFOp, mlir::arith::SubFOp, mlir::arith::MulFOp>(op))
      return;
    auto fmf = mlir::cast<mlir::arith::ArithFastMathInterface>(op);
    mlir::MLIRContext *ctx = op->getContext();
    auto flags = fmf.getFastMathFlagsAttr().getValue() | mlir::arith::FastMathFlags::contract;
    op->setAttr(fmf.getFastMathAttrName(), mlir::arith::FastMathFlagsAttr::get(ctx, flags));
  });
}

/// Line tables alone are "debug directives only" (.file/.loc): NVPTX marks the
/// target `debug` for anything more, which is -g's job, not -lineinfo's.
static mlir::LogicalResult addDebugInfo(mlir::ModuleOp module, DebugInfo debugInfo) {
  if (debugInfo == DebugInfo::None)
    return mlir::success();
  mlir::LLVM::DIScopeForLLVMFuncOpPassOptions options;
  options.emissionKind = debugInfo == DebugInfo::Full
                             ? mlir::LLVM::DIEmissionKind::Full
                             : mlir::LLVM::DIEmissionKind::DebugDirectivesOnly;
  mlir::PassManager pm(module.getContext());
  pm.addPass(mlir::LLVM::createDIScopeForLLVMFuncOpPass(options));
  return pm.run(module);
}

mlir::FailureOr<CompiledModule>
LlvmBackend::compile(mlir::ModuleOp module, EmitKind kind,
                     const CompileOptions &options) {
  module->getContext()->loadDialect<mlir::LLVM::LLVMDialect>();
  target->loadTargetDialect(*module->getContext());
  if (options.fmad)
    allowContraction(module);
  if (mlir::failed(prepareModule(module)) ||
      mlir::failed(lowerHmToLlvm(module, *target, options.debugInfo == DebugInfo::Full)) ||
      mlir::failed(addDebugInfo(module, options.debugInfo)))
    return mlir::failure();
  finishDebugVariables(module, options.debugInfo);
  mlir::FailureOr<std::string> features = optionFeatures(module, options);
  if (mlir::failed(features))
    return mlir::failure();
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(module, *target, options.optLevel, *features);
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
  optimizeLlvmIr(*llvmModule, *machine, options.optLevel, *target, options.checkVersioning,
                 options.prefetchAhead ? std::optional<unsigned>(options.prefetchAheadBlocks)
                                       : std::nullopt,
                 options.l1Reuse);
  if (kind == EmitKind::Llvm)
    return CompiledModule{printLlvmIr(*llvmModule), /*isText=*/true, {}};

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
  return finish(module, kind, std::move(code), options);
}

} // namespace hematite
