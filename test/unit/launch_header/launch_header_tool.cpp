// hematite-launch-header: emitLaunchHeader (tools/hematite/launch_header.h) as a
// command, for tests: the hm dialect of a kernel file (`hematite --emit=hm`) and a
// module or bundle give the typed launch header.
//   hematite-launch-header KERNELS.mlir BUNDLE MODULE_NAME -o OUT.hpp
#include "backends/register_dialects.h"
#include "tools/hematite/launch_header.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 6 || llvm::StringRef(argv[4]) != "-o") {
    llvm::errs() << "usage: hematite-launch-header KERNELS.mlir BUNDLE MODULE_NAME -o OUT.hpp\n";
    return 2;
  }
  mlir::DialectRegistry registry;
  hematite::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  llvm::SourceMgr sources;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], sources, &context);
  if (!module)
    return 1;
  auto bundle = llvm::MemoryBuffer::getFile(argv[2], /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!bundle) {
    llvm::errs() << argv[2] << ": " << bundle.getError().message() << "\n";
    return 1;
  }
  llvm::Expected<std::string> header =
      hematite::emitLaunchHeader(*module, (*bundle)->getBuffer(), argv[3]);
  if (!header) {
    llvm::errs() << "error: " << llvm::toString(header.takeError()) << "\n";
    return 1;
  }
  std::error_code ec;
  llvm::raw_fd_ostream out(argv[5], ec, llvm::sys::fs::OF_None);
  if (ec) {
    llvm::errs() << argv[5] << ": " << ec.message() << "\n";
    return 1;
  }
  out << *header;
  return 0;
}
