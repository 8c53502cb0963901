#include "backends/llvm_common/kernel_abi.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMTypes.h"

using namespace mlir;

namespace hematite {

static void expandKernel(func::FuncOp kernel, const LlvmTargetInfo &target) {
  MLIRContext *ctx = kernel.getContext();
  Block &entry = kernel.getBody().front();
  OpBuilder b(ctx);
  b.setInsertionPointToStart(&entry);
  auto ptrType = LLVM::LLVMPointerType::get(ctx, target.globalAddressSpace());
  auto i64 = IntegerType::get(ctx, 64);

  SmallVector<Type> newTypes;
  SmallVector<DictionaryAttr> newAttrs;
  unsigned oldCount = entry.getNumArguments();
  for (unsigned i = 0; i < oldCount; ++i) {
    BlockArgument arg = entry.getArgument(i);
    DictionaryAttr attrs = kernel.getArgAttrDict(i);
    auto slice = dyn_cast<hm::SliceType>(arg.getType());
    if (!slice) {
      newTypes.push_back(arg.getType());
      newAttrs.push_back(attrs);
      continue;
    }
    // &mut [T] is unique (Rust's guarantee); &[T] is only read, so marking it
    // noalias too is sound and lets loads take the read-only path.
    NamedAttrList ptrAttrs;
    ptrAttrs.set(LLVM::LLVMDialect::getNoAliasAttrName(), UnitAttr::get(ctx));
    if (!slice.getIsMutable())
      ptrAttrs.set(LLVM::LLVMDialect::getReadonlyAttrName(), UnitAttr::get(ctx));
    newTypes.push_back(ptrType);
    newAttrs.push_back(ptrAttrs.getDictionary(ctx));
    // A slice holds at most isize::MAX bytes (Rust's guarantee; no allocation
    // is larger), so its length is below 2^63: an index `i < len` can take a
    // step below 2^63 without wrapping, which lets scalar evolution count the
    // trips of grid-stride loops (`while i < len { ...; i += stride }`) and
    // LLVM unroll them at run time.
    NamedAttrList lenAttrs;
    lenAttrs.set(LLVM::LLVMDialect::getRangeAttrName(),
                 LLVM::ConstantRangeAttr::get(ctx, APInt(64, 0), APInt::getSignedMinValue(64)));
    newTypes.push_back(i64);
    newAttrs.push_back(lenAttrs.getDictionary(ctx));
  }

  // Add the new arguments after the old ones, rebuild slices, then drop the old.
  for (unsigned i = 0; i < oldCount; ++i) {
    BlockArgument arg = entry.getArgument(i);
    auto slice = dyn_cast<hm::SliceType>(arg.getType());
    if (!slice) {
      BlockArgument copy = entry.addArgument(arg.getType(), arg.getLoc());
      arg.replaceAllUsesWith(copy);
      continue;
    }
    BlockArgument ptr = entry.addArgument(ptrType, arg.getLoc());
    BlockArgument len = entry.addArgument(i64, arg.getLoc());
    Value rebuilt =
        hm::SliceFromPartsOp::create(b, arg.getLoc(), slice, ptr, len);
    arg.replaceAllUsesWith(rebuilt);
  }
  entry.eraseArguments(0, oldCount);
  kernel.setType(FunctionType::get(ctx, newTypes, {}));
  kernel.setAllArgAttrs(newAttrs);
}

LogicalResult expandKernelAbi(ModuleOp module, const LlvmTargetInfo &target) {
  for (auto func : module.getOps<func::FuncOp>())
    if (hm::isKernel(func) && !func.isExternal())
      expandKernel(func, target);
  return success();
}

void markKernels(ModuleOp module, const LlvmTargetInfo &target, bool debugBuild) {
  for (auto func : module.getOps<LLVM::LLVMFuncOp>()) {
    if (!hm::isKernel(func))
      continue;
    std::optional<int> maxThreads;
    if (auto attr = func->getAttrOfType<IntegerAttr>(hm::HmDialect::kMaxThreadsAttrName))
      maxThreads = attr.getInt();
    func->removeAttr(hm::HmDialect::kKernelAttrName);
    func->removeAttr(hm::HmDialect::kMaxThreadsAttrName);
    target.markKernel(func, maxThreads);
    if (debugBuild && !maxThreads)
      target.boundDebugKernel(func);
  }
}

} // namespace hematite
