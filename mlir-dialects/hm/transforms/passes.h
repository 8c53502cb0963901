// hm-level passes and the pipeline every backend runs first.
#ifndef HEMATITE_MLIR_DIALECTS_HM_TRANSFORMS_PASSES_H
#define HEMATITE_MLIR_DIALECTS_HM_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace hm {

#define GEN_PASS_DECL
#include "mlir-dialects/hm/HmPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "mlir-dialects/hm/HmPasses.h.inc"

/// The target-independent pipeline: inline every call into its kernel, promote
/// locals to SSA values, simplify, and drop bounds checks proven unnecessary.
void buildHmPipeline(mlir::OpPassManager &pm);

/// hm-defer-checks and the clean-up after it: what optimized code generation
/// runs after buildHmPipeline (`--emit=hm` shows the checks before it).
void buildHmCheckDeferral(mlir::OpPassManager &pm);

/// Registers buildHmPipeline as `--hm-pipeline` for hematite-opt.
void registerHmPipeline();

} // namespace hm

#endif
