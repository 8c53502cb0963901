#include "backends/spirv/unroll_hints.h"

#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dominance.h"

using namespace mlir;

namespace hematite {

void markLoopsToUnroll(ModuleOp module) {
  module.walk([](func::FuncOp func) {
    SmallVector<Operation *> backEdges;
    func.walk([&](Operation *op) {
      if (op->removeAttr(hm::HmDialect::kUnrollFullAttrName))
        backEdges.push_back(op);
    });
    if (backEdges.empty())
      return;
    // The back edge goes to the header, which dominates it.
    DominanceInfo dominance(func);
    SmallVector<Block *> headers;
    for (Operation *op : backEdges)
      for (Block *to : op->getSuccessors())
        if (dominance.dominates(to, op->getBlock()))
          headers.push_back(to);
    for (Block *header : headers) {
      OpBuilder b = OpBuilder::atBlockBegin(header);
      hm::UnrollMarkerOp::create(b, header->getParentOp()->getLoc());
    }
  });
}

void applyUnrollHints(spirv::ModuleOp module) {
  SmallVector<hm::UnrollMarkerOp> markers;
  module.walk([&](hm::UnrollMarkerOp marker) { markers.push_back(marker); });
  for (hm::UnrollMarkerOp marker : markers) {
    if (auto loop = marker->getParentOfType<spirv::LoopOp>())
      loop.setLoopControl(spirv::LoopControl::Unroll);
    marker.erase();
  }
}

} // namespace hematite
