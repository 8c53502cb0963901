#include "backends/ptx/ptx_target_info.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;

namespace hematite {

/// NVPTX has instructions for f32 exp2 (ex2.approx, exact for f32) besides the
/// common set; the f32/f64 functions below are libdevice's __nv_*, as nvcc links
/// them. Anything else (f16 transcendentals, say) has neither.
MathLowering PtxTargetInfo::floatMathLowering(Operation *op, FloatType t) const {
  if (isa<math::Exp2Op>(op))
    return t.isF32() ? MathLowering::Instruction : MathLowering::Library;
  if (isa<math::ExpOp, math::ExpM1Op, math::LogOp, math::Log1pOp, math::Log2Op,
          math::Log10Op, math::PowFOp, math::FPowIOp, math::SinOp, math::CosOp,
          math::TanOp, math::AsinOp, math::AcosOp, math::AtanOp, math::Atan2Op,
          math::SinhOp, math::CoshOp, math::TanhOp, math::AsinhOp, math::AcoshOp,
          math::AtanhOp, math::CbrtOp, math::ErfOp, math::ErfcOp>(op))
    return MathLowering::Library;
  return MathLowering::Unsupported;
}

/// Shared (and local and constant) memory addresses in 32 bits, as nvcc
/// writes them: a block's shared memory is at most 228 KiB, and 64-bit
/// addresses cost a second register and 64-bit adds for every tile index.
/// NVPTX reads the flag when the target machine is created.
void PtxTargetInfo::setGlobalCodeGenOptions() const {
  auto &options = llvm::cl::getRegisteredOptions();
  auto shortPointers = options.find("nvptx-short-ptr");
  if (shortPointers != options.end())
    static_cast<llvm::cl::opt<bool> *>(shortPointers->second)->setValue(true);
}

void PtxTargetInfo::markKernel(Operation *func,
                               std::optional<int> maxThreads) const {
  MLIRContext *ctx = func->getContext();
  func->setAttr(NVVM::NVVMDialect::getKernelFuncAttrName(), UnitAttr::get(ctx));
  if (maxThreads)
    func->setAttr(NVVM::NVVMDialect::getMaxntidAttrName(),
                  DenseI32ArrayAttr::get(ctx, {*maxThreads, 1, 1}));
}

/// ptxas fits a kernel marked `.maxntid 1024` in 64 registers, so that 1024
/// threads fit the register file; without it, debug code may take more (65 in the
/// e2e `loops` kernel) and a 1024-thread launch fails for lack of registers.
void PtxTargetInfo::boundDebugKernel(Operation *kernel) const {
  kernel->setAttr(NVVM::NVVMDialect::getMaxntidAttrName(),
                  DenseI32ArrayAttr::get(kernel->getContext(), {1024, 1, 1}));
}

Value PtxTargetInfo::threadId(OpBuilder &b, Location loc, hm::Dim dim) const {
  return createForDim<NVVM::ThreadIdXOp, NVVM::ThreadIdYOp, NVVM::ThreadIdZOp>(b, loc, dim);
}
Value PtxTargetInfo::blockId(OpBuilder &b, Location loc, hm::Dim dim) const {
  return createForDim<NVVM::BlockIdXOp, NVVM::BlockIdYOp, NVVM::BlockIdZOp>(b, loc, dim);
}
Value PtxTargetInfo::blockDim(OpBuilder &b, Location loc, hm::Dim dim) const {
  return createForDim<NVVM::BlockDimXOp, NVVM::BlockDimYOp, NVVM::BlockDimZOp>(b, loc, dim);
}
Value PtxTargetInfo::gridDim(OpBuilder &b, Location loc, hm::Dim dim) const {
  return createForDim<NVVM::GridDimXOp, NVVM::GridDimYOp, NVVM::GridDimZOp>(b, loc, dim);
}

void PtxTargetInfo::barrier(OpBuilder &b, Location loc) const {
  NVVM::Barrier0Op::create(b, loc);
}

Value PtxTargetInfo::laneId(OpBuilder &b, Location loc) const {
  return NVVM::LaneIdOp::create(b, loc, b.getI32Type());
}

Value PtxTargetInfo::warpSize(OpBuilder &b, Location loc) const {
  return NVVM::WarpSizeOp::create(b, loc, b.getI32Type());
}

// shfl.sync.idx with the full mask and clamp 0x1f, as __shfl_sync(~0, v, lane).
Value PtxTargetInfo::shuffleI32(OpBuilder &b, Location loc, Value value, Value lane) const {
  Type i32 = b.getI32Type();
  Value mask = LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(-1));
  Value clamp = LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(0x1f));
  return NVVM::ShflOp::create(b, loc, i32, mask, value, lane, clamp,
                              NVVM::ShflKindAttr::get(b.getContext(), NVVM::ShflKind::idx),
                              UnitAttr());
}

Value PtxTargetInfo::ballot(OpBuilder &b, Location loc, Value pred) const {
  Type i32 = b.getI32Type();
  Value mask = LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(-1));
  Value bits = NVVM::VoteSyncOp::create(
      b, loc, i32, mask, pred, NVVM::VoteSyncKindAttr::get(b.getContext(), NVVM::VoteSyncKind::ballot));
  return LLVM::ZExtOp::create(b, loc, b.getI64Type(), bits);
}

// Every target is sm_70 or later, where threads of a warp schedule
// independently: `.sync` shuffles and votes wait for the threads their mask
// names at any instance of the instruction, and `barrier.sync` without
// `.aligned` lets the threads of a block meet at different barrier
// instructions. `bar.sync` (the aligned form, what sync_threads() is) does not.
llvm::Function *PtxTargetInfo::divergenceSafeCallee(llvm::CallBase &call) const {
  llvm::Function *callee = call.getCalledFunction();
  if (!callee)
    return nullptr;
  if (callee->getIntrinsicID() == llvm::Intrinsic::nvvm_barrier_cta_sync_aligned_all)
    return llvm::Intrinsic::getOrInsertDeclaration(call.getModule(),
                                                   llvm::Intrinsic::nvvm_barrier_cta_sync_all);
  llvm::StringRef name = callee->getName();
  if (name.starts_with("llvm.nvvm.shfl.sync.") || name.starts_with("llvm.nvvm.vote.") ||
      name == "llvm.nvvm.bar.warp.sync")
    return callee;
  return nullptr;
}

// prefetch.global.L2 is in every PTX ISA version and on every SM, but LLVM's
// llvm.nvvm.prefetch.global.L2 selects only for PTX 8.0 and sm_90 up (and our
// default PTX version for sm_90 is 7.8): inline PTX instead.
void PtxTargetInfo::emitL2Prefetch(llvm::IRBuilderBase &b, llvm::Value *address) const {
  auto *type = llvm::FunctionType::get(b.getVoidTy(), {address->getType()}, false);
  b.CreateCall(llvm::InlineAsm::get(type, "prefetch.global.L2 [$0];", "l",
                                    /*hasSideEffects=*/true),
               {address});
}

std::optional<hm::Dim> PtxTargetInfo::blockIdDimension(const llvm::Value &v) const {
  auto *call = llvm::dyn_cast<llvm::IntrinsicInst>(&v);
  if (!call)
    return std::nullopt;
  switch (call->getIntrinsicID()) {
  case llvm::Intrinsic::nvvm_read_ptx_sreg_ctaid_x: return hm::Dim::x;
  case llvm::Intrinsic::nvvm_read_ptx_sreg_ctaid_y: return hm::Dim::y;
  case llvm::Intrinsic::nvvm_read_ptx_sreg_ctaid_z: return hm::Dim::z;
  default: return std::nullopt;
  }
}

// LLVM's NVPTX back end has no eviction-priority loads (only prefetches), so
// the load is inline PTX: `ld.global.nc.L1::evict_last` of a 32- or 64-bit
// scalar (vectors are the load-store vectorizer's, which runs later, in code
// generation). The value comes back as an integer of the same width, bitcast to
// the load's type. The address keeps its constant offset in the instruction
// ([%rd+4]), as NVPTX writes it. The asm has side effects so that nothing
// moves it above the branches that guard it (its address may be out of range
// elsewhere).
llvm::Value *PtxTargetInfo::emitLoadKeptInL1(llvm::IRBuilderBase &b, llvm::LoadInst &load) const {
  llvm::Type *type = load.getType();
  bool scalar = type->isIntegerTy(32) || type->isIntegerTy(64) || type->isFloatTy() ||
                type->isDoubleTy();
  if (!scalar)
    return nullptr;
  unsigned bits = type->getPrimitiveSizeInBits().getFixedValue();

  const llvm::DataLayout &layout = load.getDataLayout();
  int64_t offset = 0;
  llvm::Value *base =
      llvm::GetPointerBaseWithConstantOffset(load.getPointerOperand(), offset, layout);
  if (offset < INT32_MIN || offset > INT32_MAX ||
      base->getType() != load.getPointerOperand()->getType()) {
    base = load.getPointerOperand();
    offset = 0;
  }
  std::string text = std::string("ld.global.nc.L1::evict_last.") +
                     (bits == 32 ? "b32" : "b64") + " $0, [$1" +
                     (offset ? "+" + std::to_string(offset) : "") + "];";
  auto *asmType = llvm::FunctionType::get(b.getIntNTy(bits), {base->getType()}, false);
  llvm::Value *value = b.CreateCall(
      llvm::InlineAsm::get(asmType, text, bits == 32 ? "=r,l" : "=l,l",
                           /*hasSideEffects=*/true),
      {base});
  return b.CreateBitCast(value, type);
}

} // namespace hematite
