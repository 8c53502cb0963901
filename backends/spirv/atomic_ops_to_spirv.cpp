// hm.atomic_rmw (shared memory: Workgroup scope) and, through the kernel
// interface, hm.slice_atomic_rmw (storage buffers: Device scope) → SPIR-V
// atomics, relaxed as CUDA's. 64-bit and float atomics need optional
// capabilities: checkAtomicCapabilities refuses them, naming what is missing,
// unless the target enables them (-C target-feature).
#include "backends/spirv/atomic_ops_to_spirv.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;

namespace hematite {

Value buildSpirvAtomic(OpBuilder &b, Location loc, hm::AtomicKind kind, Value ptr,
                       Value value, Value compare, spirv::Scope scope) {
  auto relaxed = spirv::MemorySemantics::None;
  switch (kind) {
  case hm::AtomicKind::add: return spirv::AtomicIAddOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::sub: return spirv::AtomicISubOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::smin: return spirv::AtomicSMinOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::smax: return spirv::AtomicSMaxOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::umin: return spirv::AtomicUMinOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::umax: return spirv::AtomicUMaxOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::and_: return spirv::AtomicAndOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::or_: return spirv::AtomicOrOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::xor_: return spirv::AtomicXorOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::exchange:
    return spirv::AtomicExchangeOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::fadd: return spirv::EXTAtomicFAddOp::create(b, loc, ptr, scope, relaxed, value);
  case hm::AtomicKind::cmpxchg: {
    auto semantics = spirv::MemorySemanticsAttr::get(b.getContext(), relaxed);
    return spirv::AtomicCompareExchangeOp::create(
        b, loc, value.getType(), ptr, spirv::ScopeAttr::get(b.getContext(), scope), semantics,
        semantics, value, compare);
  }
  }
  llvm_unreachable("bad atomic kind");
}

LogicalResult checkAtomicCapabilities(ModuleOp module, StringRef targetName,
                                      ArrayRef<std::string> features) {
  auto has = [&](StringRef name) { return llvm::is_contained(features, name.str()); };
  WalkResult result = module.walk([&](Operation *op) {
    if (!isa<hm::AtomicRmwOp, hm::SliceAtomicRmwOp>(op))
      return WalkResult::advance();
    Type t = op->getResult(0).getType();
    if (t.isF32() && !has("float-atomic-add")) {
      op->emitError() << "`gpu::atomic_add` on f32 needs the SPIR-V capability "
                         "AtomicFloat32AddEXT (extension SPV_EXT_shader_atomic_float_add), "
                         "which target `"
                      << targetName
                      << "` does not enable; if your devices have it "
                         "(VkPhysicalDeviceShaderAtomicFloatFeaturesEXT), pass "
                         "`-C target-feature=+float-atomic-add`";
      return WalkResult::interrupt();
    }
    if (t.isInteger(64) && !has("int64-atomics")) {
      op->emitError() << "64-bit atomics need the SPIR-V capability Int64Atomics, which target `"
                      << targetName
                      << "` does not enable; if your devices have it "
                         "(shaderBufferInt64Atomics / shaderSharedInt64Atomics), pass "
                         "`-C target-feature=+int64-atomics`";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

namespace {

struct AtomicRmwLowering : OpConversionPattern<hm::AtomicRmwOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(hm::AtomicRmwOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto &converter = *getTypeConverter<SPIRVTypeConverter>();
    Value ptr = spirv::getElementPtr(converter, op.getMemref().getType(), adaptor.getMemref(),
                                     adaptor.getIndices(), op.getLoc(), rewriter);
    if (!ptr)
      return rewriter.notifyMatchFailure(op, "no element pointer");
    rewriter.replaceOp(op, buildSpirvAtomic(rewriter, op.getLoc(), op.getKind(), ptr,
                                            adaptor.getValue(), adaptor.getCompare(),
                                            spirv::Scope::Workgroup));
    return success();
  }
};

} // namespace

void populateAtomicOpsToSpirvPatterns(const SPIRVTypeConverter &converter,
                                      RewritePatternSet &patterns) {
  patterns.add<AtomicRmwLowering>(converter, patterns.getContext());
}

} // namespace hematite
