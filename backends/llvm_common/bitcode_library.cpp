#include "backends/llvm_common/bitcode_library.h"

#include "llvm/IRReader/IRReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Transforms/IPO/Internalize.h"

namespace hematite {

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
