#include "backends/amdgcn/ocml.h"
#include "backends/llvm_common/bitcode_library.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MathToROCDL/MathToROCDL.h"
#include "mlir/Dialect/AMDGPU/Utils/Chipset.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdlib>

using namespace mlir;

namespace hematite {

std::string findOcml() {
  if (const char *env = std::getenv("HEMATITE_OCML"); env && *env)
    return env;
  std::vector<std::string> roots;
  if (const char *rocm = std::getenv("ROCM_PATH"); rocm && *rocm)
    roots.push_back(rocm);
  roots.push_back("/opt/rocm");
  roots.push_back("/usr/lib/x86_64-linux-gnu"); // Debian's rocm-device-libs
  roots.push_back("/usr/lib");
  for (const std::string &root : roots) {
    llvm::SmallString<128> path(root);
    llvm::sys::path::append(path, "amdgcn", "bitcode", "ocml.bc");
    if (llvm::sys::fs::exists(path))
      return std::string(path);
  }
  return "";
}

LogicalResult convertMathToOcml(ModuleOp module, const LlvmTargetInfo &target,
                                const std::string &ocmlPath) {
  std::string gfx = target.cpu();
  bool haveOcml = !ocmlPath.empty();
  // With ocml found, f32 sin/cos/pow use it too, for its accuracy; without it
  // they keep LLVM's expansions, and only the others need it.
  auto needsOcml = [&target](Operation *op, bool haveOcml) {
    if (!isa<math::MathDialect>(op->getDialect()))
      return false;
    MathLowering lowering = target.mathLowering(op);
    return lowering == MathLowering::Library ||
           (haveOcml && lowering == MathLowering::LibraryWhenAvailable);
  };
  Operation *first = nullptr;
  module.walk([&](Operation *op) {
    if (!needsOcml(op, haveOcml))
      return WalkResult::advance();
    first = op;
    return WalkResult::interrupt();
  });
  if (!first)
    return success();
  if (!haveOcml)
    return first->emitError()
           << "`" << first->getName() << "` on " << first->getOperand(0).getType()
           << " needs the ROCm device libraries (ocml) on " << gfx
           << ": install them (Debian: apt-get install rocm-device-libs; or ROCm in "
              "/opt/rocm) or set HEMATITE_OCML=/path/to/ocml.bc";
  if (!llvm::sys::fs::exists(ocmlPath))
    return first->emitError()
           << "`" << first->getName() << "` on " << first->getOperand(0).getType()
           << " needs the ROCm device libraries (ocml) on " << gfx << ", but `"
           << ocmlPath << "` does not exist: install rocm-device-libs or set "
              "HEMATITE_OCML=/path/to/ocml.bc";

  FailureOr<amdgpu::Chipset> chipset = amdgpu::Chipset::parse(gfx);
  std::optional<amdgpu::Chipset> known =
      succeeded(chipset) ? std::optional<amdgpu::Chipset>(*chipset) : std::nullopt;
  return convertToLibraryCalls(
      module,
      [&](LLVMTypeConverter &converter, RewritePatternSet &patterns) {
        populateMathToROCDLConversionPatterns(converter, patterns, known);
      },
      [&](Operation *op) { return needsOcml(op, /*haveOcml=*/true); });
}

/// gfx942 -> 9402, gfx90a -> 9010, gfx1100 -> 11000: major * 1000 + minor * 100
/// + stepping, the value of the ROCm control library oclc_isa_version_<gfx>.
static unsigned isaVersion(llvm::StringRef gfx) {
  llvm::StringRef digits = gfx.drop_front(3);
  unsigned major = 0, minor = 0, stepping = 0;
  digits.drop_back(2).getAsInteger(10, major);
  llvm::StringRef(digits.drop_back(1).take_back(1)).getAsInteger(16, minor);
  digits.take_back(1).getAsInteger(16, stepping);
  return major * 1000 + minor * 100 + stepping;
}

/// Defines (or completes the declaration of) ocml's control constant `name`.
static void defineControl(llvm::Module &m, llvm::StringRef name, llvm::Type *type,
                          uint64_t value) {
  llvm::GlobalVariable *global = m.getGlobalVariable(name);
  if (!global)
    return; // nothing linked reads it
  global->setInitializer(llvm::ConstantInt::get(type, value));
  global->setConstant(true);
  global->setLinkage(llvm::GlobalValue::InternalLinkage);
}

LogicalResult linkOcml(ModuleOp module, llvm::Module &llvmModule,
                       const std::string &ocmlPath, llvm::StringRef gfx, bool wave64) {
  if (!callsFunctionsPrefixed(llvmModule, "__ocml_"))
    return success();
  if (failed(linkBitcodeLibrary(module, llvmModule, ocmlPath, "ocml")))
    return failure();
  llvm::LLVMContext &ctx = llvmModule.getContext();
  llvm::Type *i8 = llvm::Type::getInt8Ty(ctx);
  llvm::Type *i32 = llvm::Type::getInt32Ty(ctx);
  defineControl(llvmModule, "__oclc_ISA_version", i32, isaVersion(gfx));
  defineControl(llvmModule, "__oclc_ABI_version", i32, 500);
  defineControl(llvmModule, "__oclc_wavefrontsize64", i8, wave64);
  defineControl(llvmModule, "__oclc_daz_opt", i8, 0);
  defineControl(llvmModule, "__oclc_finite_only_opt", i8, 0);
  defineControl(llvmModule, "__oclc_unsafe_math_opt", i8, 0);
  defineControl(llvmModule, "__oclc_correctly_rounded_sqrt32", i8, 1);
  return success();
}

} // namespace hematite
