#include "backends/llvm_common/bitcode_library.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Transforms/IPO/Internalize.h"

namespace hematite {

mlir::LogicalResult convertToLibraryCalls(
    mlir::ModuleOp module,
    const std::function<void(mlir::LLVMTypeConverter &, mlir::RewritePatternSet &)> &populate,
    const std::function<bool(mlir::Operation *)> &isLibraryCall) {
  mlir::MLIRContext *ctx = module.getContext();
  mlir::LowerToLLVMOptions options(ctx);
  options.overrideIndexBitwidth(64);
  mlir::LLVMTypeConverter converter(ctx, options);
  mlir::RewritePatternSet patterns(ctx);
  populate(converter, patterns);
  mlir::ConversionTarget target(*ctx);
  target.addLegalDialect<mlir::LLVM::LLVMDialect>();
  target.markUnknownOpDynamicallyLegal(
      [&](mlir::Operation *op) { return !isLibraryCall(op); });
  return mlir::applyPartialConversion(module, target, std::move(patterns));
}

bool callsFunctionsPrefixed(const llvm::Module &llvmModule, llvm::StringRef prefix) {
  for (const llvm::Function &f : llvmModule)
    if (f.isDeclaration() && f.getName().starts_with(prefix))
      return true;
  return false;
}

mlir::LogicalResult linkBitcodeLibrary(mlir::ModuleOp module, llvm::Module &llvmModule,
                                       llvm::StringRef path, llvm::StringRef what) {
  llvm::SMDiagnostic diag;
  std::unique_ptr<llvm::Module> library =
      llvm::getLazyIRFileModule(path, diag, llvmModule.getContext());
  if (!library)
    return module.emitError() << "cannot read " << what << " `" << path
                              << "`: " << diag.getMessage();
  library->setTargetTriple(llvmModule.getTargetTriple());
  library->setDataLayout(llvmModule.getDataLayout());
  bool failed = llvm::Linker::linkModules(
      llvmModule, std::move(library), llvm::Linker::Flags::LinkOnlyNeeded,
      [](llvm::Module &m, const llvm::StringSet<> &linked) {
        llvm::internalizeModule(m, [&linked](const llvm::GlobalValue &gv) {
          return !gv.hasName() || !linked.count(gv.getName());
        });
      });
  if (failed)
    return module.emitError() << "linking " << what << " `" << path << "` failed";
  return mlir::success();
}

} // namespace hematite
