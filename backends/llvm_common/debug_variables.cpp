#include "backends/llvm_common/debug_variables.h"

#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Conversion/LLVMCommon/MemRefBuilder.h"
#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace hematite {
namespace {

/// The source position of an op, without the call sites it was inlined
/// through or the scope MLIRGen fused with it.
FileLineColLoc sourcePosition(Location loc) {
  while (true) {
    if (auto file = dyn_cast<FileLineColLoc>(loc))
      return file;
    if (auto call = dyn_cast<CallSiteLoc>(loc))
      loc = call.getCallee();
    else if (auto fused = dyn_cast<FusedLoc>(loc); fused && !fused.getLocations().empty())
      loc = fused.getLocations().front();
    else if (auto name = dyn_cast<NameLoc>(loc))
      loc = name.getChildLoc();
    else
      return {};
  }
}

/// The DWARF base type of a Rust scalar type name (u32, i64, f32, bool, usize).
LLVM::DIBasicTypeAttr baseType(MLIRContext *ctx, StringRef name) {
  unsigned encoding = llvm::dwarf::DW_ATE_unsigned;
  uint64_t bits = 8;
  if (name == "bool") {
    encoding = llvm::dwarf::DW_ATE_boolean;
  } else {
    if (name.starts_with("i"))
      encoding = llvm::dwarf::DW_ATE_signed;
    else if (name.starts_with("f"))
      encoding = llvm::dwarf::DW_ATE_float;
    StringRef digits = name.drop_front();
    if (digits == "size")
      bits = 64;
    else
      digits.getAsInteger(10, bits);
  }
  return LLVM::DIBasicTypeAttr::get(ctx, llvm::dwarf::DW_TAG_base_type, name, bits, encoding);
}

/// The variable's DWARF type: its base type, or for a slot of rank > 0 an array of
/// it with the slot's shape (Rust's `[[f32; 4]; 8]` is memref<8x4xf32>).
LLVM::DITypeAttr slotType(hm::DebugVariableOp op) {
  MLIRContext *ctx = op.getContext();
  LLVM::DIBasicTypeAttr element = baseType(ctx, op.getTypeName());
  auto shape = cast<MemRefType>(op.getSlot().getType()).getShape();
  if (shape.empty())
    return element;
  SmallVector<LLVM::DINodeAttr> ranges;
  uint64_t count = 1;
  for (int64_t dim : shape) {
    ranges.push_back(LLVM::DISubrangeAttr::get(
        ctx, IntegerAttr::get(IntegerType::get(ctx, 64), dim), Attribute(), Attribute(),
        Attribute()));
    count *= dim;
  }
  return LLVM::DICompositeTypeAttr::get(
      ctx, llvm::dwarf::DW_TAG_array_type, StringAttr(), LLVM::DIFileAttr(), /*line=*/0,
      LLVM::DIScopeAttr(), element, LLVM::DIFlags::Zero, count * element.getSizeInBits(),
      /*alignInBits=*/0, LLVM::DIExpressionAttr(), LLVM::DIExpressionAttr(),
      LLVM::DIExpressionAttr(), LLVM::DIExpressionAttr(), ranges);
}

/// Where a variable is declared: its source position, file, and scope (MLIRGen's,
/// with -g; else the file, until finishDebugVariables puts the function's
/// subprogram in its place: hm-dialect input). Null position: none to describe.
struct Declaration {
  FileLineColLoc position;
  LLVM::DIFileAttr file;
  LLVM::DIScopeAttr scope;

  Declaration(Operation *op, Attribute scopeAttr) : position(sourcePosition(op->getLoc())) {
    if (!position)
      return;
    StringRef path = position.getFilename().getValue();
    file = LLVM::DIFileAttr::get(op->getContext(), llvm::sys::path::filename(path),
                                 llvm::sys::path::parent_path(path));
    scope = file;
    if (auto given = dyn_cast_or_null<LLVM::DILocalScopeAttr>(scopeAttr))
      scope = given;
  }
  LLVM::DILocalVariableAttr variable(StringRef name, LLVM::DITypeAttr type) const {
    MLIRContext *ctx = file.getContext();
    return LLVM::DILocalVariableAttr::get(ctx, scope, StringAttr::get(ctx, name), file,
                                          position.getLine(), /*arg=*/0, /*alignInBits=*/0,
                                          type, LLVM::DIFlags::Zero);
  }
};

struct LowerDebugVariable : ConvertOpToLLVMPattern<hm::DebugVariableOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;
  LogicalResult matchAndRewrite(hm::DebugVariableOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Declaration at(op, op.getScopeAttr());
    if (!at.position) {
      rewriter.eraseOp(op);
      return success();
    }
    Value pointer = MemRefDescriptor(adaptor.getSlot()).alignedPtr(rewriter, op.getLoc());
    rewriter.replaceOpWithNewOp<LLVM::DbgDeclareOp>(
        op, pointer, at.variable(op.getName(), slotType(op)));
    return success();
  }
};

/// rustc's DWARF for a slice: a struct named `&[f32]` with `data_ptr` and
/// `length`, which gdb prints as a slice.
LLVM::DITypeAttr sliceType(hm::DebugSliceOp op, const Declaration &at) {
  MLIRContext *ctx = op.getContext();
  auto pointer = LLVM::DIDerivedTypeAttr::get(
      ctx, llvm::dwarf::DW_TAG_pointer_type, StringAttr(), baseType(ctx, op.getElementType()),
      /*sizeInBits=*/64, /*alignInBits=*/0, /*offsetInBits=*/0, std::nullopt, nullptr);
  auto member = [&](StringRef name, LLVM::DITypeAttr type, uint64_t offset) {
    return LLVM::DIDerivedTypeAttr::get(ctx, llvm::dwarf::DW_TAG_member,
                                        StringAttr::get(ctx, name), type, 64, 0, offset,
                                        std::nullopt, nullptr);
  };
  return LLVM::DICompositeTypeAttr::get(
      ctx, llvm::dwarf::DW_TAG_structure_type, StringAttr::get(ctx, op.getTypeName()),
      at.file, at.position.getLine(), LLVM::DIScopeAttr(), LLVM::DITypeAttr(),
      LLVM::DIFlags::Zero, /*sizeInBits=*/128, /*alignInBits=*/64, LLVM::DIExpressionAttr(),
      LLVM::DIExpressionAttr(), LLVM::DIExpressionAttr(), LLVM::DIExpressionAttr(),
      {member("data_ptr", pointer, 0), member("length", baseType(ctx, "usize"), 64)});
}

/// A slice parameter, kept in a stack slot at the function's entry so that the
/// debugger can read its pointer and length.
struct LowerDebugSlice : ConvertOpToLLVMPattern<hm::DebugSliceOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;
  LogicalResult matchAndRewrite(hm::DebugSliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Declaration at(op, op.getScopeAttr());
    if (!at.position) {
      rewriter.eraseOp(op);
      return success();
    }
    // The slot, at the top of the entry block (allocas there are static).
    Value slice = adaptor.getSlice();
    Block &entry = op->getParentRegion()->front();
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(&entry);
    Value one = LLVM::ConstantOp::create(rewriter, op.getLoc(), rewriter.getI64Type(),
                                         rewriter.getI64IntegerAttr(1));
    auto slot = LLVM::AllocaOp::create(rewriter, op.getLoc(),
                                       LLVM::LLVMPointerType::get(op.getContext()),
                                       slice.getType(), one, /*alignment=*/8);
    rewriter.setInsertionPoint(op);
    LLVM::StoreOp::create(rewriter, op.getLoc(), slice, slot);
    rewriter.replaceOpWithNewOp<LLVM::DbgDeclareOp>(
        op, slot, at.variable(op.getName(), sliceType(op, at)));
    return success();
  }
};

/// The value inserted at `position` of the struct `value` was built with, if it
/// was built by llvm.insertvalue (a memref descriptor is).
Value insertedAt(Value value, int64_t position) {
  while (auto insert = value.getDefiningOp<LLVM::InsertValueOp>()) {
    if (insert.getPosition() == ArrayRef<int64_t>{position})
      return insert.getValue();
    value = insert.getContainer();
  }
  return {};
}

} // namespace

void populateDebugVariablePatterns(LLVMTypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<LowerDebugVariable, LowerDebugSlice>(converter);
}

void finishDebugVariables(ModuleOp module, DebugInfo debugInfo) {
  for (auto func : module.getOps<LLVM::LLVMFuncOp>()) {
    auto subprogram = func.getLoc()->findInstanceOf<FusedLocWith<LLVM::DISubprogramAttr>>();
    func.walk([&](LLVM::DbgDeclareOp declare) {
      if (debugInfo != DebugInfo::Full || !subprogram) {
        declare.erase();
        return;
      }
      LLVM::DILocalVariableAttr v = declare.getVarInfo();
      if (isa<LLVM::DIFileAttr>(v.getScope()))
        declare.setVarInfoAttr(LLVM::DILocalVariableAttr::get(
            v.getContext(), subprogram.getMetadata(), v.getName(), v.getFile(), v.getLine(),
            v.getArg(), v.getAlignInBits(), v.getType(), v.getFlags()));
      // The descriptor's aligned pointer of an alloca'd slot is the alloca: point
      // the declare at it, as a front end would.
      if (auto extract = declare.getAddr().getDefiningOp<LLVM::ExtractValueOp>())
        if (extract.getPosition() == ArrayRef<int64_t>{1})
          if (Value slot = insertedAt(extract.getContainer(), 1);
              slot && slot.getDefiningOp<LLVM::AllocaOp>())
            declare.getAddrMutable().assign(slot);
    });
  }
}

} // namespace hematite
