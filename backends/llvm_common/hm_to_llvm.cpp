// The conversion driver: hm + upstream dialects → LLVM dialect in one full
// conversion, after the kernel ABI has been expanded.
#include "backends/common/kernel_metadata.h"
#include "backends/llvm_common/debug_variables.h"
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
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace hematite {
namespace {

/// The backends turn the math ops their target computes with a device library
/// into calls first (PTX: libdevice, ptx_backend.cpp; AMDGCN: ocml,
/// amdgcn/ocml.cpp) and refuse them there when the library is missing, so this
/// is a backstop: LLVM would fail deep inside instruction selection (or abort)
/// on what is left, so refuse such ops here, at their source location.
LogicalResult checkMathOps(ModuleOp module, const LlvmTargetInfo &target) {
  WalkResult result = module.walk([&](Operation *op) {
    if (!isa<math::MathDialect>(op->getDialect()))
      return WalkResult::advance();
    MathLowering lowering = target.mathLowering(op);
    if (lowering == MathLowering::Instruction ||
        lowering == MathLowering::LibraryWhenAvailable)
      return WalkResult::advance();
    Type t = op->getNumOperands() ? op->getOperand(0).getType() : Type();
    InFlightDiagnostic error = op->emitError() << "`" << op->getName() << "` on " << t;
    if (lowering == MathLowering::Library)
      error << " needs the device library, which was not linked";
    else
      error << " has no instruction or library function on " << target.cpu();
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

/// The module's metadata table and, if a kernel can panic, its panic record
/// (docs/abi.md): external globals the runtime finds by name.
LogicalResult addMetadataGlobals(ModuleOp module, const LlvmTargetInfo &target) {
  ModuleMetadata meta = collectModuleMetadata(module);
  if (failed(checkSharedMemoryLimit(module, meta, target.sharedMemoryLimit(), target.cpu())))
    return failure();
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Location loc = module.getLoc();
  unsigned space = target.globalAddressSpace();
  std::string text = meta.text();
  text.push_back('\0');
  LLVM::GlobalOp::create(b, loc, LLVM::LLVMArrayType::get(b.getI8Type(), text.size()),
                         /*isConstant=*/true, LLVM::Linkage::External, kMetadataSymbol,
                         b.getStringAttr(text), /*alignment=*/1, space);
  if (meta.panics.empty())
    return success();
  auto words = RankedTensorType::get({kPanicRecordBytes / 8}, b.getI64Type());
  LLVM::GlobalOp::create(b, loc, LLVM::LLVMArrayType::get(b.getI64Type(), kPanicRecordBytes / 8),
                         /*isConstant=*/false, LLVM::Linkage::External, kPanicRecordSymbol,
                         DenseElementsAttr::get(words, b.getI64IntegerAttr(0).getValue()),
                         /*alignment=*/8, space);
  return success();
}

/// hm.unroll_full on a loop's back edge (MLIRGen: a small constant-range
/// `for`), which the branch lowering carries over to the llvm.br /
/// llvm.cond_br, becomes LLVM's llvm.loop.unroll.full there.
void requestFullUnrolls(ModuleOp module) {
  MLIRContext *ctx = module.getContext();
  auto unroll = LLVM::LoopUnrollAttr::get(ctx, /*disable=*/{}, /*count=*/{},
                                          /*runtimeDisable=*/{}, /*full=*/BoolAttr::get(ctx, true),
                                          {}, {}, {});
  auto annotation = LLVM::LoopAnnotationAttr::get(ctx, {}, {}, {}, unroll, {}, {}, {}, {}, {},
                                                  {}, {}, {}, {}, {}, {});
  module.walk([&](Operation *op) {
    if (!op->removeAttr(hm::HmDialect::kUnrollFullAttrName))
      return;
    if (auto br = dyn_cast<LLVM::BrOp>(op))
      br.setLoopAnnotationAttr(annotation);
    else if (auto condBr = dyn_cast<LLVM::CondBrOp>(op))
      condBr.setLoopAnnotationAttr(annotation);
  });
}

/// The SPIR-V backend's unroll marker means nothing here (LLVM reads
/// hm.unroll_full); only a hand-written .mlir input can have one.
struct DropUnrollMarker : OpConversionPattern<hm::UnrollMarkerOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(hm::UnrollMarkerOp marker, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.eraseOp(marker);
    return success();
  }
};

} // namespace

LogicalResult lowerHmToLlvm(ModuleOp module, const LlvmTargetInfo &target, bool debugBuild) {
  MLIRContext *ctx = module.getContext();
  // The metadata first: it records the kernels' parameters as the source
  // declares them, before the ABI expands each slice into a pointer and a length.
  if (failed(checkMathOps(module, target)) || failed(addMetadataGlobals(module, target)) ||
      failed(addLoadSinkGlobal(module, target)) || failed(expandKernelAbi(module, target)))
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
  populateAtomicOpsToLlvmPatterns(converter, patterns, target);
  patterns.add<DropUnrollMarker>(converter, ctx);
  populateDebugVariablePatterns(converter, patterns);
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
  requestFullUnrolls(module);
  markKernels(module, target, debugBuild);
  return success();
}

} // namespace hematite
