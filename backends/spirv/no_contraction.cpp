#include "backends/spirv/no_contraction.h"

#include "mlir/IR/Builders.h"

using namespace mlir;

namespace hematite {

void forbidFloatContraction(spirv::ModuleOp module) {
  // The serializer writes a unit attribute named after a decoration (in
  // snake case) as that decoration.
  StringAttr name = StringAttr::get(module.getContext(), "no_contraction");
  UnitAttr unit = UnitAttr::get(module.getContext());
  module.walk([&](Operation *op) {
    if (isa<spirv::FMulOp, spirv::FAddOp, spirv::FSubOp>(op))
      op->setAttr(name, unit);
  });
}

} // namespace hematite
