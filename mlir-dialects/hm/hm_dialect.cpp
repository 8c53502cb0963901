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

/// Counts the `{}` / `{:?}` holes of a panic message (`{{` and `}}` are braces).
static unsigned countPanicHoles(StringRef message) {
  unsigned holes = 0;
  for (size_t i = 0; i < message.size(); ++i) {
    if ((message[i] == '{' || message[i] == '}') && i + 1 < message.size() &&
        message[i + 1] == message[i]) {
      ++i;
      continue;
    }
    if (message[i] == '{')
      ++holes;
  }
  return holes;
}

LogicalResult DebugStructOp::verify() {
  if (getFields().size() != getSlots().size() || getFieldTypes().size() != getSlots().size())
    return emitOpError("has ") << getSlots().size() << " slots but " << getFields().size()
                               << " fields and " << getFieldTypes().size() << " field types";
  for (Value slot : getSlots())
    if (cast<MemRefType>(slot.getType()).getRank() != 0 ||
        !cast<MemRefType>(slot.getType()).getElementType().isIntOrFloat())
      return emitOpError("slot of type ") << slot.getType() << " is not a scalar's";
  return success();
}

LogicalResult PanicOp::verify() {
  SmallVector<StringRef> types;
  if (!getTypes().empty())
    getTypes().split(types, ',');
  if (types.size() != getValues().size())
    return emitOpError("has ") << getValues().size() << " values but " << types.size()
                               << " type names";
  for (auto [name, value] : llvm::zip(types, getValues())) {
    unsigned width = value.getType().getIntOrFloatBitWidth();
    bool ok = name == "bool" ? width == 1
              : name == "f32" ? value.getType().isF32()
              : name == "f64" ? value.getType().isF64()
              : (name.size() >= 2 && (name[0] == 'i' || name[0] == 'u') &&
                 isa<IntegerType>(value.getType()) &&
                 name.drop_front() == std::to_string(width));
    if (!ok)
      return emitOpError("value of type ") << value.getType() << " named `" << name << "`";
  }
  if (countPanicHoles(getMessage()) != getValues().size())
    return emitOpError("message has ") << countPanicHoles(getMessage()) << " holes for "
                                       << getValues().size() << " values";
  return success();
}
