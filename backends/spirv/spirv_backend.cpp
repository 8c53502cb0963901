// The SPIR-V backend: hm → structured control flow → the kernel interface of
// docs/abi.md → spirv dialect → binary, optimized and validated before it is
// written.
#include "backends/spirv/spirv_backend.h"
#include "backends/spirv/gpu_ops_to_spirv.h"
#include "backends/spirv/kernel_interface.h"
#include "backends/spirv/spirv_binary.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Conversion/ArithToSPIRV/ArithToSPIRV.h"
#include "mlir/Conversion/ControlFlowToSCF/ControlFlowToSCF.h"
#include "mlir/Conversion/ControlFlowToSPIRV/ControlFlowToSPIRV.h"
#include "mlir/Conversion/FuncToSPIRV/FuncToSPIRV.h"
#include "mlir/Conversion/IndexToSPIRV/IndexToSPIRV.h"
#include "mlir/Conversion/MathToSPIRV/MathToSPIRV.h"
#include "mlir/Conversion/SCFToSPIRV/SCFToSPIRV.h"
#include "mlir/Conversion/UBToSPIRV/UBToSPIRV.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
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
spirv::TargetEnvAttr targetEnvironment(MLIRContext *ctx, const VulkanTarget &target) {
  using C = spirv::Capability;
  using E = spirv::Extension;
  C caps[] = {C::Shader, C::Int8, C::Int16, C::Int64, C::Float16, C::Float64,
              C::StorageBuffer8BitAccess, C::StorageBuffer16BitAccess,
              C::StoragePushConstant8, C::StoragePushConstant16};
  E exts[] = {E::SPV_KHR_storage_buffer_storage_class, E::SPV_KHR_8bit_storage,
              E::SPV_KHR_16bit_storage};
  auto triple = spirv::VerCapExtAttr::get(target.spirvVersion, caps, exts, ctx);
  return spirv::TargetEnvAttr::get(triple, spirv::getDefaultResourceLimits(ctx),
                                   spirv::ClientAPI::Vulkan);
}

class SpirvBackend : public Backend {
public:
  explicit SpirvBackend(const VulkanTarget &target) : target(target) {}
  llvm::StringRef name() const override { return "spirv"; }
  llvm::StringRef binaryExtension() const override { return ".spv"; }
  bool canEmit(EmitKind kind) const override { return kind != EmitKind::Llvm; }

  FailureOr<CompiledModule> compile(ModuleOp module, EmitKind kind,
                                    const CompileOptions &options) override {
    MLIRContext *ctx = module.getContext();
    // Until device panics exist (issue 4), a panic ends the invocation: after
    // inlining, every function is a kernel, so that is a return.
    module.walk([](hm::PanicOp panic) {
      OpBuilder b(panic);
      func::ReturnOp::create(b, panic.getLoc());
      panic.erase();
    });
    // SPIR-V needs structured control flow; MLIRGen emits branches.
    PassManager lift(ctx);
    lift.addNestedPass<func::FuncOp>(createLiftControlFlowToSCFPass());
    lift.addPass(createCanonicalizerPass());
    if (failed(lift.run(module)))
      return failure();

    spirv::TargetEnvAttr env = targetEnvironment(ctx, target);
    module->setAttr(spirv::getTargetEnvAttrName(), env);
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    auto spirvModule = spirv::ModuleOp::create(b, module.getLoc(), spirv::AddressingModel::Logical, spirv::MemoryModel::GLSL450);
    std::vector<std::string> kernels;
    for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>())) {
      if (hm::isKernel(func))
        kernels.push_back(func.getName().str());
      func->moveBefore(spirvModule.getBody(), spirvModule.getBody()->end());
    }

    if (failed(buildKernelInterfaces(spirvModule)) ||
        failed(convertToSpirv(spirvModule, env)))
      return failure();
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
      return CompiledModule{std::move(text), /*isText=*/true};
    }
    std::string bytes(binary.size() * sizeof(uint32_t), '\0');
    std::memcpy(bytes.data(), binary.data(), bytes.size());
    return CompiledModule{std::move(bytes), /*isText=*/false};
  }

private:
  static LogicalResult convertToSpirv(spirv::ModuleOp module,
                                      spirv::TargetEnvAttr env) {
    MLIRContext *ctx = module.getContext();
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
    cf::populateControlFlowToSPIRVPatterns(converter, patterns);
    index::populateIndexToSPIRVPatterns(converter, patterns);
    ub::populateUBToSPIRVConversionPatterns(converter, patterns);
    populateGpuOpsToSpirvPatterns(converter, patterns);
    std::unique_ptr<ConversionTarget> conversionTarget =
        SPIRVConversionTarget::get(env);
    conversionTarget->addIllegalDialect<hm::HmDialect>();
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
