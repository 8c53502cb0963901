// The hm dialect: registration, the slice type's syntax, verifiers and folders.
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace hm;

#include "mlir-dialects/hm/HmDialect.cpp.inc"
#include "mlir-dialects/hm/HmEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "mlir-dialects/hm/HmTypes.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "mlir-dialects/hm/HmAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "mlir-dialects/hm/HmOps.cpp.inc"

namespace {
/// Every hm op may be inlined: none refers to its enclosing function.
struct HmInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
  /// hm.panic stays where it is: it ends its block in the caller as it did in
  /// the callee.
  void handleTerminator(Operation *, Block *) const final {}
};
} // namespace

void HmDialect::initialize() {
  addInterfaces<HmInlinerInterface>();
  registerTypes();
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "mlir-dialects/hm/HmOps.cpp.inc"
      >();
}

void HmDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "mlir-dialects/hm/HmTypes.cpp.inc"
      >();
}

void HmDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mlir-dialects/hm/HmAttrs.cpp.inc"
      >();
}

bool hm::isKernel(Operation *func) {
  return func->hasAttr(HmDialect::kKernelAttrName);
}

//===----------------------------------------------------------------------===//
// !hm.slice<T> / !hm.slice<mut T>
//===----------------------------------------------------------------------===//

Type SliceType::parse(AsmParser &parser) {
  Type element;
  bool isMutable = false;
  if (parser.parseLess())
    return {};
  if (succeeded(parser.parseOptionalKeyword("mut")))
    isMutable = true;
  if (parser.parseType(element) || parser.parseGreater())
    return {};
  return SliceType::get(parser.getContext(), element, isMutable);
}

void SliceType::print(AsmPrinter &printer) const {
  printer << '<';
  if (getIsMutable())
    printer << "mut ";
  printer << getElementType() << '>';
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

OpFoldResult SliceLenOp::fold(FoldAdaptor) {
  // len(slice_from_parts(p, n)) == n
  if (auto parts = getSlice().getDefiningOp<SliceFromPartsOp>())
    return parts.getLen();
  return {};
}

LogicalResult SliceStoreOp::verify() {
  if (!getSlice().getType().getIsMutable())
    return emitOpError("stores through a read-only slice ")
           << getSlice().getType();
  return success();
}
