// The PTX backend: LLVM's NVPTX code generator, plus the checks that the PTX can
// load (no unresolved externals). Transcendental math goes through libdevice, as
// with nvcc: math ops become calls of its __nv_* functions, and the bitcode is
// linked into the module (only what is called, internalized, so the O-level
// pipeline inlines it and drops the rest).
#include "backends/ptx/ptx_backend.h"
#include "backends/llvm_common/bitcode_library.h"
#include "backends/llvm_common/llvm_backend.h"
#include "backends/ptx/ptx_target_info.h"

#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/FileSystem.h"

#include <cstdlib>

using namespace mlir;

namespace hematite {
namespace {

/// libdevice.10.bc: $HEMATITE_LIBDEVICE, else the one CMake found beside the
/// CUDA toolkit (cmake/HematiteCUDA.cmake); empty if neither.
std::string libdevicePath() {
  if (const char *env = std::getenv("HEMATITE_LIBDEVICE"); env && *env)
    return env;
#ifdef HEMATITE_DEFAULT_LIBDEVICE
  return HEMATITE_DEFAULT_LIBDEVICE;
#else
  return "";
#endif
}

/// The math ops that LLVM's NVPTX back end has no instructions for, on f32 and
/// f64: they become calls of libdevice's __nv_* functions (the complement of
/// isNativeMath in hm_to_llvm.cpp, which refuses whatever is left).
bool needsLibdevice(Operation *op) {
  if (op->getNumOperands() == 0)
    return false;
  Type t = getElementTypeOrSelf(op->getOperand(0).getType());
  if (!t.isF32() && !t.isF64())
    return false;
  if (isa<math::Exp2Op>(op))
    return t.isF64();
  return isa<math::ExpOp, math::ExpM1Op, math::LogOp, math::Log1pOp, math::Log2Op,
             math::Log10Op, math::PowFOp, math::FPowIOp, math::SinOp, math::CosOp,
             math::TanOp, math::AsinOp, math::AcosOp, math::AtanOp, math::Atan2Op,
             math::SinhOp, math::CoshOp, math::TanhOp, math::AsinhOp, math::AcoshOp,
             math::AtanhOp, math::CbrtOp, math::ErfOp, math::ErfcOp>(op);
}

/// Replaces every __nvvm_reflect("__CUDA_PREC_SQRT") and ("__CUDA_PREC_DIV")
/// with 1, as nvcc without --use_fast_math: libdevice then takes its
/// IEEE-rounded paths. (LLVM's NVVMReflect pass answers __CUDA_FTZ from the
/// module flag and __CUDA_ARCH from the target; it would answer 0 here.)
void reflectPreciseMath(llvm::Module &module) {
  llvm::Function *reflect = module.getFunction("__nvvm_reflect");
  if (!reflect)
    return;
  for (llvm::User *user : llvm::make_early_inc_range(reflect->users())) {
    auto *call = llvm::dyn_cast<llvm::CallInst>(user);
    if (!call || call->arg_size() != 1)
      continue;
    auto *global = llvm::dyn_cast<llvm::GlobalVariable>(
        call->getArgOperand(0)->stripPointerCasts());
    auto *text = global && global->hasInitializer()
                     ? llvm::dyn_cast<llvm::ConstantDataSequential>(global->getInitializer())
                     : nullptr;
    if (!text || !text->isCString())
      continue;
    llvm::StringRef name = text->getAsCString();
    if (name != "__CUDA_PREC_SQRT" && name != "__CUDA_PREC_DIV")
      continue;
    call->replaceAllUsesWith(llvm::ConstantInt::get(call->getType(), 1));
    call->eraseFromParent();
  }
}

/// The SM versions LLVM 22's NVPTX back end knows and we accept.
constexpr unsigned kSmVersions[] = {70, 72, 75, 80, 86, 87, 89, 90, 100, 120};

class PtxBackend : public LlvmBackend {
public:
  explicit PtxBackend(unsigned sm)
      : LlvmBackend(std::make_unique<PtxTargetInfo>(sm)) {}
  llvm::StringRef name() const override { return "ptx"; }
  llvm::StringRef binaryExtension() const override { return ".ptx"; }
  bool canEmit(EmitKind) const override { return true; }

protected:
  bool binaryIsObjectFile() const override { return false; }

  /// Math ops without NVPTX instructions become llvm.call @__nv_*; without
  /// libdevice they are refused here, saying how to get it.
  LogicalResult prepareModule(ModuleOp module) override {
    Operation *first = nullptr;
    module.walk([&](Operation *op) {
      if (needsLibdevice(op)) {
        first = op;
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (!first)
      return success();
    libdevice = libdevicePath();
    Type type = first->getOperand(0).getType();
    if (libdevice.empty())
      return first->emitError()
             << "`" << first->getName() << "` on " << type
             << " needs libdevice: install the CUDA toolkit or set "
                "HEMATITE_LIBDEVICE=/path/to/libdevice.10.bc";
    if (!llvm::sys::fs::exists(libdevice))
      return first->emitError()
             << "`" << first->getName() << "` on " << type
             << " needs libdevice, but `" << libdevice
             << "` does not exist: install the CUDA toolkit or set "
                "HEMATITE_LIBDEVICE=/path/to/libdevice.10.bc";

    MLIRContext *ctx = module.getContext();
    LowerToLLVMOptions options(ctx);
    options.overrideIndexBitwidth(64);
    LLVMTypeConverter converter(ctx, options);
    RewritePatternSet patterns(ctx);
    populateLibDeviceConversionPatterns(converter, patterns);
    ConversionTarget target(*ctx);
    target.addLegalDialect<LLVM::LLVMDialect>();
    target.markUnknownOpDynamicallyLegal(
        [](Operation *op) { return !needsLibdevice(op); });
    return applyPartialConversion(module, target, std::move(patterns));
  }

  /// Links the __nv_* functions the module calls (and what they call) from
  /// libdevice, internalized, with nvcc's default (IEEE) reflections.
  LogicalResult linkLibraries(ModuleOp module, llvm::Module &llvmModule) override {
    if (!callsFunctionsPrefixed(llvmModule, "__nv_"))
      return success();
    if (failed(linkBitcodeLibrary(module, llvmModule, libdevice, "libdevice")))
      return failure();
    // __CUDA_FTZ = 0: denormals are kept (nvcc's default, -ftz=false).
    llvmModule.addModuleFlag(llvm::Module::Override, "nvvm-reflect-ftz", uint32_t(0));
    reflectPreciseMath(llvmModule);
    return success();
  }

  mlir::FailureOr<CompiledModule> finish(mlir::ModuleOp module, EmitKind,
                                         std::string ptx) override {
    // A call into libdevice or any other library that was not linked would make
    // the module fail to load at run time; refuse to write it.
    if (size_t at = ptx.find(".extern .func"); at != std::string::npos) {
      size_t end = ptx.find('\n', at);
      module.emitError() << "the PTX calls an unresolved external function: "
                         << ptx.substr(at, end - at);
      return mlir::failure();
    }
    return CompiledModule{std::move(ptx), /*isText=*/true};
  }

private:
  std::string libdevice; // set by prepareModule when the module needs it
};

std::unique_ptr<Backend> createPtxBackend(llvm::StringRef target) {
  unsigned sm = 0;
  if (!target.consume_front("sm_") || target.getAsInteger(10, sm))
    return nullptr;
  for (unsigned known : kSmVersions)
    if (known == sm)
      return std::make_unique<PtxBackend>(sm);
  return nullptr;
}

} // namespace

BackendInfo makePtxBackendInfo() {
  std::string help;
  for (unsigned sm : kSmVersions)
    help += (help.empty() ? "sm_" : " sm_") + std::to_string(sm);
  return {"ptx", help, createPtxBackend};
}

} // namespace hematite
