//===- HmPasses.td - hm-level passes -----------------------------------------===//

#ifndef HM_PASSES_TD
#define HM_PASSES_TD

include "mlir/Pass/PassBase.td"

def HmVerifyKernels : Pass<"hm-verify-kernels", "mlir::ModuleOp"> {
  let summary = "Reject kernels whose signature the kernel ABI cannot pass";
  let description = [{
    Every `hm.kernel` func.func has a body, returns nothing and takes only
    integers, floats and slices (docs/abi.md). MLIRGen's kernels always do;
    hm-dialect input is checked here, first in the pipeline, so that a bad
    signature is reported as the module's fault rather than as a backend's
    failure to rewrite it.
  }];
}

def HmBoundsCheckElimination : Pass<"hm-bounds-check-elim"> {
  let summary = "Drop bounds checks whose index is provably in range";
  let description = [{
    A checked `s[i]` is in range when it is only reachable through the true edge of
    a branch on `i < s.len()` (unsigned; `i` and `s` the same SSA values), the
    pattern `if i < s.len() { s[i] ... }` that every guarded kernel has.
  }];
  let dependentDialects = [];
}

def HmExpandChecks : Pass<"hm-expand-checks"> {
  let summary = "Turn checked slice accesses into explicit branches to hm.panic";
  let description = [{
    After bounds-check elimination, every remaining `checked` access becomes
    `cf.cond_br (i < len), ^access, ^panic` with a panic block whose message is
    Rust's ("index out of bounds"). Backends then only lower hm.panic.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::cf::ControlFlowDialect"];
}

def HmDeferChecks : Pass<"hm-defer-checks", "mlir::func::FuncOp"> {
  let summary = "Report failed checks at the next point that needs it, not where they fail";
  let description = [{
    Every `cf.cond_br %ok, ^next, ^panic` whose successor holds only hm.panic
    records the first failing site and its values in a pending state instead
    of branching. Loads run on a harmless location when out of range, stores
    are skipped while a site is pending, and the state is flushed (a branch to
    the site's hm.panic) before returns, atomics, barriers, warp operations and
    back edges of loops that are not unrolled fully. Straight-line code then
    keeps its loads together (transpose, sgemm). See defer_checks.cpp.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::cf::ControlFlowDialect",
                           "mlir::memref::MemRefDialect"];
}

def HmVersionChecks : Pass<"hm-version-checks", "mlir::func::FuncOp"> {
  let summary = "Decide bounds checks at the kernel's start; run a copy without them if they pass";
  let description = [{
    For backends without LLVM's check versioning (SPIR-V). Each check
    `cf.cond_br (i < len), ^ok, ^panic` whose index has an upper bound computable
    from the kernel's arguments and thread indices (loop counters bounded by
    their loop's `c < n` test) is decided in a new entry block; if all pass,
    a copy of the body without them runs, else the original body. A kernel with
    barriers or subgroup operations first agrees on the choice across the
    workgroup. See version_checks.cpp.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::cf::ControlFlowDialect",
                           "mlir::memref::MemRefDialect"];
}

#endif // HM_PASSES_TD
