// hm-verify-kernels: a kernel's signature must be one the kernel ABI can pass.
#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace hm {
#define GEN_PASS_DEF_HMVERIFYKERNELS
#include "mlir-dialects/hm/HmPasses.h.inc"
} // namespace hm

using namespace mlir;

namespace {

LogicalResult verifyKernel(func::FuncOp kernel) {
  if (kernel.isExternal())
    return kernel.emitError() << "kernel @" << kernel.getSymName() << " has no body";
  if (kernel.getNumResults() != 0)
    return kernel.emitError() << "kernel @" << kernel.getSymName()
                              << " returns a value; a kernel returns nothing";
  for (auto [i, type] : llvm::enumerate(kernel.getArgumentTypes()))
    if (!type.isIntOrFloat() && !isa<hm::SliceType>(type))
      return kernel.emitError() << "kernel @" << kernel.getSymName() << " parameter " << i
                                << " has type " << type
                                << "; a kernel takes integers, floats and slices";
  return success();
}

struct VerifyKernels : hm::impl::HmVerifyKernelsBase<VerifyKernels> {
  void runOnOperation() override {
    bool ok = true;
    for (Operation &op : getOperation().getOps()) {
      if (!hm::isKernel(&op))
        continue;
      auto kernel = dyn_cast<func::FuncOp>(op);
      if (!kernel) {
        op.emitError() << "'" << hm::HmDialect::kKernelAttrName
                       << "' marks a func.func, not '" << op.getName() << "'";
        ok = false;
      } else if (failed(verifyKernel(kernel))) {
        ok = false;
      }
    }
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
