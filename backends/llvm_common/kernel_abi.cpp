#include "backends/llvm_common/kernel_abi.h"

#include "backends/llvm_common/prefetch_ahead.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMTypes.h"

using namespace mlir;

namespace hematite {

// Carries prefetch_ahead.cpp's kSliceElementBytes from expandKernel (where the
// slice types are) to markKernels (where the llvm.func is).
static constexpr llvm::StringLiteral kSliceElementBytesAttr = "hm.slice_element_bytes";

/// The bytes of one element of a slice of `t`, or 0 where the type is not a
/// plain integer or float (the prefetch then leaves that slice alone).
static unsigned elementBytes(Type t) {
  if (!t.isIntOrFloat() || t.getIntOrFloatBitWidth() % 8 != 0)
    return 0;
  return t.getIntOrFloatBitWidth() / 8;
}

static void expandKernel(func::FuncOp kernel, const LlvmTargetInfo &target) {
  MLIRContext *ctx = kernel.getContext();
  Block &entry = kernel.getBody().front();
  OpBuilder b(ctx);
  b.setInsertionPointToStart(&entry);
  auto ptrType = LLVM::LLVMPointerType::get(ctx, target.globalAddressSpace());
  auto i64 = IntegerType::get(ctx, 64);

  SmallVector<Type> newTypes;
  SmallVector<DictionaryAttr> newAttrs;
  std::string elementBytesList; // one entry per new argument: "0,4,0,4"
  auto noteElementBytes = [&](unsigned bytes) {
    elementBytesList += (elementBytesList.empty() ? "" : ",") + std::to_string(bytes);
  };
  unsigned oldCount = entry.getNumArguments();
  for (unsigned i = 0; i < oldCount; ++i) {
    BlockArgument arg = entry.getArgument(i);
    DictionaryAttr attrs = kernel.getArgAttrDict(i);
    auto slice = dyn_cast<hm::SliceType>(arg.getType());
    if (!slice) {
      newTypes.push_back(arg.getType());
      newAttrs.push_back(attrs);
      noteElementBytes(0);
      continue;
    }
    noteElementBytes(elementBytes(slice.getElementType()));
    noteElementBytes(0);
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
  kernel->setAttr(kSliceElementBytesAttr, b.getStringAttr(elementBytesList));
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
    if (auto bytes = func->getAttrOfType<StringAttr>(kSliceElementBytesAttr)) {
      // An LLVM function attribute, for the pass that reads it.
      SmallVector<Attribute> passthrough;
      if (ArrayAttr old = func.getPassthroughAttr())
        passthrough.append(old.begin(), old.end());
      MLIRContext *ctx = func.getContext();
      passthrough.push_back(
          ArrayAttr::get(ctx, {StringAttr::get(ctx, kSliceElementBytes), bytes}));
      func.setPassthroughAttr(ArrayAttr::get(ctx, passthrough));
      func->removeAttr(kSliceElementBytesAttr);
    }
    target.markKernel(func, maxThreads);
    if (debugBuild && !maxThreads)
      target.boundDebugKernel(func);
  }
}

} // namespace hematite
