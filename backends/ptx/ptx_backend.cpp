// The PTX backend: LLVM's NVPTX code generator, plus the checks that the PTX can
// load (no unresolved externals). Transcendental math goes through libdevice, as
// with nvcc: math ops become calls of its __nv_* functions, and the bitcode is
// linked into the module (only what is called, internalized, so the O-level
// pipeline inlines it and drops the rest).
#include "backends/ptx/ptx_backend.h"
#include "backends/llvm_common/bitcode_library.h"
#include "backends/llvm_common/llvm_backend.h"
#include "backends/ptx/cuda_tools.h"
#include "backends/ptx/ptx_target_info.h"

#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Math/IR/Math.h"
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

/// The SM versions LLVM 22's NVPTX back end knows and we accept, each with the
/// lowest PTX ISA version that supports it (what LLVM writes by default).
struct SmVersion {
  unsigned sm;
  unsigned minPtx; // 78 = PTX ISA 7.8
};
constexpr SmVersion kSmVersions[] = {{70, 60}, {72, 61}, {75, 63}, {80, 70},
                                     {86, 71}, {87, 74}, {89, 78}, {90, 78},
                                     {100, 86}, {120, 87}};
/// The PTX ISA versions LLVM 22 can write (its +ptxNN features), 6.0 and up.
constexpr unsigned kPtxVersions[] = {60, 61, 62, 63, 64, 65, 70, 71, 72, 73, 74,
                                     75, 76, 77, 78, 80, 81, 82, 83, 84, 85, 86,
                                     87, 88, 90};

class PtxBackend : public LlvmBackend {
public:
  explicit PtxBackend(SmVersion version)
      : LlvmBackend(std::make_unique<PtxTargetInfo>(version.sm, version.minPtx)),
        version(version) {}
  llvm::StringRef name() const override { return "ptx"; }
  llvm::StringRef binaryExtension() const override { return ".ptx"; }
  bool canEmit(EmitKind) const override { return true; }

protected:
  bool binaryIsObjectFile() const override { return false; }

  /// Math ops without NVPTX instructions become llvm.call @__nv_*; without
  /// libdevice they are refused here, saying how to get it.
  LogicalResult prepareModule(ModuleOp module) override {
    auto needsLibdevice = [this](Operation *op) {
      return isa<math::MathDialect>(op->getDialect()) &&
             target->mathLowering(op) == MathLowering::Library;
    };
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

    return convertToLibraryCalls(
        module,
        [](LLVMTypeConverter &converter, RewritePatternSet &patterns) {
          populateLibDeviceConversionPatterns(converter, patterns);
        },
        needsLibdevice);
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

  /// -C ptx-version=X.Y: a PTX ISA version LLVM can write that the SM has.
  mlir::FailureOr<std::string> optionFeatures(mlir::ModuleOp module,
                                              const CompileOptions &options) override {
    auto &ptxTarget = static_cast<PtxTargetInfo &>(*target);
    ptxTarget.setPtxVersion(version.minPtx);
    if (options.ptxVersion.empty())
      return std::string();
    llvm::StringRef text = options.ptxVersion;
    unsigned major = 0, minor = 0;
    auto [majorText, minorText] = text.split('.');
    bool wellFormed = !majorText.getAsInteger(10, major) &&
                      !minorText.getAsInteger(10, minor) && minor < 10;
    unsigned wanted = major * 10 + minor;
    bool known = false;
    for (unsigned ptx : kPtxVersions)
      known |= wellFormed && ptx == wanted;
    if (!known) {
      std::string list;
      for (unsigned ptx : kPtxVersions)
        list += (list.empty() ? "" : " ") + std::to_string(ptx / 10) + "." +
                std::to_string(ptx % 10);
      module.emitError() << "-C ptx-version=" << text
                         << " is not a PTX ISA version LLVM can write (known: " << list
                         << ")";
      return mlir::failure();
    }
    if (wanted < version.minPtx) {
      module.emitError() << "-C ptx-version=" << text << " is too old for sm_"
                         << version.sm << ", which needs PTX ISA "
                         << version.minPtx / 10 << "." << version.minPtx % 10
                         << " or later";
      return mlir::failure();
    }
    ptxTarget.setPtxVersion(wanted);
    return "+ptx" + std::to_string(wanted);
  }

  mlir::FailureOr<CompiledModule> finish(mlir::ModuleOp module, EmitKind kind,
                                         std::string ptx,
                                         const CompileOptions &options) override {
    // A call into libdevice or any other library that was not linked would make
    // the module fail to load at run time; refuse to write it.
    if (size_t at = ptx.find(".extern .func"); at != std::string::npos) {
      size_t end = ptx.find('\n', at);
      module.emitError() << "the PTX calls an unresolved external function: "
                         << ptx.substr(at, end - at);
      return mlir::failure();
    }
    bool assemble = kind == EmitKind::MachineCode || kind == EmitKind::MachineAssembly ||
                    options.resourceReport;
    if (!assemble)
      return CompiledModule{std::move(ptx), /*isText=*/true, {}};
    std::string cubin, log, error;
    if (!assemblePtx(ptx, version.sm, options.resourceReport,
                     options.debugInfo == DebugInfo::LineTables,
                     options.debugInfo == DebugInfo::Full, cubin, log, error)) {
      module.emitError() << (kind == EmitKind::MachineCode ? "--emit=cubin"
                             : kind == EmitKind::MachineAssembly ? "--emit=sass"
                                                                 : "-v")
                         << " needs ptxas: " << error;
      return mlir::failure();
    }
    CompiledModule result{std::move(ptx), /*isText=*/true, formatPtxasReport(log)};
    if (kind == EmitKind::MachineCode) {
      result.bytes = std::move(cubin);
      result.isText = false;
    } else if (kind == EmitKind::MachineAssembly) {
      std::string sass;
      if (!disassembleCubin(cubin, sass, error)) {
        module.emitError() << "--emit=sass: " << error;
        return mlir::failure();
      }
      result.bytes = std::move(sass);
    }
    return result;
  }

private:
  SmVersion version;
  std::string libdevice; // set by prepareModule when the module needs it
};

std::unique_ptr<Backend> createPtxBackend(llvm::StringRef target) {
  unsigned sm = 0;
  if (!target.consume_front("sm_") || target.getAsInteger(10, sm))
    return nullptr;
  for (const SmVersion &known : kSmVersions)
    if (known.sm == sm)
      return std::make_unique<PtxBackend>(known);
  return nullptr;
}

} // namespace

BackendInfo makePtxBackendInfo() {
  std::string help;
  for (const SmVersion &known : kSmVersions)
    help += (help.empty() ? "sm_" : " sm_") + std::to_string(known.sm);
  return {"ptx", help, createPtxBackend};
}

} // namespace hematite
