#include "backends/amdgcn/amdgcn_target_info.h"

#include "mlir/Dialect/LLVMIR/ROCDLDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"

using namespace mlir;

namespace hematite {

/// AMDGPU: f32 exp/log have LLVM expansions (the ones ocml itself uses); f32
/// sin/cos/pow have LLVM expansions too, looser than ocml's, so ocml is used when
/// it is found, as hipcc would; every other f32/f64 function is ocml's __ocml_*.
MathLowering AmdgcnTargetInfo::floatMathLowering(Operation *op, FloatType t) const {
  if (t.isF32() &&
      isa<math::ExpOp, math::Exp2Op, math::LogOp, math::Log2Op, math::Log10Op>(op))
    return MathLowering::Instruction;
  if (t.isF32() && isa<math::SinOp, math::CosOp, math::PowFOp>(op))
    return MathLowering::LibraryWhenAvailable;
  return MathLowering::Library;
}

void AmdgcnTargetInfo::amendLlvmModule(llvm::Module &module) const {
  // Code object v5, what ROCm 6 loads.
  module.addModuleFlag(llvm::Module::Error, "amdhsa_code_object_version", 500);
  // MLIR's memref lowering puts a thread's arrays in address space 0; AMDGPU
  // wants them in the private space (5), or it cannot select an array that
  // stays in memory (a dynamically indexed one): move them there and cast
  // back to generic pointers, which InferAddressSpaces then removes.
  unsigned privateSpace = module.getDataLayout().getAllocaAddrSpace();
  for (llvm::Function &f : module)
    for (llvm::BasicBlock &block : f)
      for (llvm::Instruction &inst : llvm::make_early_inc_range(block)) {
        auto *alloca = llvm::dyn_cast<llvm::AllocaInst>(&inst);
        if (!alloca || alloca->getAddressSpace() == privateSpace)
          continue;
        llvm::IRBuilder<> b(alloca);
        llvm::AllocaInst *moved = b.CreateAlloca(alloca->getAllocatedType(), privateSpace,
                                                 alloca->getArraySize());
        moved->setAlignment(alloca->getAlign());
        moved->takeName(alloca);
        alloca->replaceAllUsesWith(b.CreateAddrSpaceCast(moved, alloca->getType()));
        alloca->eraseFromParent();
      }
}

void AmdgcnTargetInfo::markKernel(Operation *func,
                                  std::optional<int> maxThreads) const {
  MLIRContext *ctx = func->getContext();
  func->setAttr(ROCDL::ROCDLDialect::getKernelFuncAttrName(), UnitAttr::get(ctx));
  // Without an explicit bound LLVM assumes at most 256 threads per block for
  // some decisions; CUDA's model allows 1024.
  std::string bound = "1," + std::to_string(maxThreads.value_or(1024));
  func->setAttr(ROCDL::ROCDLDialect::getFlatWorkGroupSizeAttrName(),
                StringAttr::get(ctx, bound));
}

Value AmdgcnTargetInfo::threadId(OpBuilder &b, Location loc, hm::Dim dim) const {
  return createForDim<ROCDL::ThreadIdXOp, ROCDL::ThreadIdYOp, ROCDL::ThreadIdZOp>(b, loc, dim);
}
Value AmdgcnTargetInfo::blockId(OpBuilder &b, Location loc, hm::Dim dim) const {
  return createForDim<ROCDL::BlockIdXOp, ROCDL::BlockIdYOp, ROCDL::BlockIdZOp>(b, loc, dim);
}

/// A field of the HSA kernel dispatch packet (hsa_kernel_dispatch_packet_t),
/// zero-extended to i32. ROCDL's own block_dim ops call into the ROCm device
/// libraries, which we neither need nor want to require.
static Value dispatchField(OpBuilder &b, Location loc, unsigned offset,
                           Type fieldType) {
  MLIRContext *ctx = b.getContext();
  auto constPtr = LLVM::LLVMPointerType::get(ctx, /*addressSpace=*/4);
  Value packet = LLVM::CallIntrinsicOp::create(b, loc, constPtr, b.getStringAttr("llvm.amdgcn.dispatch.ptr"),
                      ValueRange{})
                     .getResult(0);
  Value addr = LLVM::GEPOp::create(b, loc, constPtr, b.getI8Type(), packet,
                                     ArrayRef<LLVM::GEPArg>{(int32_t)offset},
                                     LLVM::GEPNoWrapFlags::inbounds);
  auto load = LLVM::LoadOp::create(b, loc, fieldType, addr);
  load.setInvariant(true);
  Value value = load;
  if (fieldType != b.getI32Type())
    value = LLVM::ZExtOp::create(b, loc, b.getI32Type(), value);
  return value;
}

Value AmdgcnTargetInfo::blockDim(OpBuilder &b, Location loc, hm::Dim dim) const {
  // workgroup_size_x/y/z: u16 at offsets 4, 6, 8.
  return dispatchField(b, loc, 4 + 2 * static_cast<unsigned>(dim), b.getI16Type());
}

Value AmdgcnTargetInfo::gridDim(OpBuilder &b, Location loc, hm::Dim dim) const {
  // grid_size_x/y/z: u32 work-items at offsets 12, 16, 20; launches are whole
  // blocks, so the division is exact.
  Value items = dispatchField(b, loc, 12 + 4 * static_cast<unsigned>(dim), b.getI32Type());
  return LLVM::UDivOp::create(b, loc, items, blockDim(b, loc, dim));
}

void AmdgcnTargetInfo::barrier(OpBuilder &b, Location loc) const {
  ROCDL::BarrierOp::create(b, loc);
}

// The lane is the number of lanes below this one in an all-ones mask:
// mbcnt_lo over the low 32 lanes, then mbcnt_hi over the high 32 (wave64).
Value AmdgcnTargetInfo::laneId(OpBuilder &b, Location loc) const {
  Type i32 = b.getI32Type();
  Value ones = LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(-1));
  Value zero = LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(0));
  Value lo = ROCDL::MbcntLoOp::create(b, loc, i32, ones, zero, ArrayAttr(), ArrayAttr());
  if (!wave64)
    return lo;
  return ROCDL::MbcntHiOp::create(b, loc, i32, ones, lo, ArrayAttr(), ArrayAttr());
}

// ds_bpermute reads the value of the lane whose byte address (lane * 4) it is given.
Value AmdgcnTargetInfo::shuffleI32(OpBuilder &b, Location loc, Value value, Value lane) const {
  Type i32 = b.getI32Type();
  Value four = LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(4));
  Value addr = LLVM::MulOp::create(b, loc, lane, four);
  return ROCDL::DsBpermuteOp::create(b, loc, i32, addr, value);
}

Value AmdgcnTargetInfo::ballot(OpBuilder &b, Location loc, Value pred) const {
  Type t = wave64 ? b.getI64Type() : b.getI32Type();
  Value bits = ROCDL::BallotOp::create(b, loc, t, pred);
  if (wave64)
    return bits;
  return LLVM::ZExtOp::create(b, loc, b.getI64Type(), bits);
}

Value AmdgcnTargetInfo::warpSize(OpBuilder &b, Location loc) const {
  return LLVM::ConstantOp::create(b, loc, b.getI32Type(), b.getI32IntegerAttr(wave64 ? 64 : 32));
}

} // namespace hematite
