// The target-independent part of every backend's pipeline.
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/Passes.h"

void hm::buildHmPipeline(mlir::OpPassManager &pm) {
  pm.addPass(hm::createHmVerifyKernels());
  // Device functions are inlined into kernels: GPU targets have no stack to speak
  // of, and SPIR-V's logical addressing cannot pass slices between functions.
  pm.addPass(mlir::createInlinerPass());
  pm.addPass(mlir::createSymbolDCEPass());
  // Locals are memref.alloca slots in MLIRGen's output; make them SSA values.
  pm.addNestedPass<mlir::func::FuncOp>(mlir::createMem2Reg());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
  pm.addNestedPass<mlir::func::FuncOp>(hm::createHmBoundsCheckElimination());
  pm.addNestedPass<mlir::func::FuncOp>(hm::createHmExpandChecks());
}

void hm::buildHmCheckDeferral(mlir::OpPassManager &pm) {
  // Checks become a pending state in slots that mem2reg promotes.
  pm.addNestedPass<mlir::func::FuncOp>(hm::createHmDeferChecks());
  pm.addNestedPass<mlir::func::FuncOp>(mlir::createMem2Reg());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
}

void hm::registerHmPipeline() {
  mlir::PassPipelineRegistration<>(
      "hm-pipeline", "hm's target-independent pipeline",
      [](mlir::OpPassManager &pm) { buildHmPipeline(pm); });
}
