// hematite-fuzz-frontend: libFuzzer target for the whole frontend.
//
// The input bytes are one source file; it goes through lex -> parse -> check ->
// MLIRGen (frontend::compileToHm), then the diagnostics are rendered. A crash,
// an ASan report, a hang, or an hm module that fails the MLIR verifier is a bug;
// diagnostics (any number) are the expected outcome for bad input.
//
// Built only with -DHEMATITE_FUZZ=ON (test/fuzz/CMakeLists.txt); run it with
// scripts/fuzz.sh [seconds] (docs/frontend-speed.md).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "frontend/diagnostics/diagnostics.h"
#include "frontend/frontend.h"
#include "frontend/source/source_manager.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

namespace {

// One context for the whole run: creating one per input would dominate the time.
// It only grows by the uniqued types and locations the inputs create.
mlir::MLIRContext& context() {
  static mlir::MLIRContext* ctx = [] {
    auto* c = new mlir::MLIRContext(mlir::MLIRContext::Threading::DISABLED);
    // The dialects MLIRGen emits (frontend/mlirgen/mlirgen.cpp).
    c->loadDialect<::hm::HmDialect, mlir::arith::ArithDialect, mlir::cf::ControlFlowDialect,
                   mlir::func::FuncDialect, mlir::memref::MemRefDialect, mlir::ub::UBDialect>();
    return c;
  }();
  return *ctx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hematite;
  SourceManager sources;
  DiagnosticEngine diags;
  FileId file = sources.addBuffer("fuzz.rs", std::string(reinterpret_cast<const char*>(data), size));
  mlir::OwningOpRef<mlir::ModuleOp> module =
      frontend::compileToHm(sources, file, diags, context());
  if (module && mlir::failed(mlir::verify(*module))) {
    // MLIRGen must only produce valid IR for a program the checker accepted.
    std::fprintf(stderr, "hematite-fuzz-frontend: MLIRGen produced IR that fails verification\n");
    module->print(llvm::errs());
    std::abort();
  }
  if (module && diags.hasErrors()) {
    std::fprintf(stderr, "hematite-fuzz-frontend: a module despite errors\n");
    std::abort();
  }
  // Rendering maps every span back to line:col and prints the source line.
  std::string rendered = renderDiagnostics(diags, sources);
  (void)rendered;
  return 0;
}
