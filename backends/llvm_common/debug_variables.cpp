#include "backends/llvm_common/debug_variables.h"

#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Conversion/LLVMCommon/MemRefBuilder.h"
#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"
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

/// The three -g ops' lowering: an op without a source position describes
/// nothing and goes; the others are declared by `declare`.
template <typename DebugOp>
struct LowerDebugOp : ConvertOpToLLVMPattern<DebugOp> {
  using ConvertOpToLLVMPattern<DebugOp>::ConvertOpToLLVMPattern;
  using OpAdaptor = typename DebugOp::Adaptor;
  LogicalResult matchAndRewrite(DebugOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Declaration at(op, op.getScopeAttr());
    if (at.position)
      declare(op, adaptor, at, rewriter);
    else
      rewriter.eraseOp(op);
    return success();
  }
  virtual void declare(DebugOp op, OpAdaptor adaptor, const Declaration &at,
                       ConversionPatternRewriter &rewriter) const = 0;
};

struct LowerDebugVariable : LowerDebugOp<hm::DebugVariableOp> {
  using LowerDebugOp::LowerDebugOp;
  void declare(hm::DebugVariableOp op, OpAdaptor adaptor, const Declaration &at,
               ConversionPatternRewriter &rewriter) const override {
    Value pointer = MemRefDescriptor(adaptor.getSlot()).alignedPtr(rewriter, op.getLoc());
    rewriter.replaceOpWithNewOp<LLVM::DbgDeclareOp>(
        op, pointer, at.variable(op.getName(), slotType(op)));
  }
};

/// Marks the declares of one hm.debug_struct (until finishDebugVariables).
constexpr const char *kStructInstanceAttr = "hematite.debug_struct";

/// A struct variable's scalar field: its path in the value and where it lies in
/// the variable's layout (bytes).
struct FieldLayout {
  SmallVector<StringRef> path;
  StringRef typeName;
  uint64_t offset, size;
};

/// Each field at its natural alignment, in storage order, as an LLVM struct of
/// the fields' types is laid out. Returns the size of the whole, `align` its
/// alignment.
uint64_t layOutFields(hm::DebugStructOp op, SmallVectorImpl<FieldLayout> &out,
                      uint64_t &align) {
  uint64_t end = 0;
  align = 1;
  for (auto [slot, path, type] : llvm::zip(op.getSlots(), op.getFields(), op.getFieldTypes())) {
    Type element = cast<MemRefType>(slot.getType()).getElementType();
    uint64_t size = std::max<uint64_t>(1, element.getIntOrFloatBitWidth() / 8);
    FieldLayout field{{}, cast<StringAttr>(type).getValue(), llvm::alignTo(end, size), size};
    cast<StringAttr>(path).getValue().split(field.path, '.');
    end = field.offset + size;
    align = std::max(align, size);
    out.push_back(field);
  }
  return llvm::alignTo(end, align);
}

/// The DWARF struct `name` of `fields` (whose paths share their first `depth`
/// parts), `size` bytes, laid out from the first field's offset.
LLVM::DICompositeTypeAttr structType(hm::DebugStructOp op, const Declaration &at,
                                     StringRef name, ArrayRef<FieldLayout> fields,
                                     unsigned depth, uint64_t size) {
  MLIRContext *ctx = op.getContext();
  uint64_t base = fields.front().offset;
  SmallVector<LLVM::DINodeAttr> members;
  auto member = [&](StringRef memberName, LLVM::DITypeAttr type, uint64_t bytes,
                    uint64_t offset) {
    members.push_back(LLVM::DIDerivedTypeAttr::get(
        ctx, llvm::dwarf::DW_TAG_member, StringAttr::get(ctx, memberName), type, bytes * 8,
        /*alignInBits=*/0, (offset - base) * 8, std::nullopt, nullptr));
  };
  for (size_t i = 0; i < fields.size();) {
    StringRef first = fields[i].path[depth];
    if (fields[i].path.size() == depth + 1) {
      member(first, baseType(ctx, fields[i].typeName), fields[i].size, fields[i].offset);
      ++i;
      continue;
    }
    // A nested struct: the run of fields under it.
    size_t j = i;
    uint64_t align = 1;
    while (j < fields.size() && fields[j].path.size() > depth + 1 &&
           fields[j].path[depth] == first)
      align = std::max(align, fields[j++].size);
    ArrayRef<FieldLayout> nested = fields.slice(i, j - i);
    uint64_t extent = nested.back().offset + nested.back().size - nested.front().offset;
    uint64_t bytes = llvm::alignTo(extent, align);
    std::string path =
        llvm::join(ArrayRef<StringRef>(nested.front().path).take_front(depth + 1), ".");
    auto typeName = op.getStructNames().getAs<StringAttr>(path);
    member(first,
           structType(op, at, typeName ? typeName.getValue() : StringRef(path), nested, depth + 1,
                      bytes),
           bytes, nested.front().offset);
    i = j;
  }
  return LLVM::DICompositeTypeAttr::get(
      ctx, llvm::dwarf::DW_TAG_structure_type, StringAttr::get(ctx, name), at.file,
      at.position.getLine(), LLVM::DIScopeAttr(), LLVM::DITypeAttr(), LLVM::DIFlags::Zero,
      size * 8, /*alignInBits=*/0, LLVM::DIExpressionAttr(), LLVM::DIExpressionAttr(),
      LLVM::DIExpressionAttr(), LLVM::DIExpressionAttr(), members);
}

/// A struct variable: one DWARF struct, each field's slot declared as its piece
/// (DW_OP_LLVM_fragment). finishDebugVariables then gives the slots one stack
/// slot of the struct's layout.
struct LowerDebugStruct : LowerDebugOp<hm::DebugStructOp> {
  using LowerDebugOp::LowerDebugOp;
  void declare(hm::DebugStructOp op, OpAdaptor adaptor, const Declaration &at,
               ConversionPatternRewriter &rewriter) const override {
    SmallVector<FieldLayout> fields;
    uint64_t align = 1;
    uint64_t size = layOutFields(op, fields, align);
    LLVM::DILocalVariableAttr variable =
        at.variable(op.getName(), structType(op, at, op.getTypeName(), fields, 0, size));
    MLIRContext *ctx = op.getContext();
    // Two instances of a variable (a function inlined twice) can have the same
    // DWARF variable; their declares are told apart by the op they come from.
    auto instance = IntegerAttr::get(IntegerType::get(ctx, 64),
                                     reinterpret_cast<intptr_t>(op.getOperation()));
    for (auto [slot, field] : llvm::zip(adaptor.getSlots(), fields)) {
      Value pointer = MemRefDescriptor(slot).alignedPtr(rewriter, op.getLoc());
      auto piece = LLVM::DIExpressionElemAttr::get(ctx, llvm::dwarf::DW_OP_LLVM_fragment,
                                                   {field.offset * 8, field.size * 8});
      auto piecewise = LLVM::DbgDeclareOp::create(rewriter, op.getLoc(), pointer, variable,
                                                  LLVM::DIExpressionAttr::get(ctx, {piece}));
      piecewise->setAttr(kStructInstanceAttr, instance);
    }
    rewriter.eraseOp(op);
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
struct LowerDebugSlice : LowerDebugOp<hm::DebugSliceOp> {
  using LowerDebugOp::LowerDebugOp;
  void declare(hm::DebugSliceOp op, OpAdaptor adaptor, const Declaration &at,
               ConversionPatternRewriter &rewriter) const override {
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

/// The piece (offset and size in bits) a declare names, if it names one.
std::optional<std::pair<uint64_t, uint64_t>> pieceOf(LLVM::DbgDeclareOp declare) {
  LLVM::DIExpressionAttr expression = declare.getLocationExpr();
  if (!expression || expression.getOperations().size() != 1)
    return std::nullopt;
  LLVM::DIExpressionElemAttr op = expression.getOperations().front();
  if (op.getOpcode() != llvm::dwarf::DW_OP_LLVM_fragment || op.getArguments().size() != 2)
    return std::nullopt;
  return std::make_pair(op.getArguments()[0], op.getArguments()[1]);
}

/// A struct variable's fields are separate allocas, declared as pieces. cuda-gdb
/// reads no variable made of pieces in local memory (it takes their addresses
/// for generic ones: docs/cli.md), so the fields move into one alloca of the
/// struct's layout, at their pieces' offsets, declared whole.
void placeStructsInOneSlot(LLVM::LLVMFuncOp func) {
  llvm::MapVector<Attribute, SmallVector<LLVM::DbgDeclareOp>> pieces;  // by instance
  func.walk([&](LLVM::DbgDeclareOp declare) {
    if (Attribute instance = declare->removeAttr(kStructInstanceAttr); instance && pieceOf(declare))
      pieces[instance].push_back(declare);
  });
  MLIRContext *ctx = func.getContext();
  for (auto &[instance, declares] : pieces) {
    LLVM::DILocalVariableAttr variable = declares.front().getVarInfo();
    auto type = dyn_cast_or_null<LLVM::DICompositeTypeAttr>(variable.getType());
    bool allocas = llvm::all_of(declares, [](LLVM::DbgDeclareOp d) {
      return d.getAddr().getDefiningOp<LLVM::AllocaOp>() != nullptr;
    });
    if (!type || !allocas)
      continue;  // left as pieces
    OpBuilder b = OpBuilder::atBlockBegin(&func.getBody().front());
    Location loc = declares.front().getLoc();
    Value one = LLVM::ConstantOp::create(b, loc, b.getI64Type(), b.getI64IntegerAttr(1));
    auto bytes = LLVM::LLVMArrayType::get(b.getI8Type(), type.getSizeInBits() / 8);
    auto pointer = LLVM::LLVMPointerType::get(ctx);
    Value slot = LLVM::AllocaOp::create(b, loc, pointer, bytes, one, /*alignment=*/8);
    for (LLVM::DbgDeclareOp declare : declares) {
      auto field = declare.getAddr().getDefiningOp<LLVM::AllocaOp>();
      Value at = LLVM::GEPOp::create(
          b, loc, pointer, b.getI8Type(), slot,
          ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(pieceOf(declare)->first / 8)},
          LLVM::GEPNoWrapFlags::inbounds);
      field.getResult().replaceAllUsesWith(at);
      field.erase();
    }
    OpBuilder here(declares.front());
    LLVM::DbgDeclareOp::create(here, loc, slot, variable, LLVM::DIExpressionAttr());
    for (LLVM::DbgDeclareOp declare : declares)
      declare.erase();
  }
}

} // namespace

void populateDebugVariablePatterns(LLVMTypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<LowerDebugVariable, LowerDebugStruct, LowerDebugSlice>(converter);
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
    placeStructsInOneSlot(func);
  }
}

} // namespace hematite
