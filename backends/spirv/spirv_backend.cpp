// The SPIR-V backend: hm → structured control flow → the kernel interface of
// docs/abi.md → spirv dialect → binary, optimized and validated before it is
// written.
#include <cmath>

#include "llvm/ADT/SetVector.h"
#include "backends/spirv/spirv_backend.h"
#include "backends/common/kernel_metadata.h"
#include "backends/spirv/gpu_ops_to_spirv.h"
#include "backends/spirv/atomic_ops_to_spirv.h"
#include "backends/spirv/kernel_interface.h"
#include "backends/spirv/minimal_vce.h"
#include "backends/spirv/narrow_indices.h"
#include "backends/spirv/no_contraction.h"
#include "backends/spirv/unroll_hints.h"
#include "backends/spirv/unroll_streaming_loops.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVDialect.h"
#include "backends/spirv/spirv_binary.h"
#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Conversion/ArithToSPIRV/ArithToSPIRV.h"
#include "mlir/Conversion/ControlFlowToSCF/ControlFlowToSCF.h"
#include "mlir/Conversion/ControlFlowToSPIRV/ControlFlowToSPIRV.h"
#include "mlir/Conversion/FuncToSPIRV/FuncToSPIRV.h"
#include "mlir/Conversion/IndexToSPIRV/IndexToSPIRV.h"
#include "mlir/Conversion/MathToSPIRV/MathToSPIRV.h"
#include "mlir/Conversion/MemRefToSPIRV/MemRefToSPIRV.h"
#include "mlir/Conversion/SCFToSPIRV/SCFToSPIRV.h"
#include "mlir/Conversion/UBToSPIRV/UBToSPIRV.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVAttributes.h"
#include "mlir/Dialect/SPIRV/IR/TargetAndABI.h"
#include "mlir/Dialect/SPIRV/Transforms/Passes.h"
#include "mlir/Dialect/SPIRV/Transforms/SPIRVConversion.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/SPIRV/Serialization.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace hematite {
namespace {

constexpr uint64_t kVulkanSharedMemoryLimit = 32 * 1024;

struct VulkanTarget {
  const char *name;
  spirv::Version spirvVersion; // the newest SPIR-V the Vulkan version accepts
  spv_target_env env;
};
constexpr VulkanTarget kVulkanTargets[] = {
    {"vulkan1.1", spirv::Version::V_1_3, SPV_ENV_VULKAN_1_1},
    {"vulkan1.2", spirv::Version::V_1_5, SPV_ENV_VULKAN_1_2},
    {"vulkan1.3", spirv::Version::V_1_6, SPV_ENV_VULKAN_1_3},
};

/// What the type converter and patterns may use. spirv-update-vce then
/// requests only what the module really uses.
spirv::TargetEnvAttr targetEnvironment(MLIRContext *ctx, const VulkanTarget &target,
                                       ArrayRef<std::string> features) {
  using C = spirv::Capability;
  using E = spirv::Extension;
  SmallVector<C> caps = {C::Shader, C::Int8, C::Int16, C::Int64, C::Float16, C::Float64,
              C::StorageBuffer8BitAccess, C::StorageBuffer16BitAccess,
              C::StoragePushConstant8, C::StoragePushConstant16,
              // Subgroup operations (Vulkan 1.1 core): lane_id, warp_size,
              // shuffles, ballot. update-vce keeps only what a kernel uses.
              C::GroupNonUniform, C::GroupNonUniformShuffle, C::GroupNonUniformBallot};
  SmallVector<E> exts = {E::SPV_KHR_storage_buffer_storage_class, E::SPV_KHR_8bit_storage,
                         E::SPV_KHR_16bit_storage};
  // Optional capabilities, enabled by -C target-feature (atomic_ops_to_spirv.cpp
  // refuses their use otherwise).
  if (llvm::is_contained(features, "int64-atomics"))
    caps.push_back(C::Int64Atomics);
  if (llvm::is_contained(features, "float-atomic-add")) {
    caps.push_back(C::AtomicFloat32AddEXT);
    exts.push_back(E::SPV_EXT_shader_atomic_float_add);
  }
  auto triple = spirv::VerCapExtAttr::get(target.spirvVersion, caps, exts, ctx);
  return spirv::TargetEnvAttr::get(triple, spirv::getDefaultResourceLimits(ctx),
                                   spirv::ClientAPI::Vulkan);
}

/// gpu::shared memory: MLIRGen's memref.globals in the shared memory space
/// become memref.allocs, which upstream lowers to Workgroup variables (one
/// per alloc; each get_global is one kernel's use of one allocation).
void sharedMemoryToWorkgroupAllocs(ModuleOp module) {
  SmallVector<memref::GetGlobalOp> gets;
  module.walk([&](memref::GetGlobalOp get) {
    auto space = dyn_cast_or_null<IntegerAttr>(get.getType().getMemorySpace());
    if (space && space.getInt() == hm::kSharedMemorySpace)
      gets.push_back(get);
  });
  for (memref::GetGlobalOp get : gets) {
    OpBuilder b(get);
    auto alloc = memref::AllocOp::create(b, get.getLoc(), get.getType());
    get.replaceAllUsesWith(alloc.getResult());
    get.erase();
  }
  for (auto global : llvm::make_early_inc_range(module.getOps<memref::GlobalOp>()))
    if (auto space = dyn_cast_or_null<IntegerAttr>(global.getType().getMemorySpace());
        space && space.getInt() == hm::kSharedMemorySpace)
      global.erase();
}

/// Math that upstream's MathToSPIRV misses, rewritten before the conversion
/// into ops it handles: 64-bit bit counts as two 32-bit halves, trunc as
/// copysign(floor(|x|), x). GLSL.std.450's transcendentals exist for f32 only:
/// f64 ones are refused with a clear message.
/// -g's variables (hm.debug_variable, hm.debug_struct, hm.debug_slice) are for the LLVM targets'
/// debuggers: drop them, and promote the slots they kept in memory, as the hm
/// pipeline does.
LogicalResult dropDebugVariables(ModuleOp module) {
  SmallVector<Operation *> variables;
  module.walk([&](Operation *op) {
    if (isa<hm::DebugVariableOp, hm::DebugStructOp, hm::DebugSliceOp>(op))
      variables.push_back(op);
  });
  if (variables.empty())
    return success();
  for (Operation *op : variables)
    op->erase();
  PassManager pm(module.getContext());
  pm.addNestedPass<func::FuncOp>(createMem2Reg());
  pm.addPass(createCanonicalizerPass());
  return pm.run(module);
}

LogicalResult prepareMath(ModuleOp module) {
  SmallVector<Operation *> ops;
  module.walk([&](Operation *op) {
    if (isa_and_nonnull<math::MathDialect>(op->getDialect()))
      ops.push_back(op);
  });
  for (Operation *op : ops) {
    OpBuilder b(op);
    Location loc = op->getLoc();
    Type t = op->getOperand(0).getType();
    if (t.isF64() && isa<math::SinOp, math::CosOp, math::TanOp, math::AsinOp, math::AcosOp,
                         math::AtanOp, math::SinhOp, math::CoshOp, math::TanhOp, math::ExpOp,
                         math::Exp2Op, math::LogOp, math::Log2Op, math::Log10Op,
                         math::PowFOp, math::Atan2Op, math::CbrtOp>(op))
      return op->emitError() << "`" << op->getName()
                             << "` on f64 is not available on Vulkan (GLSL.std.450 has it "
                                "for f32 only)";
    // GLSL.std.450 has neither cbrt nor a Rust-exact atan2: build them from
    // ops it has (f32; f64 transcendentals were refused above).
    if (t.isF32() && isa<math::Atan2Op>(op)) {
      Value y = op->getOperand(0), x = op->getOperand(1);
      auto cst = [&](double v) { return arith::ConstantOp::create(b, loc, t, b.getF32FloatAttr(float(v))).getResult(); };
      auto cmp = [&](arith::CmpFPredicate p, Value l, Value r) {
        return arith::CmpFOp::create(b, loc, p, l, r).getResult();
      };
      Value zero = cst(0.0);
      Value q = math::AtanOp::create(b, loc, arith::DivFOp::create(b, loc, y, x));
      Value piY = math::CopySignOp::create(b, loc, cst(3.14159265358979323846), y);
      Value halfPiY = math::CopySignOp::create(b, loc, cst(1.57079632679489661923), y);
      Value r = arith::SelectOp::create(b, loc, cmp(arith::CmpFPredicate::OLT, x, zero),
                                        arith::AddFOp::create(b, loc, q, piY), q);
      // x == ±0: ±π/2 for y != 0; for y == ±0, ±π when x is -0, else y.
      Type i32 = b.getI32Type();
      Value xNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                         arith::BitcastOp::create(b, loc, i32, x),
                                         arith::ConstantIntOp::create(b, loc, i32, 0));
      Value atZero = arith::SelectOp::create(
          b, loc, cmp(arith::CmpFPredicate::OEQ, y, zero),
          arith::SelectOp::create(b, loc, xNeg, piY, y), halfPiY);
      r = arith::SelectOp::create(b, loc, cmp(arith::CmpFPredicate::OEQ, x, zero), atZero, r);
      op->getResult(0).replaceAllUsesWith(r);
      op->erase();
      continue;
    }
    if (t.isF32() && isa<math::CbrtOp>(op)) {
      Value x = op->getOperand(0);
      auto cst = [&](double v) { return arith::ConstantOp::create(b, loc, t, b.getF32FloatAttr(float(v))).getResult(); };
      Value ax = math::AbsFOp::create(b, loc, x);
      Value r = math::CopySignOp::create(b, loc, math::PowFOp::create(b, loc, ax, cst(1.0 / 3.0)), x);
      // One Newton step (r -= (r^3 - x) / (3 r^2)) brings pow's estimate to
      // within an ulp or two; 0, ±inf and NaN pass through unchanged.
      Value r2 = arith::MulFOp::create(b, loc, r, r);
      Value num = arith::SubFOp::create(b, loc, arith::MulFOp::create(b, loc, r2, r), x);
      Value den = arith::MulFOp::create(b, loc, cst(3.0), r2);
      Value refined = arith::SubFOp::create(b, loc, r, arith::DivFOp::create(b, loc, num, den));
      Value special = arith::OrIOp::create(
          b, loc,
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, ax, cst(0.0)),
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UEQ, ax, cst(INFINITY)));
      Value res = arith::SelectOp::create(b, loc, special, x, refined);
      op->getResult(0).replaceAllUsesWith(res);
      op->erase();
      continue;
    }
    if (isa<math::TruncOp>(op)) {
      Value x = op->getOperand(0);
      Value r = math::CopySignOp::create(
          b, loc, math::FloorOp::create(b, loc, math::AbsFOp::create(b, loc, x)), x);
      op->getResult(0).replaceAllUsesWith(r);
      op->erase();
      continue;
    }
    if (!t.isInteger(64) ||
        !isa<math::CtPopOp, math::CountLeadingZerosOp, math::CountTrailingZerosOp>(op))
      continue;
    Value x = op->getOperand(0);
    Type i32 = b.getI32Type(), i64 = b.getI64Type();
    Value lo = arith::TruncIOp::create(b, loc, i32, x);
    Value hi = arith::TruncIOp::create(
        b, loc, i32, arith::ShRUIOp::create(b, loc, x, arith::ConstantIntOp::create(b, loc, i64, 32)));
    Value zero = arith::ConstantIntOp::create(b, loc, i32, 0);
    Value c32 = arith::ConstantIntOp::create(b, loc, i32, 32);
    Value r;
    if (isa<math::CtPopOp>(op)) {
      r = arith::AddIOp::create(b, loc, math::CtPopOp::create(b, loc, lo),
                                math::CtPopOp::create(b, loc, hi));
    } else {
      bool leading = isa<math::CountLeadingZerosOp>(op);
      Value first = leading ? hi : lo, second = leading ? lo : hi;
      Value firstCount = leading ? Value(math::CountLeadingZerosOp::create(b, loc, first))
                                 : Value(math::CountTrailingZerosOp::create(b, loc, first));
      Value secondCount = leading ? Value(math::CountLeadingZerosOp::create(b, loc, second))
                                  : Value(math::CountTrailingZerosOp::create(b, loc, second));
      Value isZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, first, zero);
      r = arith::SelectOp::create(b, loc, isZero, arith::AddIOp::create(b, loc, c32, secondCount),
                                  firstCount);
    }
    op->getResult(0).replaceAllUsesWith(arith::ExtUIOp::create(b, loc, i64, r).getResult());
    op->erase();
  }
  return success();
}

/// Adds SignedZeroInfNanPreserve for every float width the module uses to every
/// entry point (and its capability).
void preserveFloatSpecials(spirv::ModuleOp module, SmallVectorImpl<spirv::Capability> &caps) {
  llvm::SmallSetVector<unsigned, 2> widths;
  module.walk([&](Operation *op) {
    auto note = [&](Type t) {
      if (auto f = dyn_cast<FloatType>(t))
        widths.insert(f.getWidth());
    };
    for (Type t : op->getResultTypes())
      note(t);
    for (Type t : op->getOperandTypes())
      note(t);
  });
  if (widths.empty())
    return;
  SmallVector<spirv::EntryPointOp> entries(module.getOps<spirv::EntryPointOp>());
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  for (spirv::EntryPointOp entry : entries) {
    auto fn = module.lookupSymbol<spirv::FuncOp>(entry.getFn());
    if (!fn)
      continue;
    b.setInsertionPointAfter(entry);
    for (unsigned w : widths)
      spirv::ExecutionModeOp::create(b, entry.getLoc(), fn,
                                     spirv::ExecutionMode::SignedZeroInfNanPreserve,
                                     {int32_t(w)});
  }
  if (!llvm::is_contained(caps, spirv::Capability::SignedZeroInfNanPreserve))
    caps.push_back(spirv::Capability::SignedZeroInfNanPreserve);
}

/// Rust's float negation flips the sign bit, NaN payload included; OpFNegate
/// may canonicalize a NaN (the H100's Vulkan driver returns 0x7fffffff for
/// -NaN). Negation becomes an integer XOR of the sign bit.
void lowerFloatNegations(ModuleOp module) {
  SmallVector<arith::NegFOp> negs;
  module.walk([&](arith::NegFOp op) { negs.push_back(op); });
  for (arith::NegFOp op : negs) {
    auto ft = dyn_cast<FloatType>(op.getType());
    if (!ft)
      continue;
    OpBuilder b(op);
    Location loc = op.getLoc();
    Type it = b.getIntegerType(ft.getWidth());
    Value bits = arith::BitcastOp::create(b, loc, it, op.getOperand());
    Value sign = arith::ConstantOp::create(
        b, loc, it, b.getIntegerAttr(it, APInt::getSignMask(ft.getWidth())));
    Value flipped = arith::XOrIOp::create(b, loc, bits, sign);
    op.replaceAllUsesWith(arith::BitcastOp::create(b, loc, ft, flipped).getResult());
    op.erase();
  }
}

/// Rust's `%` takes the sign of the dividend. MLIR's arith-to-spirv emulates
/// signed remainder with a sign test (`lhs == abs(lhs)`) that is wrong for
/// MIN (`i32::MIN % 7` came out positive on every Vulkan driver), so it is
/// rewritten first: |a| urem |b|, negated when a < 0. The absolute values wrap
/// for MIN, which is the right unsigned magnitude.
void lowerSignedRemainders(ModuleOp module) {
  SmallVector<arith::RemSIOp> rems;
  module.walk([&](arith::RemSIOp op) { rems.push_back(op); });
  for (arith::RemSIOp op : rems) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Value lhs = op.getLhs(), rhs = op.getRhs();
    Type t = lhs.getType();
    Value zero = arith::ConstantOp::create(b, loc, t, b.getIntegerAttr(t, 0));
    auto abs = [&](Value v) {
      Value neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, v, zero);
      Value negated = arith::SubIOp::create(b, loc, zero, v);
      return arith::SelectOp::create(b, loc, neg, negated, v).getResult();
    };
    Value magnitude = arith::RemUIOp::create(b, loc, abs(lhs), abs(rhs));
    Value lhsNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, lhs, zero);
    Value negMagnitude = arith::SubIOp::create(b, loc, zero, magnitude);
    Value result = arith::SelectOp::create(b, loc, lhsNeg, negMagnitude, magnitude);
    op.replaceAllUsesWith(result);
    op.erase();
  }
}

/// lift-cf-to-scf emits scf.index_switch where a region has several exits
/// (early return inside a loop, match arms); SCFToSPIRV has no pattern for it,
/// so it becomes a chain of scf.if (case values compared in order).
void lowerIndexSwitches(ModuleOp module) {
  SmallVector<scf::IndexSwitchOp> switches;
  module.walk([&](scf::IndexSwitchOp op) { switches.push_back(op); });
  // Innermost first is not needed: regions are moved, not cloned.
  for (scf::IndexSwitchOp op : switches) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    TypeRange types = op.getResultTypes();
    // Builds "if arg == case[i] { region i } else { rest }" from case i on.
    std::function<SmallVector<Value>(unsigned)> build = [&](unsigned i) -> SmallVector<Value> {
      Region &caseRegion = i < op.getNumCases() ? op.getCaseRegions()[i] : op.getDefaultRegion();
      if (i == op.getNumCases()) {
        // The default region (one block ending in scf.yield), inlined here.
        Block &block = caseRegion.front();
        auto yield = cast<scf::YieldOp>(block.getTerminator());
        SmallVector<Value> values(yield.getOperands());
        yield.erase();
        Block *into = b.getInsertionBlock();
        into->getOperations().splice(b.getInsertionPoint(), block.getOperations());
        return values;
      }
      Value c = arith::ConstantIndexOp::create(b, loc, op.getCases()[i]);
      Value eq = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, op.getArg(), c);
      auto ifOp = scf::IfOp::create(b, loc, types, eq, /*withElse=*/true);
      ifOp.getThenRegion().takeBody(caseRegion);
      Block *elseBlock = &ifOp.getElseRegion().front();
      if (!elseBlock->empty())
        elseBlock->back().erase(); // the implicit scf.yield, if any
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(elseBlock);
      SmallVector<Value> rest = build(i + 1);
      scf::YieldOp::create(b, loc, rest);
      return SmallVector<Value>(ifOp.getResults());
    };
    SmallVector<Value> results = build(0);
    op.replaceAllUsesWith(results);
    op.erase();
  }
}

/// math.ctpop / cttz on i32 and math.exp2: SPIR-V has them (OpBitCount,
/// FindILsb, GLSL Exp2), upstream's patterns do not.
struct CtPopToSpirv : OpConversionPattern<math::CtPopOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(math::CtPopOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op.getType().isInteger(32))
      return failure();
    rewriter.replaceOpWithNewOp<spirv::BitCountOp>(op, adaptor.getOperand());
    return success();
  }
};
struct CttzToSpirv : OpConversionPattern<math::CountTrailingZerosOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(math::CountTrailingZerosOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op.getType().isInteger(32))
      return failure();
    Location loc = op.getLoc();
    Value x = adaptor.getOperand();
    Type i32 = x.getType();
    Value lsb = spirv::GLFindILsbOp::create(rewriter, loc, x); // -1 for 0
    Value zero = spirv::ConstantOp::create(rewriter, loc, i32, rewriter.getI32IntegerAttr(0));
    Value c32 = spirv::ConstantOp::create(rewriter, loc, i32, rewriter.getI32IntegerAttr(32));
    Value isZero = spirv::IEqualOp::create(rewriter, loc, x, zero);
    rewriter.replaceOpWithNewOp<spirv::SelectOp>(op, isZero, c32, lsb);
    return success();
  }
};
struct Exp2ToSpirv : OpConversionPattern<math::Exp2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(math::Exp2Op op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return failure();
    rewriter.replaceOpWithNewOp<spirv::GLExp2Op>(op, adaptor.getOperand());
    return success();
  }
};

class SpirvBackend : public Backend {
public:
  explicit SpirvBackend(const VulkanTarget &target) : target(target) {}
  llvm::StringRef name() const override { return "spirv"; }
  llvm::StringRef binaryExtension() const override { return ".spv"; }
  bool canEmit(EmitKind kind) const override {
    return kind == EmitKind::Assembly || kind == EmitKind::Binary;
  }

  FailureOr<CompiledModule> compile(ModuleOp module, EmitKind kind,
                                    const CompileOptions &options) override {
    MLIRContext *ctx = module.getContext();
    ctx->loadDialect<spirv::SPIRVDialect>();
    if (failed(dropDebugVariables(module)))
      return failure();
    // A SPIR-V module without an entry point is invalid for Vulkan (glslang says
    // "Missing entry point"); the LLVM targets write an empty module instead.
    if (llvm::none_of(module.getOps<func::FuncOp>(),
                      [](func::FuncOp f) { return hm::isKernel(f); }))
      return module.emitError()
             << "there is no kernel to compile: a Vulkan module needs at least one "
                "`#[kernel]` function as its entry point";
    if (failed(checkAtomicCapabilities(module, target.name, options.targetFeatures)))
      return failure();
    ModuleMetadata metadata = collectModuleMetadata(module);
    // Vulkan guarantees 16 KiB; 32 KiB is what lavapipe, NVIDIA, AMD and Intel
    // desktop drivers all have. The runtime checks the device's own limit.
    if (failed(checkSharedMemoryLimit(module, metadata, kVulkanSharedMemoryLimit, target.name)))
      return failure();
    sharedMemoryToWorkgroupAllocs(module);
    if (options.checkVersioning && options.optLevel >= 2) {
      PassManager version(ctx);
      version.addNestedPass<func::FuncOp>(hm::createHmVersionChecks());
      if (failed(version.run(module)))
        return failure();
    }
    // A panic writes the record, then ends the invocation: after inlining,
    // every function is a kernel, so that is a return. (The record's buffer
    // exists once the kernel interface is built.)
    module.walk([](hm::PanicOp panic) {
      OpBuilder b(panic);
      auto record = hm::PanicRecordOp::create(b, panic.getLoc(), panic.getMessage(),
                                              panic.getValues(), panic.getTypes());
      record->setAttrs(panic->getAttrs());
      func::ReturnOp::create(b, panic.getLoc());
      panic.erase();
    });
    if (failed(prepareMath(module)))
      return failure();
    lowerSignedRemainders(module);
    lowerFloatNegations(module);
    // SPIR-V needs structured control flow; MLIRGen emits branches.
    markLoopsToUnroll(module);
    PassManager lift(ctx);
    lift.addNestedPass<func::FuncOp>(createLiftControlFlowToSCFPass());
    lift.addPass(createCanonicalizerPass());
    if (failed(lift.run(module)))
      return failure();
    lowerIndexSwitches(module);
    // Measured on the H100's Vulkan driver (docs/benchmarks.md, run 24).
    if (options.optLevel >= 2)
      unrollStreamingLoops(module, /*count=*/16);

    spirv::TargetEnvAttr env = targetEnvironment(ctx, target, options.targetFeatures);
    module->setAttr(spirv::getTargetEnvAttrName(), env);
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    auto spirvModule = spirv::ModuleOp::create(b, module.getLoc(), spirv::AddressingModel::Logical, spirv::MemoryModel::GLSL450);
    std::vector<std::string> kernels;
    for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>())) {
      if (hm::isKernel(func))
        kernels.push_back(func.getName().str());
      func->moveBefore(spirvModule.getBody(), spirvModule.getBody()->end());
    }

    if (failed(buildKernelInterfaces(spirvModule)))
      return failure();
    for (auto func : spirvModule.getOps<func::FuncOp>())
      if (auto binding = func->getAttrOfType<IntegerAttr>(kPanicBindingAttrName))
        metadata.kernel(func.getName())->panicBinding = int(binding.getInt());
    if (failed(convertToSpirv(spirvModule, env)))
      return failure();
    applyUnrollHints(spirvModule);
    narrowAccessChainIndices(spirvModule);
    if (!options.fmad)
      forbidFloatContraction(spirvModule);
    addEntryPoints(spirvModule, kernels,
                   target.spirvVersion >= spirv::Version::V_1_4);

    PassManager vce(ctx);
    vce.addNestedPass<spirv::ModuleOp>(spirv::createSPIRVUpdateVCEPass());
    if (failed(vce.run(module)))
      return failure();
    // update-vce picks the oldest SPIR-V version that has the ops; we emit the
    // target's own version, whose entry points list every global they use.
    spirv::VerCapExtAttr deduced = *spirvModule.getVceTriple();
    SmallVector<spirv::Capability> caps(deduced.getCapabilities());
    SmallVector<spirv::Extension> exts(deduced.getExtensions());
    // Rust keeps NaNs, infinities and signed zeros (`NaN.clamp(a, b)` is NaN,
    // `-x` flips the sign bit of a NaN); without this execution mode Vulkan
    // drivers may drop them (the H100's did). Core from SPIR-V 1.4.
    if (target.spirvVersion >= spirv::Version::V_1_4)
      preserveFloatSpecials(spirvModule, caps);
    // gl_SubgroupSize / gl_SubgroupInvocationID (lane_id, warp_size) need
    // GroupNonUniform, which update-vce does not infer from a BuiltIn.
    bool subgroupBuiltins = false;
    spirvModule.walk([&](spirv::GlobalVariableOp var) {
      if (auto builtin = var.getBuiltIn())
        subgroupBuiltins |= *builtin == "SubgroupSize" || *builtin == "SubgroupLocalInvocationId";
    });
    if (subgroupBuiltins && !llvm::is_contained(caps, spirv::Capability::GroupNonUniform))
      caps.push_back(spirv::Capability::GroupNonUniform);
    // Nor Int64Atomics from an atomic on a 64-bit integer.
    bool int64Atomics = false;
    spirvModule.walk([&](Operation *op) {
      if (op->getName().getStringRef().starts_with("spirv.Atomic") && op->getNumResults() == 1 &&
          op->getResult(0).getType().isInteger(64))
        int64Atomics = true;
    });
    if (int64Atomics && !llvm::is_contained(caps, spirv::Capability::Int64Atomics))
      caps.push_back(spirv::Capability::Int64Atomics);
    minimizeVce(target.spirvVersion, caps, exts);
    spirvModule.setVceTripleAttr(
        spirv::VerCapExtAttr::get(target.spirvVersion, caps, exts, ctx));

    SmallVector<uint32_t> words;
    if (failed(spirv::serialize(spirvModule, words)))
      return failure();
    std::vector<uint32_t> binary(words.begin(), words.end());
    if (!decorateWorkgroupSize(binary, kWorkgroupSizeSymbol)) {
      module.emitError("internal error: the workgroup-size constant is missing");
      return failure();
    }
    std::string error;
    if (options.optLevel >= 2 && !optimizeSpirv(binary, target.env, error)) {
      module.emitError() << "spirv-opt failed: " << error;
      return failure();
    }
    // After spirv-opt, which may drop unused debug strings.
    std::vector<std::string> strings;
    for (const std::string &line : metadata.lines())
      strings.push_back(kMetadataStringPrefix + line);
    addDebugStrings(binary, strings);
    if (!validateSpirv(binary, target.env, error)) {
      module.emitError() << "internal error: the generated SPIR-V is invalid for "
                         << target.name << " (please report this): " << error;
      return failure();
    }
    if (kind == EmitKind::Assembly) {
      std::string text;
      if (!disassembleSpirv(binary, target.env, text, error)) {
        module.emitError() << "SPIR-V disassembly failed: " << error;
        return failure();
      }
      return CompiledModule{std::move(text), /*isText=*/true, {}};
    }
    std::string bytes(binary.size() * sizeof(uint32_t), '\0');
    std::memcpy(bytes.data(), binary.data(), bytes.size());
    // Registers are allocated by the Vulkan driver; what is known here is the
    // shared memory.
    std::string report;
    if (options.resourceReport)
      for (const KernelMetadata &kernel : metadata.kernels)
        report += "kernel '" + kernel.name + "' on " + target.name + ": " +
                  std::to_string(kernel.sharedBytes) +
                  " bytes shared (registers and spills are decided by the Vulkan "
                  "driver)\n";
    return CompiledModule{std::move(bytes), /*isText=*/false, std::move(report)};
  }

private:
  static LogicalResult convertToSpirv(spirv::ModuleOp module,
                                      spirv::TargetEnvAttr env) {
    MLIRContext *ctx = module.getContext();
    // Locals that stayed in memory (arrays indexed at run time) are
    // memref.alloca in the default memory space: function-local variables.
    spirv::MemorySpaceToStorageClassConverter memorySpaces(
        [](Attribute space) -> std::optional<spirv::StorageClass> {
          if (!space)
            return spirv::StorageClass::Function;
          if (auto number = dyn_cast<IntegerAttr>(space);
              number && number.getInt() == hm::kSharedMemorySpace)
            return spirv::StorageClass::Workgroup;
          return spirv::mapMemorySpaceToVulkanStorageClass(space);
        });
    spirv::convertMemRefTypesAndAttrs(module, memorySpaces);
    SPIRVConversionOptions options;
    options.use64bitIndex = true; // usize is 64-bit on every target
    SPIRVTypeConverter converter(env, options);
    ScfToSPIRVContext scfContext;
    RewritePatternSet patterns(ctx);
    arith::populateArithToSPIRVPatterns(converter, patterns);
    populateSCFToSPIRVPatterns(converter, scfContext, patterns);
    populateFuncToSPIRVPatterns(converter, patterns);
    populateBuiltinFuncToSPIRVPatterns(converter, patterns);
    populateMathToSPIRVPatterns(converter, patterns);
    populateMemRefToSPIRVPatterns(converter, patterns);
    patterns.add<CtPopToSpirv, CttzToSpirv, Exp2ToSpirv>(converter, ctx);
    cf::populateControlFlowToSPIRVPatterns(converter, patterns);
    index::populateIndexToSPIRVPatterns(converter, patterns);
    ub::populateUBToSPIRVConversionPatterns(converter, patterns);
    populateGpuOpsToSpirvPatterns(converter, patterns);
    populateAtomicOpsToSpirvPatterns(converter, patterns);
    std::unique_ptr<ConversionTarget> conversionTarget =
        SPIRVConversionTarget::get(env);
    conversionTarget->addIllegalDialect<hm::HmDialect>();
    conversionTarget->addLegalOp<hm::UnrollMarkerOp>(); // unroll_hints.cpp
    return applyFullConversion(module, *conversionTarget, std::move(patterns));
  }

  const VulkanTarget &target;
};

std::unique_ptr<Backend> createSpirvBackend(llvm::StringRef name) {
  for (const VulkanTarget &target : kVulkanTargets)
    if (name == target.name)
      return std::make_unique<SpirvBackend>(target);
  return nullptr;
}

} // namespace

BackendInfo makeSpirvBackendInfo() {
  std::string help;
  for (const VulkanTarget &target : kVulkanTargets)
    help += (help.empty() ? "" : " ") + std::string(target.name);
  return {"spirv", help, createSpirvBackend};
}

} // namespace hematite
