// The conversion driver: hm + upstream dialects → LLVM dialect in one full
// conversion, after the kernel ABI has been expanded.
#include "backends/llvm_common/hm_to_llvm.h"
#include "backends/llvm_common/kernel_abi.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/LLVMIR/ROCDLDialect.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

namespace hematite {

LogicalResult lowerHmToLlvm(ModuleOp module, const LlvmTargetInfo &target) {
  MLIRContext *ctx = module.getContext();
  if (failed(expandKernelAbi(module, target)))
    return failure();

  // Structured control flow (if any survived) becomes branches first.
  PassManager pm(ctx);
  pm.addPass(createSCFToControlFlowPass());
  if (failed(pm.run(module)))
    return failure();

  LowerToLLVMOptions options(ctx);
  options.overrideIndexBitwidth(64);
  LLVMTypeConverter converter(ctx, options);
  RewritePatternSet patterns(ctx);
  populateSliceOpsToLlvmPatterns(converter, patterns, target);
  populateGpuOpsToLlvmPatterns(converter, patterns, target);
  arith::populateArithToLLVMConversionPatterns(converter, patterns);
  cf::populateControlFlowToLLVMConversionPatterns(converter, patterns);
  populateFuncToLLVMConversionPatterns(converter, patterns);
  populateMathToLLVMConversionPatterns(converter, patterns);
  index::populateIndexToLLVMConversionPatterns(converter, patterns);
  ub::populateUBToLLVMConversionPatterns(converter, patterns);
  populateFinalizeMemRefToLLVMConversionPatterns(converter, patterns);

  LLVMConversionTarget conversionTarget(*ctx);
  conversionTarget.addLegalDialect<NVVM::NVVMDialect, ROCDL::ROCDLDialect>();
  conversionTarget.addLegalOp<ModuleOp>();
  if (failed(applyFullConversion(module, conversionTarget, std::move(patterns))))
    return failure();
  markKernels(module, target);
  return success();
}

} // namespace hematite
