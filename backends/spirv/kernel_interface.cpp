#include "backends/spirv/kernel_interface.h"
#include "backends/common/kernel_metadata.h"
#include "backends/spirv/atomic_ops_to_spirv.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVAttributes.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVTypes.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

namespace hematite {
namespace {

/// Byte size of a scalar parameter or slice element type.
unsigned byteSize(Type type) {
  if (type.isInteger(1))
    return 1; // bool is one byte in Rust and in our push-constant layout
  return (type.getIntOrFloatBitWidth() + 7) / 8;
}

/// Where a kernel parameter lives once the interface is built.
struct ParamSlot {
  int binding = -1;        // storage-buffer binding (slices)
  int pushMember = -1;     // push-constant member: the scalar, or the slice length
  spirv::GlobalVariableOp buffer;
};

class InterfaceBuilder {
public:
  InterfaceBuilder(spirv::ModuleOp module, func::FuncOp kernel)
      : module(module), kernel(kernel), b(module.getContext()) {}

  LogicalResult build() {
    MLIRContext *ctx = module.getContext();
    b.setInsertionPoint(kernel);
    std::string prefix = kernel.getName().str() + "_";

    // Lay out the push-constant block and create one buffer per slice.
    SmallVector<Type> pushTypes;
    SmallVector<spirv::StructType::OffsetInfo> pushOffsets;
    unsigned offset = 0;
    auto addPushMember = [&](Type type) {
      unsigned size = byteSize(type);
      offset = (offset + size - 1) / size * size;
      pushTypes.push_back(type.isInteger(1) ? b.getI8Type() : type);
      pushOffsets.push_back(offset);
      offset += size;
      return static_cast<int>(pushTypes.size() - 1);
    };
    int binding = 0;
    for (BlockArgument arg : kernel.getArguments()) {
      ParamSlot slot;
      if (auto slice = dyn_cast<hm::SliceType>(arg.getType())) {
        slot.binding = binding++;
        slot.pushMember = addPushMember(b.getI64Type());
        slot.buffer = createBuffer(slice, slot.binding,
                                   prefix + std::to_string(arg.getArgNumber()));
        if (!slot.buffer)
          return failure();
      } else if (arg.getType().isIntOrFloat()) {
        slot.pushMember = addPushMember(arg.getType());
      } else {
        return kernel.emitError()
               << "kernel parameter " << arg.getArgNumber() << " has type "
               << arg.getType() << ", which the Vulkan kernel ABI cannot pass";
      }
      slots.push_back(slot);
    }
    // A kernel that can panic gets the panic record's buffer after the
    // slices' (docs/abi.md, "Device panics").
    SmallVector<hm::PanicRecordOp> records;
    kernel.walk([&](hm::PanicRecordOp record) { records.push_back(record); });
    if (!records.empty()) {
      int panicBinding = binding++;
      panicBuffer = createPanicBuffer(panicBinding, prefix + "panic");
      kernel->setAttr(kPanicBindingAttrName, b.getI32IntegerAttr(panicBinding));
    }
    if (!pushTypes.empty()) {
      auto block = spirv::StructType::get(pushTypes, pushOffsets);
      auto ptr = spirv::PointerType::get(block, spirv::StorageClass::PushConstant);
      pushConstants = spirv::GlobalVariableOp::create(b, kernel.getLoc(), TypeAttr::get(ptr), b.getStringAttr(prefix + "push_constants"),
          nullptr);
    }

    // Replace each parameter's uses, then drop the parameters.
    Block &entry = kernel.getBody().front();
    for (BlockArgument arg : kernel.getArguments()) {
      const ParamSlot &slot = slots[arg.getArgNumber()];
      if (slot.binding < 0) {
        b.setInsertionPointToStart(&entry);
        arg.replaceAllUsesWith(loadPushConstant(kernel.getLoc(), slot.pushMember,
                                                arg.getType()));
        continue;
      }
      for (Operation *user : llvm::make_early_inc_range(arg.getUsers()))
        if (failed(rewriteSliceUse(user, arg, slot)))
          return failure();
    }
    for (hm::PanicRecordOp record : records)
      writePanicRecord(record);
    entry.eraseArguments(0, entry.getNumArguments());
    kernel.setType(FunctionType::get(ctx, {}, {}));
    kernel.removeArgAttrsAttr();
    return success();
  }

private:
  spirv::GlobalVariableOp createBuffer(hm::SliceType slice, int binding,
                                       const std::string &name) {
    Type element = slice.getElementType();
    if (!element.isIntOrFloat() || element.isInteger(1)) {
      kernel.emitError() << "slices of " << element
                         << " cannot be passed to a Vulkan kernel yet";
      return {};
    }
    auto array = spirv::RuntimeArrayType::get(element, byteSize(element));
    SmallVector<spirv::StructType::MemberDecorationInfo> decorations;
    if (!slice.getIsMutable())
      decorations.emplace_back(0, spirv::Decoration::NonWritable, UnitAttr::get(b.getContext()));
    auto block = spirv::StructType::get({array}, {0}, decorations);
    auto ptr = spirv::PointerType::get(block, spirv::StorageClass::StorageBuffer);
    auto var = spirv::GlobalVariableOp::create(b, kernel.getLoc(), ptr, name, /*descriptorSet=*/0, static_cast<unsigned>(binding));
    return var;
  }

  /// `{ u32 flag; u32 site; u64 values[8]; }` at `binding`.
  spirv::GlobalVariableOp createPanicBuffer(int binding, const std::string &name) {
    Type i32 = b.getI32Type(), i64 = b.getI64Type();
    auto values = spirv::ArrayType::get(i64, kPanicRecordValues, /*stride=*/8);
    auto block = spirv::StructType::get({i32, i32, values}, {0, 4, 8});
    auto ptr = spirv::PointerType::get(block, spirv::StorageClass::StorageBuffer);
    return spirv::GlobalVariableOp::create(b, kernel.getLoc(), ptr, name, /*descriptorSet=*/0,
                                           static_cast<unsigned>(binding));
  }

  /// The first invocation to panic claims the record (compare-and-swap on
  /// the flag) and writes the site and the values.
  void writePanicRecord(hm::PanicRecordOp record) {
    b.setInsertionPoint(record);
    Location loc = record.getLoc();
    Type i32 = b.getI32Type(), i64 = b.getI64Type();
    auto member = [&](Type type, ValueRange indices) -> Value {
      Value base = spirv::AddressOfOp::create(b, loc, panicBuffer);
      auto ptr = spirv::PointerType::get(type, spirv::StorageClass::StorageBuffer);
      return spirv::AccessChainOp::create(b, loc, ptr, base, indices);
    };
    MLIRContext *ctx = b.getContext();
    auto relaxed = spirv::MemorySemanticsAttr::get(ctx, spirv::MemorySemantics::None);
    Value old = spirv::AtomicCompareExchangeOp::create(
        b, loc, i32, member(i32, {constantI32(loc, 0)}),
        spirv::ScopeAttr::get(ctx, spirv::Scope::Device), relaxed, relaxed,
        constantI32(loc, 1), constantI32(loc, 0));
    Value won = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, old,
                                      arith::ConstantIntOp::create(b, loc, i32, 0));
    auto ifWon = scf::IfOp::create(b, loc, won, /*withElseRegion=*/false);
    b.setInsertionPointToStart(&ifWon.getThenRegion().front());
    int32_t site = int32_t(record->getAttrOfType<IntegerAttr>(hm::kPanicSiteAttrName).getInt());
    spirv::StoreOp::create(b, loc, member(i32, {constantI32(loc, 1)}), constantI32(loc, site));
    SmallVector<StringRef> types;
    if (!record.getTypes().empty())
      record.getTypes().split(types, ',');
    for (auto [k, value] : llvm::enumerate(record.getValues())) {
      Type t = value.getType();
      Value bits = value;
      if (t.isF32())
        bits = arith::ExtUIOp::create(b, loc, i64, arith::BitcastOp::create(b, loc, i32, value));
      else if (t.isF64())
        bits = arith::BitcastOp::create(b, loc, i64, value);
      else if (t.getIntOrFloatBitWidth() < 64)
        bits = types[k].starts_with("i") ? Value(arith::ExtSIOp::create(b, loc, i64, value))
                                         : Value(arith::ExtUIOp::create(b, loc, i64, value));
      spirv::StoreOp::create(b, loc,
                             member(i64, {constantI32(loc, 2), constantI32(loc, int32_t(k))}),
                             bits);
    }
    record.erase();
  }

  Value constantI32(Location loc, int32_t value) {
    return spirv::ConstantOp::create(b, loc, b.getI32Type(), b.getI32IntegerAttr(value));
  }

  Value loadPushConstant(Location loc, int member, Type type) {
    Value base = spirv::AddressOfOp::create(b, loc, pushConstants);
    auto blockType = cast<spirv::StructType>(
        cast<spirv::PointerType>(base.getType()).getPointeeType());
    Type stored = blockType.getElementType(member);
    auto ptr = spirv::PointerType::get(stored, spirv::StorageClass::PushConstant);
    Value addr = spirv::AccessChainOp::create(b, loc, ptr, base,
                                                ValueRange{constantI32(loc, member)});
    Value value = spirv::LoadOp::create(b, loc, addr);
    if (type.isInteger(1)) // bool travels as a byte
      value = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value,
                                      arith::ConstantIntOp::create(b, loc, stored, 0));
    return value;
  }

  Value elementAddress(Location loc, const ParamSlot &slot, Value index,
                       Type element) {
    Value base = spirv::AddressOfOp::create(b, loc, slot.buffer);
    auto ptr = spirv::PointerType::get(element, spirv::StorageClass::StorageBuffer);
    return spirv::AccessChainOp::create(b, loc, ptr, base,
                                          ValueRange{constantI32(loc, 0), index});
  }

  LogicalResult rewriteSliceUse(Operation *user, Value slice,
                                const ParamSlot &slot) {
    b.setInsertionPoint(user);
    Location loc = user->getLoc();
    if (auto len = dyn_cast<hm::SliceLenOp>(user)) {
      len.replaceAllUsesWith(loadPushConstant(loc, slot.pushMember, b.getI64Type()));
      len.erase();
      return success();
    }
    if (auto load = dyn_cast<hm::SliceLoadOp>(user)) {
      Value index = load.getIndex();
      if (Value valid = load.getValid()) {
        // A load moved before its bounds check (hm-defer-checks) reads element 0
        // where its index is out of range: the runtime binds at least 16 bytes
        // of a real buffer even for an empty slice (vulkan_kernel.cpp).
        Value zero = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0));
        index = arith::SelectOp::create(b, loc, valid, index, zero);
      }
      Value addr = elementAddress(loc, slot, index, load.getType());
      load.replaceAllUsesWith(spirv::LoadOp::create(b, loc, addr).getResult());
      load.erase();
      return success();
    }
    if (auto atomic = dyn_cast<hm::SliceAtomicRmwOp>(user)) {
      Value addr = elementAddress(loc, slot, atomic.getIndex(), atomic.getType());
      atomic.replaceAllUsesWith(buildSpirvAtomic(b, loc, atomic.getKind(), addr,
                                                 atomic.getValue(), atomic.getCompare(),
                                                 spirv::Scope::Device));
      atomic.erase();
      return success();
    }
    if (auto store = dyn_cast<hm::SliceStoreOp>(user)) {
      if (store.getValue() == slice)
        return store.emitError("storing a slice is not supported on Vulkan");
      Value addr = elementAddress(loc, slot, store.getIndex(), store.getValue().getType());
      spirv::StoreOp::create(b, loc, addr, store.getValue());
      store.erase();
      return success();
    }
    return user->emitError()
           << "this use of a slice cannot be expressed in SPIR-V's logical "
              "addressing (slices must be indexed or measured directly)";
  }

  spirv::ModuleOp module;
  func::FuncOp kernel;
  OpBuilder b;
  SmallVector<ParamSlot> slots;
  spirv::GlobalVariableOp pushConstants;
  spirv::GlobalVariableOp panicBuffer;
};

void createWorkgroupSizeConstants(spirv::ModuleOp module) {
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Location loc = module.getLoc();
  Type i32 = b.getI32Type();
  SmallVector<Attribute> parts;
  const char *names[] = {"hm_workgroup_size_x", "hm_workgroup_size_y",
                         "hm_workgroup_size_z"};
  for (int i = 0; i < 3; ++i) {
    auto spec = spirv::SpecConstantOp::create(b, loc, b.getStringAttr(names[i]),
                                                b.getI32IntegerAttr(1));
    spec->setAttr("spec_id", b.getI32IntegerAttr(i));
    parts.push_back(SymbolRefAttr::get(spec));
  }
  spirv::SpecConstantCompositeOp::create(b, loc, TypeAttr::get(VectorType::get({3}, i32)),
      b.getStringAttr(kWorkgroupSizeSymbol), b.getArrayAttr(parts));
}

} // namespace

LogicalResult buildKernelInterfaces(spirv::ModuleOp module) {
  createWorkgroupSizeConstants(module);
  for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>())) {
    if (!hm::isKernel(func))
      return func.emitError("device function `")
             << func.getName() << "` was not inlined into a kernel";
    if (failed(InterfaceBuilder(module, func).build()))
      return failure();
  }
  return success();
}

void addEntryPoints(spirv::ModuleOp module, ArrayRef<std::string> kernelNames,
                    bool allGlobalsInInterface) {
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  for (const std::string &name : kernelNames) {
    auto func = module.lookupSymbol<spirv::FuncOp>(name);
    if (!func)
      continue;
    // SPIR-V 1.4+ wants every global the entry point touches in its interface;
    // before 1.4 the interface may name only Input and Output variables.
    llvm::SetVector<Attribute> interface;
    func.walk([&](spirv::AddressOfOp op) {
      if (!allGlobalsInInterface) {
        auto ptr = dyn_cast<spirv::PointerType>(op.getPointer().getType());
        if (!ptr || (ptr.getStorageClass() != spirv::StorageClass::Input &&
                     ptr.getStorageClass() != spirv::StorageClass::Output))
          return;
      }
      interface.insert(op.getVariableAttr());
    });
    spirv::EntryPointOp::create(b, func.getLoc(),
        spirv::ExecutionModelAttr::get(b.getContext(), spirv::ExecutionModel::GLCompute),
        SymbolRefAttr::get(func), b.getArrayAttr(interface.getArrayRef()));
  }
}

} // namespace hematite
