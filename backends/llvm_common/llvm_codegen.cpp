#include "backends/llvm_common/llvm_codegen.h"
#include "backends/llvm_common/check_versioning.h"
#include "backends/llvm_common/keep_reused_loads.h"
#include "backends/llvm_common/prefetch_ahead.h"
#include "backends/llvm_common/tag_read_only_loads.h"
#include "backends/llvm_common/unroll_streaming_loops.h"
#include "backends/llvm_common/target_info.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

extern "C" {
void LLVMInitializeNVPTXTargetInfo();
void LLVMInitializeNVPTXTarget();
void LLVMInitializeNVPTXTargetMC();
void LLVMInitializeNVPTXAsmPrinter();
void LLVMInitializeAMDGPUTargetInfo();
void LLVMInitializeAMDGPUTarget();
void LLVMInitializeAMDGPUTargetMC();
void LLVMInitializeAMDGPUAsmPrinter();
}

namespace hematite {

void initializeTargetFor(const llvm::Triple &triple) {
  // Only the code generator asked for: initializing AMDGPU registers a few
  // hundred passes and options that a PTX compile never uses (and the
  // other way round), which shows in a small kernel's compile time.
  static std::once_flag nvptx, amdgpu;
  if (triple.isNVPTX())
    std::call_once(nvptx, [] {
      LLVMInitializeNVPTXTargetInfo();
      LLVMInitializeNVPTXTarget();
      LLVMInitializeNVPTXTargetMC();
      LLVMInitializeNVPTXAsmPrinter();
    });
  else if (triple.isAMDGPU())
    std::call_once(amdgpu, [] {
      LLVMInitializeAMDGPUTargetInfo();
      LLVMInitializeAMDGPUTarget();
      LLVMInitializeAMDGPUTargetMC();
      LLVMInitializeAMDGPUAsmPrinter();
    });
}

static llvm::CodeGenOptLevel codeGenLevel(int optLevel) {
  switch (optLevel) {
  case 0: return llvm::CodeGenOptLevel::None;
  case 1: return llvm::CodeGenOptLevel::Less;
  case 2: return llvm::CodeGenOptLevel::Default;
  default: return llvm::CodeGenOptLevel::Aggressive;
  }
}

std::unique_ptr<llvm::TargetMachine>
createTargetMachine(mlir::ModuleOp module, const LlvmTargetInfo &target,
                    int optLevel, const std::string &extraFeatures) {
  llvm::Triple triple(target.triple());
  initializeTargetFor(triple);
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget) {
    module.emitError() << "LLVM has no code generator for " << target.triple()
                       << ": " << error;
    return nullptr;
  }
  target.setGlobalCodeGenOptions();
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      triple, target.cpu(),
      target.features().empty() || extraFeatures.empty()
          ? target.features() + extraFeatures
          : target.features() + "," + extraFeatures,
      options, std::nullopt,
      std::nullopt, codeGenLevel(optLevel)));
  if (!machine)
    module.emitError() << "cannot create a target machine for "
                       << target.triple() << " (" << target.cpu() << ")";
  return machine;
}

std::unique_ptr<llvm::Module> translateToLlvmIr(mlir::ModuleOp module,
                                                llvm::LLVMContext &context,
                                                llvm::TargetMachine &machine) {
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, "hematite");
  if (!llvmModule)
    return nullptr;
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());
  return llvmModule;
}

void optimizeLlvmIr(llvm::Module &module, llvm::TargetMachine &machine,
                    int optLevel, const LlvmTargetInfo &target, bool versionChecks,
                    std::optional<unsigned> prefetchAheadBlocks, bool l1Reuse) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = optLevel <= 0   ? llvm::OptimizationLevel::O0
                                  : optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  if (optLevel >= 1)
    builder.registerOptimizerLastEPCallback(
        [&target, optLevel, prefetchAheadBlocks, l1Reuse](llvm::ModulePassManager &mpm,
                                                          llvm::OptimizationLevel,
                                                          llvm::ThinOrFullLTOPhase) {
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(TagReadOnlyLoadsPass()));
          // Last, on the final code: whether a load is in a loop, and its address.
          if (optLevel >= 2 && prefetchAheadBlocks && target.hasL2Prefetch())
            mpm.addPass(llvm::createModuleToFunctionPassAdaptor(
                PrefetchAheadPass(target, *prefetchAheadBlocks)));
          // After the prefetch, which takes the loads as they are.
          if (optLevel >= 2 && l1Reuse && target.canKeepLoadsInL1())
            mpm.addPass(llvm::createModuleToFunctionPassAdaptor(KeepReusedLoadsPass(target)));
        });
  // Before runtime unrolling, while each pass over the data is one loop, and
  // after LICM, when the loops' steps are invariant.
  if (optLevel >= 2 && l1Reuse && target.canKeepLoadsInL1())
    builder.registerVectorizerStartEPCallback(
        [&target](llvm::FunctionPassManager &fpm, llvm::OptimizationLevel) {
          fpm.addPass(MarkReusedLoadsPass(target.globalAddressSpace()));
        });
  if (optLevel >= 2)
    builder.registerPipelineEarlySimplificationEPCallback(
        [&target, versionChecks](llvm::ModulePassManager &mpm, llvm::OptimizationLevel,
                                 llvm::ThinOrFullLTOPhase) {
          if (versionChecks)
            mpm.addPass(llvm::createModuleToFunctionPassAdaptor(CheckVersioningPass(
                [&target](llvm::CallBase &call) { return target.divergenceSafeCallee(call); })));
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(
              UnrollStreamingLoopsPass(target.globalAddressSpace())));
        });
  llvm::ModulePassManager mpm = level == llvm::OptimizationLevel::O0
                                    ? builder.buildO0DefaultPipeline(level)
                                    : builder.buildPerModuleDefaultPipeline(level);
  mpm.run(module, mam);
}

bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                     llvm::CodeGenFileType type, std::string &out,
                     std::string &error) {
  llvm::SmallString<0> buffer;
  llvm::raw_svector_ostream stream(buffer);
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, stream, nullptr, type)) {
    error = "the code generator cannot emit this file type";
    return false;
  }
  pm.run(module);
  out.assign(buffer.begin(), buffer.end());
  return true;
}

std::string printLlvmIr(const llvm::Module &module) {
  std::string text;
  llvm::raw_string_ostream stream(text);
  module.print(stream, nullptr);
  return text;
}

} // namespace hematite
