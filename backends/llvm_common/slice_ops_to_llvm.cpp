// hm.slice_* → LLVM dialect. A slice is {ptr addrspace(global), i64 len}. Bounds
// checks were made explicit branches to hm.panic by hm-expand-checks.
#include "backends/llvm_common/hm_to_llvm.h"

#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"

using namespace mlir;

namespace hematite {

Value sliceElementAddress(ConversionPatternRewriter &rewriter, Location loc, Value slice,
                          Value index, Type elementType) {
  auto structType = cast<LLVM::LLVMStructType>(slice.getType());
  Type ptrType = structType.getBody()[0];
  Value base = LLVM::ExtractValueOp::create(rewriter, loc, slice, 0);
  SmallVector<LLVM::GEPArg> indices = {index};
  return LLVM::GEPOp::create(rewriter, loc, ptrType, elementType, base, indices,
                             LLVM::GEPNoWrapFlags::inbounds);
}

namespace {

struct SliceFromPartsLowering
    : ConvertOpToLLVMPattern<hm::SliceFromPartsOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;
  LogicalResult
  matchAndRewrite(hm::SliceFromPartsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type structType = getTypeConverter()->convertType(op.getType());
    Location loc = op.getLoc();
    Value s = LLVM::UndefOp::create(rewriter, loc, structType);
    s = LLVM::InsertValueOp::create(rewriter, loc, s, adaptor.getPtr(), ArrayRef<int64_t>{0});
    s = LLVM::InsertValueOp::create(rewriter, loc, s, adaptor.getLen(), ArrayRef<int64_t>{1});
    rewriter.replaceOp(op, s);
    return success();
  }
};

struct SliceLenLowering : ConvertOpToLLVMPattern<hm::SliceLenOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;
  LogicalResult
  matchAndRewrite(hm::SliceLenOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<LLVM::ExtractValueOp>(op, adaptor.getSlice(), 1);
    return success();
  }
};

struct SliceLoadLowering : ConvertOpToLLVMPattern<hm::SliceLoadOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;
  LogicalResult
  matchAndRewrite(hm::SliceLoadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    if (op.getChecked()) // hm-expand-checks runs before every backend
      return rewriter.notifyMatchFailure(op, "bounds check not expanded");
    Type elementType = getTypeConverter()->convertType(op.getType());
    Value addr = sliceElementAddress(rewriter, loc, adaptor.getSlice(),
                                adaptor.getIndex(), elementType);
    if (Value valid = adaptor.getValid()) {
      // A load moved before its bounds check (hm-defer-checks): where the index
      // is out of range it reads the load sink instead. The sink is a constant,
      // so the load still qualifies for the read-only path (ld.global.nc).
      Value sink = LLVM::AddressOfOp::create(rewriter, loc, addr.getType(), kLoadSinkSymbol);
      addr = LLVM::SelectOp::create(rewriter, loc, valid, addr, sink);
    }
    rewriter.replaceOpWithNewOp<LLVM::LoadOp>(op, elementType, addr);
    return success();
  }
};

struct SliceStoreLowering : ConvertOpToLLVMPattern<hm::SliceStoreOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;
  LogicalResult
  matchAndRewrite(hm::SliceStoreOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    if (op.getChecked()) // hm-expand-checks runs before every backend
      return rewriter.notifyMatchFailure(op, "bounds check not expanded");
    Type elementType = adaptor.getValue().getType();
    Value addr = sliceElementAddress(rewriter, loc, adaptor.getSlice(),
                                adaptor.getIndex(), elementType);
    rewriter.replaceOpWithNewOp<LLVM::StoreOp>(op, adaptor.getValue(), addr);
    return success();
  }
};

} // namespace

LogicalResult addLoadSinkGlobal(ModuleOp module, const LlvmTargetInfo &target) {
  uint64_t bytes = 0;
  DataLayout layout(module);
  module.walk([&](hm::SliceLoadOp load) {
    if (load.getValid())
      bytes = std::max<uint64_t>(bytes, layout.getTypeSize(load.getType()));
  });
  if (bytes == 0)
    return success();
  bytes = llvm::alignTo(bytes, 16);
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  LLVM::GlobalOp::create(b, module.getLoc(), LLVM::LLVMArrayType::get(b.getI8Type(), bytes),
                         /*isConstant=*/true, LLVM::Linkage::Internal, kLoadSinkSymbol,
                         b.getStringAttr(std::string(bytes, '\0')), /*alignment=*/16,
                         target.globalAddressSpace());
  return success();
}

void populateSliceOpsToLlvmPatterns(LLVMTypeConverter &converter,
                                    RewritePatternSet &patterns,
                                    const LlvmTargetInfo &target) {
  MLIRContext *ctx = &converter.getContext();
  auto ptrType = LLVM::LLVMPointerType::get(ctx, target.globalAddressSpace());
  auto i64 = IntegerType::get(ctx, 64);
  converter.addConversion([=](hm::SliceType) -> Type {
    return LLVM::LLVMStructType::getLiteral(ctx, {ptrType, i64});
  });
  patterns.add<SliceFromPartsLowering, SliceLenLowering, SliceLoadLowering,
               SliceStoreLowering>(converter);
}

} // namespace hematite
