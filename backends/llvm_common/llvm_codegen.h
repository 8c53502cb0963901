// From the LLVM dialect to machine code: translation to LLVM IR, the O-level
// pipeline, and the target's code generator. Shared by ptx/ and amdgcn/.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_LLVM_CODEGEN_H
#define HEMATITE_BACKENDS_LLVM_COMMON_LLVM_CODEGEN_H

#include "backends/llvm_common/target_info.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace hematite {

/// Initializes the code generator for `triple` alone (NVPTX or AMDGPU), once
/// per process.
void initializeTargetFor(const llvm::Triple &triple);

/// A target machine for `target` at `optLevel`, with `extraFeatures` added to
/// the target's own; reports to `module`'s context and returns null on failure.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(mlir::ModuleOp module, const LlvmTargetInfo &target,
                    int optLevel, const std::string &extraFeatures = "");

/// Translates an LLVM-dialect module to LLVM IR for `machine`.
std::unique_ptr<llvm::Module> translateToLlvmIr(mlir::ModuleOp module,
                                                llvm::LLVMContext &context,
                                                llvm::TargetMachine &machine);

/// Runs LLVM's default O<optLevel> pipeline with the target's own passes.
/// With `versionChecks` (and -O2 and up), check versioning runs first
/// (check_versioning.cpp); with `prefetchAheadBlocks` (and -O2 and up, on a
/// target with an L2 prefetch), the cross-block prefetch runs last at that
/// distance, 0 for the pass's own (prefetch_ahead.cpp); with `l1Reuse` (and
/// -O2 and up), loads of data read again are kept in L1 (keep_reused_loads.cpp).
void optimizeLlvmIr(llvm::Module &module, llvm::TargetMachine &machine,
                    int optLevel, const LlvmTargetInfo &target, bool versionChecks,
                    std::optional<unsigned> prefetchAheadBlocks, bool l1Reuse);

/// Runs the code generator; returns false (and sets `error`) on failure.
bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                     llvm::CodeGenFileType type, std::string &out,
                     std::string &error);

/// LLVM IR as text.
std::string printLlvmIr(const llvm::Module &module);

} // namespace hematite

#endif
