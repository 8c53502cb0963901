// The hooks in which LLVM-based GPU targets differ (Triton's TargetInfoBase is the
// model). hm's lowering to the LLVM dialect is written once against this interface;
// ptx/ and amdgcn/ each implement it.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_TARGET_INFO_H
#define HEMATITE_BACKENDS_LLVM_COMMON_TARGET_INFO_H

#include "backends/llvm_common/math_lowering.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <string>

namespace hematite {

/// Creates the i32-valued op among X, Y, Z (one per dimension) that `dim` names:
/// how NVVM and ROCDL spell their special registers.
template <typename X, typename Y, typename Z>
mlir::Value createForDim(mlir::OpBuilder &b, mlir::Location loc, hm::Dim dim) {
  mlir::Type i32 = b.getI32Type();
  switch (dim) {
  case hm::Dim::x: return X::create(b, loc, i32);
  case hm::Dim::y: return Y::create(b, loc, i32);
  case hm::Dim::z: return Z::create(b, loc, i32);
  }
  llvm_unreachable("bad dimension");
}

class LlvmTargetInfo {
public:
  virtual ~LlvmTargetInfo() = default;

  /// LLVM target triple, CPU and features of the code generator.
  virtual std::string triple() const = 0;
  virtual std::string cpu() const = 0;
  virtual std::string features() const = 0;

  /// Loads the target's MLIR dialect (NVVM, ROCDL) into `ctx`, beside LLVM's.
  virtual void loadTargetDialect(mlir::MLIRContext &ctx) const = 0;

  /// Target-specific module-level settings on the translated LLVM IR (module
  /// flags such as the AMDGPU code object version).
  virtual void amendLlvmModule(llvm::Module &) const {}

  /// Sets the code generator's options that LLVM keeps in global flags
  /// (cl::opt) rather than in the target machine; called before the target
  /// machine is created.
  virtual void setGlobalCodeGenOptions() const {}

  /// How the target computes a math-dialect op (math_lowering.h): the common
  /// instructions, else floatMathLowering for f32/f64, else Unsupported.
  MathLowering mathLowering(mlir::Operation *op) const;
  /// The target's answer for an f32/f64 math op that is not an instruction on
  /// every GPU (hasInstructionOnEveryGpu).
  virtual MathLowering floatMathLowering(mlir::Operation *op, mlir::FloatType type) const = 0;

  /// The most block-shared memory a kernel may allocate statically, in bytes.
  virtual uint64_t sharedMemoryLimit() const = 0;

  /// The address space of device (global) memory.
  virtual unsigned globalAddressSpace() const { return 1; }

  /// Marks `func` (an llvm.func or a func.func about to become one) as a kernel
  /// entry point, with launch bounds if the kernel states them.
  virtual void markKernel(mlir::Operation *func,
                          std::optional<int> maxThreads) const = 0;

  /// -g: bounds a kernel without #[kernel(max_threads)] so that its unoptimized,
  /// register-hungry debug code still launches with any block size the device
  /// allows. Default: nothing (the target's default bound already does).
  virtual void boundDebugKernel(mlir::Operation *kernel) const {}

  /// The four index spaces, as i32 values.
  virtual mlir::Value threadId(mlir::OpBuilder &b, mlir::Location loc,
                               hm::Dim dim) const = 0;
  virtual mlir::Value blockId(mlir::OpBuilder &b, mlir::Location loc,
                              hm::Dim dim) const = 0;
  virtual mlir::Value blockDim(mlir::OpBuilder &b, mlir::Location loc,
                               hm::Dim dim) const = 0;
  virtual mlir::Value gridDim(mlir::OpBuilder &b, mlir::Location loc,
                              hm::Dim dim) const = 0;

  /// A block-wide barrier that also orders shared memory.
  virtual void barrier(mlir::OpBuilder &b, mlir::Location loc) const = 0;

  /// The LLVM sync scopes of a device-wide and a block-wide fence.
  virtual const char *deviceSyncScope() const = 0;
  virtual const char *blockSyncScope() const = 0;

  /// The lane's index in its warp/wavefront, and the warp size, as i32.
  virtual mlir::Value laneId(mlir::OpBuilder &b, mlir::Location loc) const = 0;
  virtual mlir::Value warpSize(mlir::OpBuilder &b, mlir::Location loc) const = 0;

  /// The i32 `value` of lane `lane` of this warp (all lanes active).
  virtual mlir::Value shuffleI32(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                                 mlir::Value lane) const = 0;
  /// The ballot of an i1 predicate, as i64 (lanes beyond the warp size are 0).
  virtual mlir::Value ballot(mlir::OpBuilder &b, mlir::Location loc, mlir::Value pred) const = 0;
  /// Check versioning (check_versioning.cpp) may give the threads of a block
  /// different copies of a loop. For a convergent call in such a loop (a
  /// barrier, a warp collective): the function to call instead so that threads
  /// running different copies still meet at it, or null if there is none (the
  /// loop then keeps its checks).
  virtual llvm::Function *divergenceSafeCallee(llvm::CallBase &call) const { return nullptr; }

  /// Cross-block L2 prefetch (prefetch_ahead.cpp). Whether the target can
  /// prefetch a global address into L2 without a result; the default cannot,
  /// and the pass does nothing.
  virtual bool hasL2Prefetch() const { return false; }
  /// Emits that prefetch of `address` (a global pointer) at `b`.
  virtual void emitL2Prefetch(llvm::IRBuilderBase &b, llvm::Value *address) const {}
  /// In LLVM IR: the dimension whose block index `v` reads, if it reads one.
  virtual std::optional<hm::Dim> blockIdDimension(const llvm::Value &v) const {
    return std::nullopt;
  }

  /// L1 eviction priority (keep_reused_loads.cpp). Whether the target has a
  /// read-only load whose line L1 evicts after others; the default has none,
  /// and the pass does nothing.
  virtual bool canKeepLoadsInL1() const { return false; }
  /// Emits that load in place of `load` at `b` and returns its value, or
  /// returns null for a type it does not cover.
  virtual llvm::Value *emitLoadKeptInL1(llvm::IRBuilderBase &b, llvm::LoadInst &load) const {
    return nullptr;
  }
};

} // namespace hematite

#endif
