// MLIRGen core: values, places, storage, control flow, inlined calls, patterns.
// The model is described in lowering.h.
#include "frontend/mlirgen/lowering.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

#include <cmath>

using namespace mlir;

namespace hematite::mlirgen::detail {

namespace {
constexpr unsigned kMaxInlineDepth = 64;
constexpr uint64_t kUnrollLimit = 16; // arrays up to this length are unrolled
constexpr const char *kIndexOutOfBounds =
    "index out of bounds: the len is {} but the index is {}";

/// `value` (two's complement, as the checked program stores it) in `width` bits.
APInt apint(unsigned width, uint64_t value) {
  return APInt(width, value, /*isSigned=*/false, /*implicitTrunc=*/true);
}

/// Expressions without side effects (evaluating them again changes nothing).
bool isPure(const Expr &e) {
  switch (e.kind) {
  case ExprKind::IntLiteral: case ExprKind::FloatLiteral: case ExprKind::BoolLiteral:
  case ExprKind::UnitLiteral: case ExprKind::ConstParam: case ExprKind::EnumVariant:
  case ExprKind::ConstRef:
    return true;
  case ExprKind::ArrayRepeat: case ExprKind::ArrayLit: case ExprKind::Tuple:
  case ExprKind::StructLit: case ExprKind::Cast:
    for (const check::ExprPtr &op : e.operands)
      if (!isPure(*op))
        return false;
    return true;
  default:
    return false;
  }
}
} // namespace

KernelLowering::KernelLowering(const check::CheckedProgram &program,
                               const check::Function &kernel, const SourceManager &sources,
                               ModuleOp module, const MlirGenOptions &options)
    : b(module.getContext()), options(options), program(program), kernel(kernel),
      sources(sources), ctx(module.getContext()), module(module) {}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

FileLineColLoc KernelLowering::fileLoc(Span span) const {
  if (!span.valid())
    return {};
  LineCol lc = sources.lineCol(span.file, span.begin);
  return FileLineColLoc::get(ctx, sources.buffer(span.file).name(), lc.line, lc.column);
}

Location KernelLowering::loc(Span span) const {
  FileLineColLoc at = fileLoc(span);
  if (!at)
    return UnknownLoc::get(ctx);
  return debugScopes ? debugScopes->wrap(at) : Location(at);
}

void KernelLowering::error(Location l, const Twine &message) {
  failed = true;
  mlir::emitError(l) << message;
}

Value KernelLowering::constantInt(Location l, Type t, int64_t value) {
  if (t.isIndex())
    return arith::ConstantIndexOp::create(b, l, value);
  return arith::ConstantOp::create(b, l, t, b.getIntegerAttr(t, value));
}

Value KernelLowering::constantAP(Location l, Type t, const APInt &value) {
  return arith::ConstantOp::create(b, l, t, b.getIntegerAttr(t, value));
}

Value KernelLowering::constantFloat(Location l, Type t, double value) {
  return arith::ConstantOp::create(b, l, t, b.getFloatAttr(t, value));
}

Block *KernelLowering::newBlock() {
  auto *block = new Block();
  region->push_back(block);
  return block;
}

bool KernelLowering::isTerminated() const {
  Block *block = b.getInsertionBlock();
  return !block->empty() && block->back().hasTrait<OpTrait::IsTerminator>();
}

/// Continues in a new block; code emitted there is unreachable.
void KernelLowering::startDeadBlock() { b.setInsertionPointToEnd(newBlock()); }

/// Branches to a block that panics with `message` unless `ok` holds, and
/// continues where it holds. `values` fill the message's holes; `types` names
/// their Rust types (hm.panic).
void KernelLowering::checkOrPanic(Location l, Value ok, StringRef message,
                                  ValueRange values, StringRef types) {
  Block *cont = newBlock();
  Block *panic = newBlock();
  cf::CondBranchOp::create(b, l, ok, cont, panic);
  b.setInsertionPointToEnd(panic);
  hm::PanicOp::create(b, l, message, values, types);
  b.setInsertionPointToEnd(cont);
}

void KernelLowering::emitPanic(const Expr &e, Location l) {
  // The message's values, in order (the checker allows scalars only).
  SmallVector<Value> values;
  std::string types;
  for (const check::ExprPtr &op : e.operands) {
    Value v = scalar(*op);
    if (isTerminated())
      return;
    const check::Type *t = subst(op->type);
    std::string name = t->isAdt() ? (isSigned(t) ? "i" : "u") +
                                        std::to_string(v.getType().getIntOrFloatBitWidth())
                                  : t->toString(nullptr);
    if (name == "usize") name = "u64";
    if (name == "isize") name = "i64";
    values.push_back(v);
    types += (types.empty() ? "" : ",") + name;
  }
  if (!isTerminated())
    hm::PanicOp::create(b, l, e.message, values, types);
  startDeadBlock();
}

Value KernelLowering::castInteger(Value v, bool fromSigned, Type to, Location l) {
  unsigned from = v.getType().getIntOrFloatBitWidth(), width = to.getIntOrFloatBitWidth();
  if (from == width)
    return v;
  if (from > width)
    return arith::TruncIOp::create(b, l, to, v);
  return fromSigned ? Value(arith::ExtSIOp::create(b, l, to, v))
                    : Value(arith::ExtUIOp::create(b, l, to, v));
}

//===----------------------------------------------------------------------===//
// Types and layout
//===----------------------------------------------------------------------===//

const check::Type *KernelLowering::subst(const check::Type *t) {
  if (!t || !t->hasParams() || !frame)
    return t;
  return program.types->substitute(t, frame->types, frame->consts);
}

bool KernelLowering::isSigned(const check::Type *t) {
  if (t->isAdt() && program.adts[t->adt()].is_enum)
    return program.adts[t->adt()].discriminant_type->isSignedInt();
  return t->isSignedInt();
}

Type KernelLowering::scalarType(const check::Type *t) {
  switch (t->kind()) {
  case TypeKind::Bool: return b.getI1Type();
  case TypeKind::F32: return b.getF32Type();
  case TypeKind::F64: return b.getF64Type();
  case TypeKind::Adt:
    if (program.adts[t->adt()].is_enum)
      return scalarType(program.adts[t->adt()].discriminant_type);
    return {};
  default:
    if (t->isInteger())
      return b.getIntegerType(t->bitWidth());
    return {};
  }
}

uint64_t KernelLowering::arrayLen(const check::Type *t) {
  check::ConstValue len = t->arrayLen();
  if (len.kind != check::ConstValue::Value) {
    if (!failed)
      error(UnknownLoc::get(ctx), "internal error: array length is not a constant");
    failed = true;
    return 0;
  }
  return len.value;
}

std::vector<const check::Type *> KernelLowering::fieldTypes(const check::Type *t) {
  if (t->isTuple())
    return t->elements();
  std::vector<const check::Type *> out;
  if (!t->isAdt())
    return out;
  const check::AdtDef &adt = program.adts[t->adt()];
  // The ADT's generic arguments in its parameter index space. Accepts both
  // index-space vectors and type/const arguments listed in order.
  std::vector<const check::Type *> types;
  std::vector<check::ConstValue> consts;
  size_t n = adt.generics.size();
  if (t->elements().size() == n && t->constArgs().size() == n) {
    types = t->elements();
    consts = t->constArgs();
  } else {
    types.assign(n, nullptr);
    consts.assign(n, check::ConstValue{});
    size_t ti = 0, ci = 0;
    for (size_t i = 0; i < n; ++i) {
      if (adt.generics[i].is_const) {
        if (ci < t->constArgs().size())
          consts[i] = t->constArgs()[ci++];
      } else if (ti < t->elements().size()) {
        types[i] = t->elements()[ti++];
      }
    }
  }
  for (const check::FieldDef &f : adt.fields)
    out.push_back(program.types->substitute(f.type, types, consts));
  return out;
}

bool KernelLowering::isAggregate(const check::Type *t) {
  return t->isTuple() || (t->isAdt() && !program.adts[t->adt()].is_enum);
}

bool KernelLowering::hasArray(const check::Type *t) {
  if (t->isArray())
    return true;
  if (isAggregate(t))
    for (const check::Type *f : fieldTypes(t))
      if (hasArray(f))
        return true;
  return false;
}

void KernelLowering::leafTypes(const check::Type *t, SmallVectorImpl<Type> &out) {
  if (t->isSlice()) {
    Type elem = scalarType(t->element());
    if (!elem) {
      error(UnknownLoc::get(ctx), "slices of `" + t->element()->toString(nullptr) +
                                      "` are not supported yet (only slices of scalars)");
      elem = b.getI32Type();
    }
    out.push_back(hm::SliceType::get(elem, t->isMutable()));
    out.push_back(b.getI64Type());
    out.push_back(b.getI64Type());
    return;
  }
  if (Type s = scalarType(t)) {
    out.push_back(s);
    return;
  }
  if (t->isArray()) {
    uint64_t n = arrayLen(t);
    SmallVector<Type> elem;
    leafTypes(t->element(), elem);
    for (uint64_t i = 0; i < n; ++i)
      out.append(elem.begin(), elem.end());
    return;
  }
  if (isAggregate(t)) {
    for (const check::Type *f : fieldTypes(t))
      leafTypes(f, out);
    return;
  }
  // Unit and never have no leaves; references are places, not values.
}

unsigned KernelLowering::leafCount(const check::Type *t) {
  if (t->isSlice())
    return 3;
  if (scalarType(t))
    return 1;
  if (t->isArray())
    return arrayLen(t) * leafCount(t->element());
  unsigned n = 0;
  if (isAggregate(t))
    for (const check::Type *f : fieldTypes(t))
      n += leafCount(f);
  return n;
}

unsigned KernelLowering::storageCount(const check::Type *t) {
  if (t->isSlice())
    return 3;
  if (scalarType(t))
    return 1;
  if (t->isArray())
    return storageCount(t->element());
  unsigned n = 0;
  if (isAggregate(t))
    for (const check::Type *f : fieldTypes(t))
      n += storageCount(f);
  return n;
}

Leaves KernelLowering::poison(const check::Type *t, Location l) {
  SmallVector<Type> types;
  leafTypes(t, types);
  Leaves out;
  for (Type ty : types)
    out.push_back(ub::PoisonOp::create(b, l, ty));
  return out;
}

/// Replaces the null offset/length of whole slices by real values (before the
/// leaves go into storage or across a branch).
Leaves KernelLowering::materialize(Leaves leaves, const check::Type *t, Location l) {
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (leaves[i] || i == 0)
      continue;
    // A null leaf is the offset (i-1 is the slice) or the length (i-2 is).
    if (leaves[i - 1] && isa<hm::SliceType>(leaves[i - 1].getType()))
      leaves[i] = constantInt(l, b.getI64Type(), 0);
    else if (i >= 2 && isa<hm::SliceType>(leaves[i - 2].getType()))
      leaves[i] = hm::SliceLenOp::create(b, l, leaves[i - 2]);
  }
  (void)t;
  return leaves;
}

/// Leaves of the right count for `t`: after a diverging expression (or an
/// error) there are none, so poison stands in (in a dead block).
Leaves KernelLowering::fix(Leaves leaves, const check::Type *t, Location l) {
  if (leaves.size() == leafCount(t))
    return leaves;
  return poison(t, l);
}

Value KernelLowering::sliceOffset(const Leaves &s, Location l) {
  return s[1] ? s[1] : constantInt(l, b.getI64Type(), 0);
}

Value KernelLowering::sliceLen(const Leaves &s, Location l) {
  return s[2] ? s[2] : Value(hm::SliceLenOp::create(b, l, s[0]));
}

//===----------------------------------------------------------------------===//
// Storage and places
//===----------------------------------------------------------------------===//

/// Calls `leafSlot` for each scalar storage leaf of `t`, in leaf order, with
/// the lengths of the arrays that enclose it: one memref per leaf.
void KernelLowering::forEachStorageLeaf(
    const check::Type *t,
    const std::function<void(ArrayRef<int64_t> dims, Type leaf)> &leafSlot) {
  SmallVector<int64_t, 2> dims;
  std::function<void(const check::Type *)> walk = [&](const check::Type *ty) {
    if (ty->isArray()) {
      dims.push_back(arrayLen(ty));
      walk(ty->element());
      dims.pop_back();
      return;
    }
    if (isAggregate(ty)) {
      for (const check::Type *f : fieldTypes(ty))
        walk(f);
      return;
    }
    SmallVector<Type> leaves;
    leafTypes(ty, leaves);
    for (Type leaf : leaves)
      leafSlot(dims, leaf);
  };
  walk(t);
}

Storage *KernelLowering::createStorage(const check::Type *t, Location l) {
  storages.emplace_back();
  Storage *s = &storages.back();
  s->type = t;
  // Slots live at the top of the entry block, where mem2reg expects them.
  OpBuilder entry = OpBuilder::atBlockBegin(&region->front());
  forEachStorageLeaf(t, [&](ArrayRef<int64_t> dims, Type leaf) {
    s->memrefs.push_back(memref::AllocaOp::create(entry, l, MemRefType::get(dims, leaf)));
  });
  return s;
}

/// The block-shared memory of one `gpu::shared::<T>()` call site (the same
/// allocation each time the site runs): a memref.global in the shared memory
/// space per storage leaf, addressed at the top of the kernel.
Storage *KernelLowering::sharedStorage(const Expr &site, const check::Type *t, Location l) {
  auto key = std::make_pair(&site, t);
  if (auto it = sharedSites.find(key); it != sharedSites.end())
    return it->second;
  storages.emplace_back();
  Storage *s = &storages.back();
  s->type = t;
  OpBuilder entry = OpBuilder::atBlockBegin(&region->front());
  OpBuilder top = OpBuilder::atBlockBegin(module.getBody());
  Attribute space = b.getI64IntegerAttr(hm::kSharedMemorySpace);
  forEachStorageLeaf(t, [&](ArrayRef<int64_t> dims, Type leaf) {
    auto type = MemRefType::get(dims, leaf, MemRefLayoutAttrInterface(), space);
    std::string name = kernel.name + "_shared_" + std::to_string(sharedCount++);
    memref::GlobalOp::create(top, l, name, top.getStringAttr("private"), type, Attribute(),
                             /*constant=*/false, IntegerAttr());
    s->memrefs.push_back(memref::GetGlobalOp::create(entry, l, type, name));
  });
  sharedSites[key] = s;
  return s;
}

/// gpu::atomic_*: on a mutable slice's element (device memory) or on shared
/// memory, never on a local (it would be a thread's private copy).
Leaves KernelLowering::emitAtomic(const Expr &e, Location l) {
  using check::Intrinsic;
  Place p = emitRef(e.operand(0));
  bool cmpxchg = e.intrinsic == Intrinsic::AtomicCompareExchange;
  Value compare = cmpxchg ? scalar(e.operand(1)) : Value();
  Value value = scalar(e.operand(cmpxchg ? 2 : 1));
  if (isTerminated() || failed)
    return poison(subst(e.type), l);
  bool isSignedInt = isSigned(p.type);
  hm::AtomicKind kind;
  switch (e.intrinsic) {
  case Intrinsic::AtomicAdd:
    kind = isa<FloatType>(value.getType()) ? hm::AtomicKind::fadd : hm::AtomicKind::add;
    break;
  case Intrinsic::AtomicSub: kind = hm::AtomicKind::sub; break;
  case Intrinsic::AtomicMin: kind = isSignedInt ? hm::AtomicKind::smin : hm::AtomicKind::umin; break;
  case Intrinsic::AtomicMax: kind = isSignedInt ? hm::AtomicKind::smax : hm::AtomicKind::umax; break;
  case Intrinsic::AtomicAnd: kind = hm::AtomicKind::and_; break;
  case Intrinsic::AtomicOr: kind = hm::AtomicKind::or_; break;
  case Intrinsic::AtomicXor: kind = hm::AtomicKind::xor_; break;
  case Intrinsic::AtomicExchange: kind = hm::AtomicKind::exchange; break;
  default: kind = hm::AtomicKind::cmpxchg; break;
  }
  if (p.kind == Place::SliceElem) {
    const Leaves &sl = p.slice;
    Value index = p.index;
    if (p.checked && options.bounds_checks && !sl[1] && !sl[2]) {
      Value len = sliceLen(sl, l);
      Value ok = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, index, len);
      checkOrPanic(l, ok, kIndexOutOfBounds, {len, index}, "u64,u64");
    }
    if (sl[1] || sl[2])
      index = arith::AddIOp::create(b, l, sliceOffset(sl, l), index);
    return {hm::SliceAtomicRmwOp::create(b, l, value.getType(), kind, value, compare, sl[0],
                                         index)};
  }
  if (p.kind == Place::Mem && p.storage && p.storage->memrefs.size() > p.leaf) {
    Value memref = p.storage->memrefs[p.leaf];
    auto space = dyn_cast_or_null<IntegerAttr>(cast<MemRefType>(memref.getType()).getMemorySpace());
    if (space && space.getInt() == hm::kSharedMemorySpace)
      return {hm::AtomicRmwOp::create(b, l, value.getType(), kind, value, compare, memref,
                                      p.indices)};
  }
  error(l, "atomics work on device memory (an element of a `&mut [T]` parameter) and on "
           "`gpu::shared` memory, not on local variables");
  return poison(subst(e.type), l);
}

Place KernelLowering::storagePlace(Storage *s) {
  Place p;
  p.kind = Place::Mem;
  p.type = s->type;
  p.storage = s;
  p.leaf = 0;
  return p;
}

Place KernelLowering::fieldPlace(const Place &p, unsigned field, Location l) {
  std::vector<const check::Type *> fields = fieldTypes(p.type);
  if (field >= fields.size()) {
    error(l, "internal error: field index out of range");
    return p;
  }
  Place r = p;
  r.type = fields[field];
  if (p.kind == Place::Mem) {
    for (unsigned i = 0; i < field; ++i)
      r.leaf += storageCount(fields[i]);
  } else if (p.kind == Place::Val) {
    unsigned first = 0;
    for (unsigned i = 0; i < field; ++i)
      first += leafCount(fields[i]);
    unsigned n = leafCount(fields[field]);
    r.values = Leaves(p.values.begin() + std::min<size_t>(first, p.values.size()),
                      p.values.begin() + std::min<size_t>(first + n, p.values.size()));
    r.values = fix(r.values, r.type, l);
  } else {
    error(l, "internal error: field of a slice element");
  }
  return r;
}

/// `p[index]` for an array place; `index` is an i64 (usize). Checked unless
/// `-C bounds-checks=off`.
Place KernelLowering::indexPlace(const Place &p, Value index, Location l, bool check) {
  uint64_t n = arrayLen(p.type);
  const check::Type *elem = p.type->element();
  APInt constIndex;
  bool isConst = matchPattern(index, m_ConstantInt(&constIndex));
  if (check && options.bounds_checks && !(isConst && constIndex.ult(n))) {
    Value len = constantInt(l, b.getI64Type(), n);
    Value ok = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, index, len);
    checkOrPanic(l, ok, kIndexOutOfBounds, {len, index}, "u64,u64");
  }
  if (p.kind == Place::Val) {
    if (isConst && constIndex.ult(n)) {
      Place r = p;
      r.type = elem;
      unsigned size = leafCount(elem);
      uint64_t first = constIndex.getZExtValue() * size;
      r.values = Leaves(p.values.begin() + std::min<size_t>(first, p.values.size()),
                        p.values.begin() + std::min<size_t>(first + size, p.values.size()));
      r.values = fix(r.values, elem, l);
      return r;
    }
    return indexPlace(spill(p, l), index, l, /*check=*/false);
  }
  if (p.kind != Place::Mem) {
    error(l, "internal error: indexing a slice element");
    return p;
  }
  Place r = p;
  r.type = elem;
  r.indices.push_back(arith::IndexCastOp::create(b, l, b.getIndexType(), index));
  return r;
}

/// Copies read-only leaves into fresh storage (to index them dynamically).
Place KernelLowering::spill(const Place &p, Location l) {
  Storage *s = createStorage(p.type, l);
  Place r = storagePlace(s);
  store(r, p.values, l);
  return r;
}

void KernelLowering::loadRec(const check::Type *t, Storage *s, unsigned &leaf,
                             SmallVectorImpl<Value> &idx, Leaves &out, Location l) {
  if (t->isArray()) {
    uint64_t n = arrayLen(t);
    unsigned base = leaf;
    for (uint64_t k = 0; k < n; ++k) {
      leaf = base;
      idx.push_back(arith::ConstantIndexOp::create(b, l, k));
      loadRec(t->element(), s, leaf, idx, out, l);
      idx.pop_back();
    }
    leaf = base + storageCount(t->element());
    return;
  }
  if (isAggregate(t)) {
    for (const check::Type *f : fieldTypes(t))
      loadRec(f, s, leaf, idx, out, l);
    return;
  }
  unsigned n = storageCount(t);
  for (unsigned i = 0; i < n; ++i)
    out.push_back(memref::LoadOp::create(b, l, s->memrefs[leaf++], idx));
}

void KernelLowering::storeRec(const check::Type *t, Storage *s, unsigned &leaf,
                              SmallVectorImpl<Value> &idx, const Leaves &in, unsigned &pos,
                              Location l) {
  if (t->isArray()) {
    uint64_t n = arrayLen(t);
    unsigned base = leaf;
    for (uint64_t k = 0; k < n; ++k) {
      leaf = base;
      idx.push_back(arith::ConstantIndexOp::create(b, l, k));
      storeRec(t->element(), s, leaf, idx, in, pos, l);
      idx.pop_back();
    }
    leaf = base + storageCount(t->element());
    return;
  }
  if (isAggregate(t)) {
    for (const check::Type *f : fieldTypes(t))
      storeRec(f, s, leaf, idx, in, pos, l);
    return;
  }
  unsigned n = storageCount(t);
  for (unsigned i = 0; i < n; ++i)
    memref::StoreOp::create(b, l, in[pos++], s->memrefs[leaf++], idx);
}

Leaves KernelLowering::load(const Place &p, Location l) {
  switch (p.kind) {
  case Place::Val:
    return p.values;
  case Place::SliceElem: {
    const Leaves &s = p.slice;
    if (!s[1] && !s[2])
      return {hm::SliceLoadOp::create(b, l, s[0], p.index,
                                      p.checked && options.bounds_checks)};
    Value at = arith::AddIOp::create(b, l, sliceOffset(s, l), p.index);
    return {hm::SliceLoadOp::create(b, l, s[0], at, /*checked=*/false)};
  }
  case Place::Mem: {
    Leaves out;
    unsigned leaf = p.leaf;
    SmallVector<Value, 4> idx(p.indices.begin(), p.indices.end());
    loadRec(p.type, p.storage, leaf, idx, out, l);
    return out;
  }
  }
  return {};
}

void KernelLowering::store(const Place &p, const Leaves &valuesIn, Location l) {
  if (isTerminated())
    return;
  Leaves values = materialize(fix(valuesIn, p.type, l), p.type, l);
  switch (p.kind) {
  case Place::Val:
    error(l, "internal error: assignment to a read-only place");
    return;
  case Place::SliceElem: {
    const Leaves &s = p.slice;
    if (values.size() != 1)
      return;
    if (!s[1] && !s[2]) {
      hm::SliceStoreOp::create(b, l, values[0], s[0], p.index,
                               p.checked && options.bounds_checks);
      return;
    }
    Value at = arith::AddIOp::create(b, l, sliceOffset(s, l), p.index);
    hm::SliceStoreOp::create(b, l, values[0], s[0], at, /*checked=*/false);
    return;
  }
  case Place::Mem: {
    unsigned leaf = p.leaf, pos = 0;
    SmallVector<Value, 4> idx(p.indices.begin(), p.indices.end());
    storeRec(p.type, p.storage, leaf, idx, values, pos, l);
    return;
  }
  }
}

/// A loop `for k in 0..n` (k: index) emitted as branches.
void KernelLowering::countedLoop(Location l, uint64_t n,
                                 const std::function<void(Value)> &body) {
  if (n == 0)
    return;
  Block *header = newBlock();
  header->addArgument(b.getIndexType(), l);
  Block *exit = newBlock();
  cf::BranchOp::create(b, l, header, ValueRange{arith::ConstantIndexOp::create(b, l, 0)});
  b.setInsertionPointToEnd(header);
  Value k = header->getArgument(0);
  body(k);
  Value next = arith::AddIOp::create(b, l, k, arith::ConstantIndexOp::create(b, l, 1));
  Value more = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, next,
                                     arith::ConstantIndexOp::create(b, l, n));
  cf::CondBranchOp::create(b, l, more, header, ValueRange{next}, exit, ValueRange{});
  b.setInsertionPointToEnd(exit);
}

/// Evaluates `e` into `p`. With `fresh` (p is new storage nothing else reads),
/// aggregates are built in place, field by field; `[v; N]` is always a loop
/// over N when N is large (v is evaluated first).
void KernelLowering::storeExprInto(const Place &p, const Expr &e, bool fresh) {
  Location l = loc(e.span);
  if (p.kind == Place::Mem && e.kind == ExprKind::ArrayRepeat && isPure(e.operand(0)) &&
      leafCount(p.type->element()) > 1) {
    // `[[0.0; 32]; 32]`: fill element by element (re-evaluating a pure value).
    uint64_t n = arrayLen(p.type);
    countedLoop(l, n, [&](Value k) {
      Place elem = p;
      elem.type = p.type->element();
      elem.indices.push_back(k);
      storeExprInto(elem, e.operand(0), fresh);
    });
    return;
  }
  if (p.kind == Place::Mem && e.kind == ExprKind::ArrayRepeat) {
    Leaves v = materialize(emit(e.operand(0)), p.type->element(), l);
    if (isTerminated())
      return;
    uint64_t n = arrayLen(p.type);
    if (n <= kUnrollLimit) {
      for (uint64_t k = 0; k < n; ++k)
        store(indexPlace(p, constantInt(l, b.getI64Type(), k), l, false), v, l);
      return;
    }
    countedLoop(l, n, [&](Value k) {
      Place elem = p;
      elem.type = p.type->element();
      elem.indices.push_back(k);
      store(elem, v, l);
    });
    return;
  }
  if (fresh && p.kind == Place::Mem && e.kind == ExprKind::ArrayLit) {
    for (size_t k = 0; k < e.operands.size(); ++k) {
      storeExprInto(indexPlace(p, constantInt(l, b.getI64Type(), k), l, false),
                    e.operand(k), true);
      if (isTerminated())
        return;
    }
    return;
  }
  if (fresh && p.kind == Place::Mem &&
      (e.kind == ExprKind::StructLit || e.kind == ExprKind::Tuple)) {
    for (size_t k = 0; k < e.operands.size(); ++k) {
      storeExprInto(fieldPlace(p, k, l), e.operand(k), true);
      if (isTerminated())
        return;
    }
    return;
  }
  store(p, emit(e), l);
}

//===----------------------------------------------------------------------===//
// Kernel entry
//===----------------------------------------------------------------------===//

bool KernelLowering::lower() {
  const check::Function &fn = kernel;
  b.setInsertionPointToEnd(module.getBody());
  if (debugUnit)
    if (FileLineColLoc at = fileLoc(fn.name_span))
      debugScopes.emplace(debugUnit, fn.name, at);
  // With -g, in the kernel's DISubprogram: the LLVM backends keep it.
  Location fnLoc = loc(fn.name_span);
  if (!fn.generics.empty()) {
    error(fnLoc, "a #[kernel] cannot be generic");
    return false;
  }
  auto top = std::make_unique<Frame>();
  top->fn = &fn;
  top->locals.resize(fn.locals.size());
  top->returnType = fn.return_type;
  top->isKernel = true;
  frame = top.get();
  frames.push_back(std::move(top));

  SmallVector<Type> params;
  for (check::LocalId id : fn.params) {
    const check::Type *t = fn.locals[id].type;
    Type s = scalarType(t);
    if (t->isSlice()) {
      SmallVector<Type> leaves;
      leafTypes(t, leaves);
      s = leaves[0];
    }
    if (!s) {
      error(loc(fn.locals[id].span), "kernel parameters of type `" +
                                         t->toString(nullptr) +
                                         "` are not supported yet (scalars and slices)");
      s = b.getI32Type();
    }
    params.push_back(s);
  }
  if (!fn.return_type->isUnit() && !fn.return_type->isNever())
    error(fnLoc, "a #[kernel] must return ()");
  auto func = func::FuncOp::create(b, fnLoc, fn.name, FunctionType::get(ctx, params, {}));
  func->setAttr(hm::HmDialect::kKernelAttrName, UnitAttr::get(ctx));
  if (fn.max_threads)
    func->setAttr(hm::HmDialect::kMaxThreadsAttrName, b.getI32IntegerAttr(*fn.max_threads));
  // The parameters' Rust types (the hm types lose integer signedness), for the typed
  // launch header: module attribute hm.kernel_signatures = {name = ["u32", "&[f32]"]}
  // (tools/hematite/launch_header.h).
  {
    SmallVector<Attribute> rustTypes;
    for (check::LocalId id : fn.params)
      rustTypes.push_back(b.getStringAttr(fn.locals[id].type->toString(nullptr)));
    NamedAttrList signatures;
    if (auto old = module->getAttrOfType<DictionaryAttr>(hm::HmDialect::kKernelSignaturesAttrName))
      signatures.append(old.getValue());
    signatures.set(fn.name, b.getArrayAttr(rustTypes));
    module->setAttr(hm::HmDialect::kKernelSignaturesAttrName, signatures.getDictionary(ctx));
  }
  region = &func.getBody();
  Block *entry = b.createBlock(region);
  for (size_t i = 0; i < fn.params.size(); ++i) {
    const check::Local &local = fn.param(i);
    BlockArgument arg = entry->addArgument(params[i], loc(local.span));
    func.setArgAttr(i, hm::HmDialect::kArgNameAttrName, b.getStringAttr(local.name));
    Leaves leaves{arg};
    if (local.type->isSlice()) {
      leaves = {arg, Value(), Value()};
      // -g: the debugger prints it as a Rust slice (of scalars: their DWARF types
      // are what the backends know how to write).
      if (debugScopes && local.type->element()->isScalar())
        hm::DebugSliceOp::create(b, loc(local.span), arg, b.getStringAttr(local.name),
                                 b.getStringAttr(local.type->toString()),
                                 b.getStringAttr(local.type->element()->toString()),
                                 debugScopes->current());
    }
    bindLocal(local.id, local.type, leaves, loc(local.span));
    if (i < fn.param_patterns.size() && fn.param_patterns[i])
      bindPattern(*fn.param_patterns[i], local.type, leaves, loc(local.span));
  }
  if (fn.body)
    emit(*fn.body);
  if (!isTerminated())
    func::ReturnOp::create(b, loc(fn.span));
  // Dead blocks left open (code after a return) get a terminator.
  for (Block &block : *region) {
    if (!block.empty() && block.back().hasTrait<OpTrait::IsTerminator>())
      continue;
    b.setInsertionPointToEnd(&block);
    func::ReturnOp::create(b, UnknownLoc::get(ctx));
  }
  return !failed;
}

//===----------------------------------------------------------------------===//
// Locals and patterns
//===----------------------------------------------------------------------===//

/// Immutable locals without arrays are SSA values; mutable ones, arrays and
/// `let x;` get storage, and with -g every scalar local (for the debugger).
void KernelLowering::bindLocal(check::LocalId id, const check::Type *t, Leaves values,
                               Location l) {
  const check::Local &local = frame->fn->locals[id];
  LocalBinding &binding = frame->locals[id];
  binding = LocalBinding();
  binding.bound = true;
  t = subst(t);
  if (t->isRef()) {
    error(l, "internal error: reference local bound to a value");
    return;
  }
  unsigned n = leafCount(t);
  if (n == 0)
    return;
  bool uninitialized = values.empty();
  bool debugged = options.debug_variables && (t->isScalar() || isDebuggableStruct(t));
  if (local.is_mutable || hasArray(t) || uninitialized || debugged) {
    binding.storage = createStorage(t, l);
    nameForDebugger(local, t, binding.storage);
    if (!uninitialized)
      store(storagePlace(binding.storage), values, l);
    return;
  }
  binding.values = fix(values, t, l);
}

/// -g: a struct or tuple whose fields are scalars or such structs (no arrays, slices
/// or references), which hm.debug_struct can describe.
bool KernelLowering::isDebuggableStruct(const check::Type *t) {
  if (!isAggregate(t) || hasArray(t))
    return false;
  SmallVector<Type> leaves;
  leafTypes(t, leaves);
  return !leaves.empty() && llvm::all_of(leaves, [](Type leaf) { return leaf.isIntOrFloat(); });
}

/// The path, Rust type and enclosing structs' names of each scalar field of `t`, in
/// storage order (depth first). Tuple fields are `__0`, `__1`, as rustc names them.
void KernelLowering::describeFields(const check::Type *t, const std::string &prefix,
                                    const check::TypeNamer &namer, DebugFields &out) {
  if (!prefix.empty() && isAggregate(t))
    out.structNames.push_back(b.getNamedAttr(prefix, b.getStringAttr(t->toString(&namer))));
  if (!isAggregate(t)) {
    out.paths.push_back(b.getStringAttr(prefix));
    out.types.push_back(b.getStringAttr(t->toString(&namer)));
    return;
  }
  std::vector<const check::Type *> fields = fieldTypes(t);
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string name = t->isTuple() ? std::to_string(i) : program.adts[t->adt()].fields[i].name;
    if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0])))
      name = "__" + name;
    describeFields(fields[i], prefix.empty() ? name : prefix + "." + name, namer, out);
  }
}

/// -g: names a local's slots for the debugger: a scalar or an array of scalars (one
/// slot of the array's shape; hm.debug_variable names the element type), or a
/// struct or tuple of scalars (a slot per field; hm.debug_struct).
void KernelLowering::nameForDebugger(const check::Local &local, const check::Type *t,
                                     Storage *s) {
  if (!options.debug_variables)
    return;
  bool isStruct = isDebuggableStruct(t);
  if (!isStruct) {
    if (s->memrefs.size() != 1)
      return;
    while (t->isArray())
      t = t->element();
    if (!t->isScalar())
      return;
  }
  Attribute scope;
  if (debugScopes) {
    // Parameters are their function's subprogram's; any other binding opens a scope
    // that hides earlier variables of its name from here to the end of its block.
    if (!local.is_param)
      if (FileLineColLoc at = fileLoc(local.span))
        debugScopes->openBinding(at);
    scope = debugScopes->current();
  }
  if (isStruct) {
    DebugFields fields;
    check::TypeNamer namer = program.namer();
    describeFields(t, "", namer, fields);
    hm::DebugStructOp::create(b, loc(local.span), s->memrefs, b.getStringAttr(local.name),
                              b.getStringAttr(t->toString(&namer)), b.getArrayAttr(fields.paths),
                              b.getArrayAttr(fields.types),
                              b.getDictionaryAttr(fields.structNames), scope);
    return;
  }
  hm::DebugVariableOp::create(b, loc(local.span), s->memrefs[0], b.getStringAttr(local.name),
                              b.getStringAttr(t->toString()), scope);
}

Leaves KernelLowering::readLocal(check::LocalId id, Location l) {
  LocalBinding &binding = frame->locals[id];
  if (binding.storage)
    return load(storagePlace(binding.storage), l);
  return binding.values;
}

void KernelLowering::bindPattern(const check::Pattern &p, const check::Type *t,
                                 const Leaves &values, Location l) {
  t = subst(t);
  switch (p.kind) {
  case check::PatternKind::Binding:
    bindLocal(p.local, t, values, l);
    if (!p.elems.empty())
      bindPattern(*p.elems[0], t, values, l);
    return;
  case check::PatternKind::Tuple:
  case check::PatternKind::Struct: {
    std::vector<const check::Type *> fields = fieldTypes(t);
    unsigned first = 0;
    for (size_t i = 0; i < p.elems.size() && i < fields.size(); ++i) {
      unsigned n = leafCount(fields[i]);
      Leaves sub(values.begin() + std::min<size_t>(first, values.size()),
                 values.begin() + std::min<size_t>(first + n, values.size()));
      bindPattern(*p.elems[i], fields[i], fix(sub, fields[i], l), l);
      first += n;
    }
    return;
  }
  default: // Or patterns bind in testPattern; literals and _ bind nothing.
    return;
  }
}

void KernelLowering::collectBindings(const check::Pattern &p,
                                     std::vector<check::LocalId> &out) {
  if (p.kind == check::PatternKind::Binding)
    out.push_back(p.local);
  if (p.kind == check::PatternKind::Or) {
    if (!p.elems.empty())
      collectBindings(*p.elems[0], out);
    return;
  }
  for (const check::PatternPtr &e : p.elems)
    collectBindings(*e, out);
}

void KernelLowering::bindingLeaves(const check::Pattern &p, const check::Type *t,
                                   const Leaves &values,
                                   std::map<check::LocalId, Leaves> &out) {
  t = subst(t);
  if (p.kind == check::PatternKind::Binding) {
    out[p.local] = values;
    if (!p.elems.empty())
      bindingLeaves(*p.elems[0], t, values, out);
    return;
  }
  if (p.kind == check::PatternKind::Or) {
    // Nested or-patterns bound their locals already (in their own success block).
    std::vector<check::LocalId> ids;
    collectBindings(p, ids);
    for (check::LocalId id : ids)
      out[id] = readLocal(id, UnknownLoc::get(ctx));
    return;
  }
  if (p.kind == check::PatternKind::Tuple || p.kind == check::PatternKind::Struct) {
    std::vector<const check::Type *> fields = fieldTypes(t);
    unsigned first = 0;
    for (size_t i = 0; i < p.elems.size() && i < fields.size(); ++i) {
      unsigned n = leafCount(fields[i]);
      Leaves sub(values.begin() + std::min<size_t>(first, values.size()),
                 values.begin() + std::min<size_t>(first + n, values.size()));
      bindingLeaves(*p.elems[i], fields[i], sub, out);
      first += n;
    }
  }
}

/// Emits the tests of `p` against `values`: branches to `fail` when it does not
/// match and continues (in a new block) when it does. Or-patterns bind their
/// locals here, from the alternative that matched.
void KernelLowering::testPattern(const check::Pattern &p, const check::Type *t,
                                 const Leaves &values, Block *fail, Location l) {
  t = subst(t);
  auto test = [&](Value ok) {
    Block *cont = newBlock();
    cf::CondBranchOp::create(b, l, ok, cont, fail);
    b.setInsertionPointToEnd(cont);
  };
  switch (p.kind) {
  case check::PatternKind::Wildcard:
    return;
  case check::PatternKind::Binding:
    if (!p.elems.empty())
      testPattern(*p.elems[0], t, values, fail, l);
    return;
  case check::PatternKind::Int: {
    if (values.size() != 1)
      return;
    Type ty = values[0].getType();
    Value c = constantAP(l, ty, apint(ty.getIntOrFloatBitWidth(), p.int_value));
    test(arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, values[0], c));
    return;
  }
  case check::PatternKind::Range: {
    if (values.size() != 1)
      return;
    Type ty = values[0].getType();
    bool sgn = isSigned(t);
    unsigned w = ty.getIntOrFloatBitWidth();
    using P = arith::CmpIPredicate;
    Value lo = constantAP(l, ty, apint(w, p.int_value));
    Value hi = constantAP(l, ty, apint(w, p.int_hi));
    Value geLo = arith::CmpIOp::create(b, l, sgn ? P::sge : P::uge, values[0], lo);
    Value leHi = arith::CmpIOp::create(
        b, l, p.inclusive ? (sgn ? P::sle : P::ule) : (sgn ? P::slt : P::ult), values[0], hi);
    test(arith::AndIOp::create(b, l, geLo, leHi));
    return;
  }
  case check::PatternKind::Tuple:
  case check::PatternKind::Struct: {
    std::vector<const check::Type *> fields = fieldTypes(t);
    unsigned first = 0;
    for (size_t i = 0; i < p.elems.size() && i < fields.size(); ++i) {
      unsigned n = leafCount(fields[i]);
      Leaves sub(values.begin() + std::min<size_t>(first, values.size()),
                 values.begin() + std::min<size_t>(first + n, values.size()));
      testPattern(*p.elems[i], fields[i], sub, fail, l);
      first += n;
    }
    return;
  }
  case check::PatternKind::Or: {
    std::vector<check::LocalId> ids;
    collectBindings(p, ids);
    std::vector<const check::Type *> idTypes;
    Block *matched = newBlock();
    for (check::LocalId id : ids) {
      const check::Type *lt = subst(frame->fn->locals[id].type);
      idTypes.push_back(lt);
      SmallVector<Type> leaves;
      leafTypes(lt, leaves);
      for (Type leaf : leaves)
        matched->addArgument(leaf, l);
    }
    for (size_t alt = 0; alt < p.elems.size(); ++alt) {
      Block *next = alt + 1 < p.elems.size() ? newBlock() : fail;
      testPattern(*p.elems[alt], t, values, next, l);
      std::map<check::LocalId, Leaves> bound;
      bindingLeaves(*p.elems[alt], t, values, bound);
      Leaves args;
      for (size_t i = 0; i < ids.size(); ++i) {
        Leaves v = materialize(fix(bound[ids[i]], idTypes[i], l), idTypes[i], l);
        args.append(v.begin(), v.end());
      }
      cf::BranchOp::create(b, l, matched, args);
      if (next != fail)
        b.setInsertionPointToEnd(next);
    }
    b.setInsertionPointToEnd(matched);
    unsigned arg = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
      unsigned n = leafCount(idTypes[i]);
      Leaves v = blockLeaves(matched, arg);
      v.resize(n);
      arg += n;
      bindLocal(ids[i], idTypes[i], v, l);
    }
    return;
  }
  }
}

//===----------------------------------------------------------------------===//
// Control-flow helpers
//===----------------------------------------------------------------------===//

void KernelLowering::branch(Location l, Block *dest, const Leaves &args,
                            const check::Type *t) {
  if (isTerminated())
    return;
  Leaves v = t ? materialize(fix(args, t, l), t, l) : args;
  cf::BranchOp::create(b, l, dest, v);
}

Block *KernelLowering::joinBlock(const check::Type *t, Location l) {
  Block *block = newBlock();
  SmallVector<Type> types;
  if (t)
    leafTypes(t, types);
  for (Type ty : types)
    block->addArgument(ty, l);
  return block;
}

Leaves KernelLowering::blockLeaves(Block *block, unsigned first) {
  Leaves out;
  for (unsigned i = first; i < block->getNumArguments(); ++i)
    out.push_back(block->getArgument(i));
  return out;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value KernelLowering::scalar(const Expr &e) {
  Leaves v = emit(e);
  if (v.size() == 1)
    return v[0];
  const check::Type *t = subst(e.type);
  Type ty = scalarType(t);
  if (!ty) {
    error(loc(e.span), "internal error: expected a scalar");
    ty = b.getI32Type();
  }
  return ub::PoisonOp::create(b, loc(e.span), ty);
}

Leaves KernelLowering::emit(const Expr &e) {
  Location l = loc(e.span);
  if (failed)
    return poison(subst(e.type), l);
  const check::Type *t = subst(e.type);
  if (t->isRef()) {
    emitRef(e); // for its effects; a reference has no leaves
    return {};
  }
  Leaves out = emitInner(e, l);
  if (t->isNever() && !isTerminated())
    startDeadBlock();
  return out;
}

Leaves KernelLowering::emitLiteral(const Expr &e, Location l) {
  const check::Type *t = subst(e.type);
  Type ty = scalarType(t);
  switch (e.kind) {
  case ExprKind::IntLiteral:
    return {constantAP(l, ty, apint(t->bitWidth(), e.int_value))};
  case ExprKind::FloatLiteral:
    return {constantFloat(l, ty, e.float_value)};
  case ExprKind::BoolLiteral:
    return {arith::ConstantOp::create(b, l, b.getI1Type(), b.getBoolAttr(e.bool_value))};
  default:
    return {};
  }
}

Leaves KernelLowering::emitInner(const Expr &e, Location l) {
  const check::Type *t = subst(e.type);
  switch (e.kind) {
  case ExprKind::IntLiteral:
  case ExprKind::FloatLiteral:
  case ExprKind::BoolLiteral:
    return emitLiteral(e, l);
  case ExprKind::UnitLiteral:
    return {};
  case ExprKind::ConstParam: {
    if (e.param_index >= frame->consts.size() ||
        frame->consts[e.param_index].kind != check::ConstValue::Value) {
      error(l, "internal error: const generic parameter without a value");
      return poison(t, l);
    }
    Type ty = scalarType(t);
    return {constantAP(l, ty, apint(ty.getIntOrFloatBitWidth(),
                                    frame->consts[e.param_index].value))};
  }
  case ExprKind::EnumVariant: {
    const check::AdtDef &adt = program.adts[t->adt()];
    Type ty = scalarType(t);
    return {constantAP(l, ty, apint(ty.getIntOrFloatBitWidth(),
                                    uint64_t(adt.variants[e.variant_index].discriminant)))};
  }
  case ExprKind::LocalRef: {
    if (e.local >= frame->locals.size()) {
      error(l, "internal error: unknown local");
      return poison(t, l);
    }
    LocalBinding &binding = frame->locals[e.local];
    if (!binding.bound) {
      error(l, "internal error: local used before it is bound");
      return poison(t, l);
    }
    return readLocal(e.local, l);
  }
  case ExprKind::Index:
  case ExprKind::Field:
  case ExprKind::Deref:
  case ExprKind::ConstRef:
    return fix(load(emitPlace(e), l), t, l);
  case ExprKind::Call: {
    const check::Function &callee = program.functions[e.callee];
    std::vector<const check::Type *> types;
    std::vector<check::ConstValue> consts;
    for (const check::Type *ty : e.subst.types)
      types.push_back(ty ? subst(ty) : nullptr);
    for (check::ConstValue c : e.subst.consts)
      consts.push_back(c.kind == check::ConstValue::Param && c.value < frame->consts.size()
                           ? frame->consts[c.value]
                           : c);
    return emitCall(callee, std::move(types), std::move(consts), e, l, nullptr);
  }
  case ExprKind::TraitCall: {
    check::Substitution s;
    for (const check::Type *ty : e.subst.types)
      s.types.push_back(ty ? subst(ty) : nullptr);
    for (check::ConstValue c : e.subst.consts)
      s.consts.push_back(c.kind == check::ConstValue::Param && c.value < frame->consts.size()
                             ? frame->consts[c.value]
                             : c);
    check::CheckedProgram::Resolved r = program.resolveTraitMethod(e.callee, s);
    if (r.fn == check::kNone || !program.functions[r.fn].body) {
      error(l, "internal error: no implementation for trait method `" +
                   program.functions[e.callee].qualified_name + "`");
      return poison(t, l);
    }
    return emitCall(program.functions[r.fn], r.subst.types, r.subst.consts, e, l, nullptr);
  }
  case ExprKind::IntrinsicCall: return emitIntrinsic(e, l);
  case ExprKind::BuiltinCall: return emitBuiltin(e, l);
  case ExprKind::SliceLen: {
    Leaves s = emit(e.operand(0));
    if (s.size() != 3)
      return poison(t, l);
    return {sliceLen(s, l)};
  }
  case ExprKind::Unary: return {emitUnary(e, l)};
  case ExprKind::Binary:
    if (e.binary_op == check::BinaryOp::And || e.binary_op == check::BinaryOp::Or)
      return {emitShortCircuit(e, l)};
    return emitBinary(e, l);
  case ExprKind::Cast: return {emitCast(e, l)};
  case ExprKind::Assign:
  case ExprKind::CompoundAssign:
    emitAssign(e, l);
    return {};
  case ExprKind::Block: return emitBlock(*e.block);
  // -g: what a pattern of these binds (`for x in`, `if let`, `while let`) is in
  // scope in the construct only.
  case ExprKind::If: {
    DebugScopeEnd end(*this);
    return emitIf(e, l);
  }
  case ExprKind::While: {
    DebugScopeEnd end(*this);
    emitWhile(e, l);
    return {};
  }
  case ExprKind::Loop: return emitLoop(e, l);
  case ExprKind::For: {
    DebugScopeEnd end(*this);
    emitFor(e, l);
    return {};
  }
  case ExprKind::Match: return emitMatch(e, l);
  case ExprKind::Break: {
    auto it = frame->loops.find(e.loop_id);
    if (it == frame->loops.end()) {
      error(l, "internal error: break outside its loop");
      return {};
    }
    LoopTarget target = it->second;
    Leaves args;
    if (!e.operands.empty()) {
      if (subst(e.operand(0).type)->isRef()) {
        error(l, "breaking out of a loop with a reference is not supported yet");
        return {};
      }
      args = emit(e.operand(0));
    }
    branch(l, target.exit, args, target.type);
    startDeadBlock();
    return {};
  }
  case ExprKind::Continue: {
    auto it = frame->loops.find(e.loop_id);
    if (it == frame->loops.end()) {
      error(l, "internal error: continue outside its loop");
      return {};
    }
    branch(l, it->second.next, {}, nullptr);
    startDeadBlock();
    return {};
  }
  case ExprKind::Return:
    emitReturn(e, l);
    return {};
  case ExprKind::Panic:
    emitPanic(e, l);
    return {};
  case ExprKind::Tuple:
  case ExprKind::StructLit:
  case ExprKind::ArrayLit: {
    Leaves out;
    for (const check::ExprPtr &op : e.operands) {
      const check::Type *ot = subst(op->type);
      if (ot->isRef()) {
        error(loc(op->span), "references inside tuples, structs and arrays are not "
                             "supported yet");
        return poison(t, l);
      }
      Leaves v = fix(emit(*op), ot, l);
      out.append(v.begin(), v.end());
    }
    return fix(out, t, l);
  }
  case ExprKind::ArrayRepeat: {
    uint64_t n = arrayLen(t);
    if (n > kUnrollLimit) {
      // Large arrays go through storage (a fill loop) rather than N SSA values.
      Storage *s = createStorage(t, l);
      storeExprInto(storagePlace(s), e, true);
      return load(storagePlace(s), l);
    }
    Leaves v = fix(emit(e.operand(0)), t->element(), l);
    Leaves out;
    for (uint64_t k = 0; k < n; ++k)
      out.append(v.begin(), v.end());
    return out;
  }
  case ExprKind::AddrOf:
    emitRef(e);
    return {};
  case ExprKind::SliceRange: return emitSliceRange(e, l);
  }
  return {};
}

Leaves KernelLowering::emitBlock(const check::Block &block) {
  DebugScopeEnd end(*this); // -g: the scopes the block's `let`s open end with it

  for (const check::Stmt &stmt : block.stmts) {
    emitStmt(stmt);
    if (failed)
      return {};
  }
  if (!block.tail)
    return {};
  return emit(*block.tail);
}

void KernelLowering::emitStmt(const check::Stmt &stmt) {
  Location l = loc(stmt.span);
  if (!frame->fn && stmt.kind == check::StmtKind::Let) {
    error(l, "`let` in a constant's value is not supported yet");
    return;
  }
  if (stmt.kind == check::StmtKind::Expr) {
    if (stmt.expr)
      emit(*stmt.expr);
    return;
  }
  const check::Pattern *pat = stmt.pattern.get();
  const check::Type *t = subst(pat ? pat->type : frame->fn->locals[stmt.local].type);
  if (!t)
    t = subst(frame->fn->locals[stmt.local].type);
  if (t->isRef()) {
    if (!pat || pat->kind != check::PatternKind::Binding) {
      if (pat && pat->kind == check::PatternKind::Wildcard) {
        if (stmt.init)
          emitRef(*stmt.init);
        return;
      }
      error(l, "destructuring a reference in `let` is not supported yet");
      return;
    }
    if (!stmt.init) {
      error(l, "a reference declared without a value (`let r: &T;`) is not supported yet");
      return;
    }
    Place p = emitRef(*stmt.init);
    LocalBinding &binding = frame->locals[pat->local];
    binding = LocalBinding();
    binding.bound = true;
    binding.ref = p;
    return;
  }
  if (pat && pat->kind == check::PatternKind::Binding && pat->elems.empty() && stmt.init) {
    const check::Local &local = frame->fn->locals[pat->local];
    if (local.is_mutable || hasArray(t)) {
      // Build the value right in its storage (no N-element SSA detour).
      Storage *s = createStorage(t, l);
      nameForDebugger(local, t, s);
      storeExprInto(storagePlace(s), *stmt.init, /*fresh=*/true);
      LocalBinding &binding = frame->locals[pat->local];
      binding = LocalBinding();
      binding.bound = true;
      binding.storage = s;
      return;
    }
  }
  Leaves init;
  if (stmt.init)
    init = fix(emit(*stmt.init), t, l);
  if (!pat) {
    bindLocal(stmt.local, t, init, l);
    return;
  }
  if (!stmt.init) {
    // `let x;` / `let x: T;`: storage assigned later.
    if (pat->kind == check::PatternKind::Binding)
      bindLocal(pat->local, t, {}, l);
    return;
  }
  bindPattern(*pat, t, init, l);
}

void KernelLowering::emitReturn(const Expr &e, Location l) {
  const check::Type *rt = subst(frame->returnType);
  if (frame->isKernel) {
    if (!e.operands.empty())
      emit(e.operand(0));
    if (!isTerminated())
      func::ReturnOp::create(b, l);
    startDeadBlock();
    return;
  }
  if (rt->isRef()) {
    Place p = emitRef(e.operand(0));
    if (!isTerminated()) {
      if (frame->returnPlace && !frame->returnPlace->sameAs(p))
        error(l, "this function returns references to different places depending on "
                 "run-time values, which cannot be inlined yet");
      frame->returnPlace = p;
    }
  }
  Leaves v;
  if (!e.operands.empty() && !rt->isRef())
    v = emit(e.operand(0));
  if (!frame->returnBlock) {
    frame->returnBlock = joinBlock(rt->isRef() ? nullptr : rt, l);
  }
  branch(l, frame->returnBlock, v, rt->isRef() ? nullptr : rt);
  startDeadBlock();
}

/// Inlines `callee` with the given (concrete) substitution. `e.operands` are
/// the arguments. A Ref result is stored in `*refResult`.
Leaves KernelLowering::emitCall(const check::Function &callee,
                                std::vector<const check::Type *> types,
                                std::vector<check::ConstValue> consts, const Expr &e,
                                Location l, Place *refResult) {
  const check::Type *resultType = subst(e.type);
  if (frames.size() >= kMaxInlineDepth) {
    error(l, "calls nest deeper than " + Twine(kMaxInlineDepth) +
                 " levels (recursion?) while inlining `" + callee.qualified_name + "`");
    return poison(resultType, l);
  }
  if (!callee.body) {
    error(l, "internal error: `" + callee.qualified_name + "` has no body");
    return poison(resultType, l);
  }
  // Arguments are evaluated in the caller's frame, left to right.
  struct Arg {
    Leaves values;
    std::optional<Place> ref;
  };
  std::vector<Arg> args;
  for (const check::ExprPtr &arg : e.operands) {
    Arg a;
    if (subst(arg->type)->isRef())
      a.ref = emitRef(*arg);
    else
      a.values = emit(*arg);
    args.push_back(std::move(a));
  }
  if (isTerminated())
    return poison(resultType, l);

  auto callFrame = std::make_unique<Frame>();
  callFrame->fn = &callee;
  callFrame->types = std::move(types);
  callFrame->consts = std::move(consts);
  callFrame->locals.resize(callee.locals.size());
  callFrame->returnType = callee.return_type;
  Frame *caller = frame;
  frame = callFrame.get();
  frames.push_back(std::move(callFrame));
  // -g: the callee's code is an inlined frame of its own, called from here.
  bool debugFrame = false;
  if (debugScopes)
    if (FileLineColLoc definition = fileLoc(callee.name_span)) {
      debugScopes->enterCall(callee.qualified_name, definition, l);
      debugFrame = true;
    }

  for (size_t i = 0; i < callee.params.size() && i < args.size(); ++i) {
    const check::Local &local = callee.param(i);
    const check::Type *pt = subst(local.type);
    Location pl = loc(local.span);
    if (pt->isRef()) {
      if (!args[i].ref) {
        error(l, "internal error: reference argument without a place");
        continue;
      }
      LocalBinding &binding = frame->locals[local.id];
      binding = LocalBinding();
      binding.bound = true;
      binding.ref = args[i].ref;
    } else {
      bindLocal(local.id, pt, fix(args[i].values, pt, pl), pl);
    }
    if (i < callee.param_patterns.size() && callee.param_patterns[i] && !pt->isRef())
      bindPattern(*callee.param_patterns[i], pt, readLocal(local.id, pl), pl);
  }

  const check::Type *rt = subst(callee.return_type);
  Leaves result;
  std::optional<Place> place;
  if (rt->isRef()) {
    Place p = emitRef(*callee.body);
    if (!isTerminated()) {
      if (frame->returnPlace && !frame->returnPlace->sameAs(p))
        error(l, "`" + callee.qualified_name +
                     "` returns references to different places depending on run-time "
                     "values, which cannot be inlined yet");
      frame->returnPlace = p;
    }
    if (frame->returnBlock) {
      branch(l, frame->returnBlock, {}, nullptr);
      b.setInsertionPointToEnd(frame->returnBlock);
    }
    place = frame->returnPlace;
  } else {
    result = emit(*callee.body);
    if (frame->returnBlock) {
      branch(l, frame->returnBlock, result, rt);
      b.setInsertionPointToEnd(frame->returnBlock);
      result = blockLeaves(frame->returnBlock);
    } else {
      result = fix(result, rt, l);
    }
  }
  frames.pop_back();
  frame = caller;
  if (debugFrame)
    debugScopes->leaveCall();
  if (refResult) {
    if (place)
      *refResult = *place;
    else if (!failed && rt->isRef())
      error(l, "internal error: `" + callee.qualified_name + "` returns no place");
  }
  return result;
}

Leaves KernelLowering::emitIntrinsic(const Expr &e, Location l) {
  using check::Intrinsic;
  auto dim = static_cast<hm::Dim>(check::intrinsicDimension(e.intrinsic));
  switch (e.intrinsic) {
  case Intrinsic::ThreadIdxX: case Intrinsic::ThreadIdxY: case Intrinsic::ThreadIdxZ:
    return {hm::ThreadIdOp::create(b, l, dim)};
  case Intrinsic::BlockIdxX: case Intrinsic::BlockIdxY: case Intrinsic::BlockIdxZ:
    return {hm::BlockIdOp::create(b, l, dim)};
  case Intrinsic::BlockDimX: case Intrinsic::BlockDimY: case Intrinsic::BlockDimZ:
    return {hm::BlockDimOp::create(b, l, dim)};
  case Intrinsic::GridDimX: case Intrinsic::GridDimY: case Intrinsic::GridDimZ:
    return {hm::GridDimOp::create(b, l, dim)};
  case Intrinsic::GlobalIdxX: case Intrinsic::GlobalIdxY: case Intrinsic::GlobalIdxZ:
    return {hm::GlobalIdOp::create(b, l, dim)};
  case Intrinsic::SyncThreads:
    hm::BarrierOp::create(b, l);
    return {};
  case Intrinsic::ThreadFence:
  case Intrinsic::ThreadFenceBlock:
    hm::FenceOp::create(b, l, /*block=*/e.intrinsic == Intrinsic::ThreadFenceBlock);
    return {};
  case Intrinsic::LaneId: return {hm::LaneIdOp::create(b, l)};
  case Intrinsic::WarpSize: return {hm::WarpSizeOp::create(b, l)};
  case Intrinsic::Shared:
    error(l, "internal error: gpu::shared used as a value");
    return {};
  case Intrinsic::AtomicAdd: case Intrinsic::AtomicSub: case Intrinsic::AtomicMin:
  case Intrinsic::AtomicMax: case Intrinsic::AtomicAnd: case Intrinsic::AtomicOr:
  case Intrinsic::AtomicXor: case Intrinsic::AtomicExchange:
  case Intrinsic::AtomicCompareExchange:
    return emitAtomic(e, l);
  default: return emitWarpIntrinsic(e, l);
  }
  return {};
}

Value KernelLowering::emitUnary(const Expr &e, Location l) {
  Value v = scalar(e.operand(0));
  Type t = v.getType();
  if (e.unary_op == check::UnaryOp::Neg) {
    if (isa<FloatType>(t))
      return arith::NegFOp::create(b, l, v);
    if (options.overflow_checks && isSigned(subst(e.operand(0).type))) {
      Value min = constantAP(l, t, APInt::getSignedMinValue(t.getIntOrFloatBitWidth()));
      Value ok = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ne, v, min);
      checkOrPanic(l, ok, "attempt to negate with overflow");
    }
    return arith::SubIOp::create(b, l, constantInt(l, t, 0), v); // wraps
  }
  return arith::XOrIOp::create(b, l, v, constantInt(l, t, -1)); // ! and bitwise not
}

Leaves KernelLowering::emitBinary(const Expr &e, Location l) {
  using check::BinaryOp;
  const check::Type *lt = subst(e.operand(0).type);
  const check::Type *rt = subst(e.operand(1).type);
  bool comparison = e.binary_op == BinaryOp::Eq || e.binary_op == BinaryOp::Ne ||
                    e.binary_op == BinaryOp::Lt || e.binary_op == BinaryOp::Le ||
                    e.binary_op == BinaryOp::Gt || e.binary_op == BinaryOp::Ge;
  // References compare their referents (PartialEq for &T).
  auto operand = [&](const Expr &op, const check::Type *&ty) -> Leaves {
    if (ty->isRef()) {
      Place p = emitRef(op);
      ty = p.type;
      return load(p, loc(op.span));
    }
    return emit(op);
  };
  Leaves lhs = operand(e.operand(0), lt);
  Leaves rhs = operand(e.operand(1), rt);
  if (isTerminated())
    return poison(subst(e.type), l);
  if (comparison && (lhs.size() != 1 || rhs.size() != 1)) {
    // Aggregates: Eq / Ne compare leaf by leaf.
    if (e.binary_op != BinaryOp::Eq && e.binary_op != BinaryOp::Ne) {
      error(l, "ordering comparisons of aggregates are not supported yet");
      return poison(subst(e.type), l);
    }
    SmallVector<const check::Type *> scalars;
    std::function<void(const check::Type *)> walk = [&](const check::Type *ty) {
      if (ty->isArray()) {
        for (uint64_t k = 0; k < arrayLen(ty); ++k)
          walk(ty->element());
      } else if (isAggregate(ty)) {
        for (const check::Type *f : fieldTypes(ty))
          walk(f);
      } else if (ty->isSlice()) {
        error(l, "comparing slices is not supported yet");
      } else {
        scalars.push_back(ty);
      }
    };
    walk(lt);
    Value all = arith::ConstantOp::create(b, l, b.getI1Type(), b.getBoolAttr(true));
    for (size_t i = 0; i < scalars.size() && i < lhs.size() && i < rhs.size(); ++i)
      all = arith::AndIOp::create(
          b, l, all, emitComparison(BinaryOp::Eq, scalars[i], lhs[i], rhs[i], l));
    if (e.binary_op == BinaryOp::Ne)
      all = arith::XOrIOp::create(b, l, all, constantInt(l, b.getI1Type(), 1));
    return {all};
  }
  if (lhs.size() != 1 || rhs.size() != 1)
    return poison(subst(e.type), l);
  if (comparison)
    return {emitComparison(e.binary_op, lt, lhs[0], rhs[0], l)};
  return {emitArith(e.binary_op, lt, lhs[0], rhs[0], rt, l)};
}

/// Arithmetic and bitwise operators with Rust's semantics: wrapping (or
/// checked with -C overflow-checks=on), shifts masked to the bit width (or
/// checked), panics on division by zero and MIN / -1. `wrapping` forces
/// wrapping behaviour (wrapping_* builtins).
Value KernelLowering::emitArith(check::BinaryOp op, const check::Type *type, Value lhs,
                                Value rhs, const check::Type *rhsType, Location l,
                                bool wrapping) {
  using check::BinaryOp;
  using P = arith::CmpIPredicate;
  bool isFloat = type->isFloat();
  bool sgn = isSigned(type);
  Type t = lhs.getType();
  bool checks = options.overflow_checks && !wrapping && !isFloat;
  unsigned bits = isFloat ? 0 : t.getIntOrFloatBitWidth();
  auto isNegative = [&](Value v) {
    return arith::CmpIOp::create(b, l, P::slt, v, constantInt(l, t, 0));
  };
  switch (op) {
  case BinaryOp::Add: {
    if (isFloat)
      return arith::AddFOp::create(b, l, lhs, rhs);
    Value r = arith::AddIOp::create(b, l, lhs, rhs);
    if (checks && !t.isInteger(1)) {
      Value overflow =
          sgn ? Value(isNegative(arith::AndIOp::create(b, l, arith::XOrIOp::create(b, l, lhs, r),
                                                       arith::XOrIOp::create(b, l, rhs, r))))
              : Value(arith::CmpIOp::create(b, l, P::ult, r, lhs));
      checkOrPanic(l, arith::XOrIOp::create(b, l, overflow, constantInt(l, b.getI1Type(), 1)),
                   "attempt to add with overflow");
    }
    return r;
  }
  case BinaryOp::Sub: {
    if (isFloat)
      return arith::SubFOp::create(b, l, lhs, rhs);
    Value r = arith::SubIOp::create(b, l, lhs, rhs);
    if (checks) {
      Value overflow =
          sgn ? Value(isNegative(arith::AndIOp::create(b, l, arith::XOrIOp::create(b, l, lhs, rhs),
                                                       arith::XOrIOp::create(b, l, lhs, r))))
              : Value(arith::CmpIOp::create(b, l, P::ult, lhs, rhs));
      checkOrPanic(l, arith::XOrIOp::create(b, l, overflow, constantInt(l, b.getI1Type(), 1)),
                   "attempt to subtract with overflow");
    }
    return r;
  }
  case BinaryOp::Mul: {
    if (isFloat)
      return arith::MulFOp::create(b, l, lhs, rhs);
    if (checks) {
      Value ok;
      Value low;
      if (sgn) {
        auto m = arith::MulSIExtendedOp::create(b, l, lhs, rhs);
        low = m.getLow();
        Value sign = arith::ShRSIOp::create(b, l, low, constantInt(l, t, bits - 1));
        ok = arith::CmpIOp::create(b, l, P::eq, m.getHigh(), sign);
      } else {
        auto m = arith::MulUIExtendedOp::create(b, l, lhs, rhs);
        low = m.getLow();
        ok = arith::CmpIOp::create(b, l, P::eq, m.getHigh(), constantInt(l, t, 0));
      }
      checkOrPanic(l, ok, "attempt to multiply with overflow");
      return low;
    }
    return arith::MulIOp::create(b, l, lhs, rhs);
  }
  case BinaryOp::Div:
  case BinaryOp::Rem: {
    bool div = op == BinaryOp::Div;
    if (isFloat)
      return div ? Value(arith::DivFOp::create(b, l, lhs, rhs))
                 : emitFloatRem(lhs, rhs, l);
    Value nonZero = arith::CmpIOp::create(b, l, P::ne, rhs, constantInt(l, t, 0));
    checkOrPanic(l, nonZero, div ? "attempt to divide by zero"
                                 : "attempt to calculate the remainder with a divisor of zero");
    if (sgn) {
      Value min = constantAP(l, t, APInt::getSignedMinValue(bits));
      Value isMin = arith::CmpIOp::create(b, l, P::eq, lhs, min);
      Value isMinusOne = arith::CmpIOp::create(b, l, P::eq, rhs, constantInt(l, t, -1));
      Value overflow = arith::AndIOp::create(b, l, isMin, isMinusOne);
      Value ok = arith::XOrIOp::create(b, l, overflow, constantInt(l, b.getI1Type(), 1));
      checkOrPanic(l, ok, div ? "attempt to divide with overflow"
                              : "attempt to calculate the remainder with overflow");
      return div ? Value(arith::DivSIOp::create(b, l, lhs, rhs))
                 : Value(arith::RemSIOp::create(b, l, lhs, rhs));
    }
    return div ? Value(arith::DivUIOp::create(b, l, lhs, rhs))
               : Value(arith::RemUIOp::create(b, l, lhs, rhs));
  }
  case BinaryOp::BitAnd: return arith::AndIOp::create(b, l, lhs, rhs);
  case BinaryOp::BitOr: return arith::OrIOp::create(b, l, lhs, rhs);
  case BinaryOp::BitXor: return arith::XOrIOp::create(b, l, lhs, rhs);
  case BinaryOp::Shl:
  case BinaryOp::Shr: {
    bool shl = op == BinaryOp::Shl;
    if (checks) {
      // Rust: the amount (read as unsigned) must be below the bit width.
      Type at = rhs.getType();
      Value ok = arith::CmpIOp::create(b, l, P::ult, rhs, constantInt(l, at, bits));
      checkOrPanic(l, ok, shl ? "attempt to shift left with overflow"
                              : "attempt to shift right with overflow");
    }
    Value amount = castInteger(rhs, rhsType && isSigned(rhsType), t, l);
    amount = arith::AndIOp::create(b, l, amount, constantInt(l, t, bits - 1));
    if (shl)
      return arith::ShLIOp::create(b, l, lhs, amount);
    return sgn ? Value(arith::ShRSIOp::create(b, l, lhs, amount))
               : Value(arith::ShRUIOp::create(b, l, lhs, amount));
  }
  default:
    return emitComparison(op, type, lhs, rhs, l);
  }
}

Value KernelLowering::emitComparison(check::BinaryOp op, const check::Type *type, Value lhs,
                                     Value rhs, Location l) {
  using check::BinaryOp;
  if (type->isFloat()) {
    // Rust: every comparison with NaN is false, except `!=`.
    arith::CmpFPredicate p = op == BinaryOp::Eq   ? arith::CmpFPredicate::OEQ
                             : op == BinaryOp::Ne ? arith::CmpFPredicate::UNE
                             : op == BinaryOp::Lt ? arith::CmpFPredicate::OLT
                             : op == BinaryOp::Le ? arith::CmpFPredicate::OLE
                             : op == BinaryOp::Gt ? arith::CmpFPredicate::OGT
                                                  : arith::CmpFPredicate::OGE;
    return arith::CmpFOp::create(b, l, p, lhs, rhs);
  }
  bool sgn = isSigned(type);
  using P = arith::CmpIPredicate;
  P p = op == BinaryOp::Eq   ? P::eq
        : op == BinaryOp::Ne ? P::ne
        : op == BinaryOp::Lt ? (sgn ? P::slt : P::ult)
        : op == BinaryOp::Le ? (sgn ? P::sle : P::ule)
        : op == BinaryOp::Gt ? (sgn ? P::sgt : P::ugt)
                             : (sgn ? P::sge : P::uge);
  return arith::CmpIOp::create(b, l, p, lhs, rhs);
}

/// `a && b` / `a || b`: `b` only runs when it decides the result.
Value KernelLowering::emitShortCircuit(const Expr &e, Location l) {
  bool isAnd = e.binary_op == check::BinaryOp::And;
  Value lhs = scalar(e.operand(0));
  if (isTerminated())
    return lhs;
  Block *rhsBlock = newBlock();
  Block *merge = newBlock();
  merge->addArgument(b.getI1Type(), l);
  if (isAnd)
    cf::CondBranchOp::create(b, l, lhs, rhsBlock, ValueRange{}, merge, ValueRange{lhs});
  else
    cf::CondBranchOp::create(b, l, lhs, merge, ValueRange{lhs}, rhsBlock, ValueRange{});
  b.setInsertionPointToEnd(rhsBlock);
  Value rhs = scalar(e.operand(1));
  if (!isTerminated())
    cf::BranchOp::create(b, l, merge, ValueRange{rhs});
  b.setInsertionPointToEnd(merge);
  return merge->getArgument(0);
}

Value KernelLowering::emitCast(const Expr &e, Location l) {
  const check::Type *fromType = subst(e.operand(0).type);
  const check::Type *toType = subst(e.type);
  Value v = scalar(e.operand(0));
  Type to = scalarType(toType);
  if (!fromType->isFloat()) { // bool, integers, C-like enums
    bool fromSigned = isSigned(fromType);
    if (toType->isFloat())
      return fromSigned ? Value(arith::SIToFPOp::create(b, l, to, v))
                        : Value(arith::UIToFPOp::create(b, l, to, v));
    return castInteger(v, fromSigned, to, l);
  }
  if (toType->isFloat()) {
    unsigned from = v.getType().getIntOrFloatBitWidth(), width = to.getIntOrFloatBitWidth();
    if (from == width)
      return v;
    return from < width ? Value(arith::ExtFOp::create(b, l, to, v))
                        : Value(arith::TruncFOp::create(b, l, to, v));
  }
  return saturatingFloatToInt(v, toType->isSignedInt(), to, l);
}

/// Rust's float → int `as`: truncate toward zero, saturate at the type's
/// bounds, NaN → 0. (fptosi alone is poison out of range.)
Value KernelLowering::saturatingFloatToInt(Value v, bool isSigned, Type to, Location l) {
  Type ft = v.getType();
  unsigned bits = to.getIntOrFloatBitWidth();
  auto fconst = [&](double x) -> Value { return constantFloat(l, ft, x); };
  auto iconst = [&](const APInt &x) -> Value { return constantAP(l, to, x); };
  // 2^(bits-1) and 2^bits are exact in any float format.
  double upper = isSigned ? std::ldexp(1.0, bits - 1) : std::ldexp(1.0, bits);
  double lower = isSigned ? -std::ldexp(1.0, bits - 1) : -1.0;
  APInt maxValue = isSigned ? APInt::getSignedMaxValue(bits) : APInt::getMaxValue(bits);
  APInt minValue = isSigned ? APInt::getSignedMinValue(bits) : APInt::getZero(bits);
  Value tooHigh = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, v, fconst(upper));
  // Signed: below -2^(n-1) saturates; unsigned: anything at or below -1 does.
  Value tooLow = isSigned
      ? Value(arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, v, fconst(lower)))
      : Value(arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLE, v, fconst(lower)));
  Value isNan = arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, v, v);
  // Convert a value that is in range whatever `v` is, then select.
  Value safe = arith::SelectOp::create(
      b, l, arith::OrIOp::create(b, l, arith::OrIOp::create(b, l, tooHigh, tooLow), isNan),
      fconst(0.0), v);
  Value converted = isSigned ? Value(arith::FPToSIOp::create(b, l, to, safe))
                             : Value(arith::FPToUIOp::create(b, l, to, safe));
  Value result = arith::SelectOp::create(b, l, tooHigh, iconst(maxValue), converted);
  result = arith::SelectOp::create(b, l, tooLow, iconst(minValue), result);
  return arith::SelectOp::create(b, l, isNan, iconst(APInt::getZero(bits)), result);
}

/// `place = value` and `place op= value`. As in Rust, the value is evaluated
/// first, then the place (whose parts are evaluated once).
void KernelLowering::emitAssign(const Expr &e, Location l) {
  const Expr &placeExpr = e.operand(0);
  const check::Type *pt = subst(placeExpr.type);
  if (pt->isRef()) {
    error(l, "assigning a new reference to a reference variable is not supported yet");
    return;
  }
  bool compound = e.kind == ExprKind::CompoundAssign;
  if (!compound && e.operand(1).kind == ExprKind::ArrayRepeat) {
    Place p = emitPlace(placeExpr);
    storeExprInto(p, e.operand(1), false);
    return;
  }
  Leaves value = emit(e.operand(1));
  if (isTerminated())
    return;
  Place p = emitPlace(placeExpr);
  if (p.kind == Place::Val) {
    error(l, "internal error: assignment to a read-only place");
    return;
  }
  if (compound) {
    Leaves old = load(p, loc(placeExpr.span));
    if (old.size() != 1 || value.size() != 1)
      return;
    value = {emitArith(e.binary_op, pt, old[0], value[0], subst(e.operand(1).type), l)};
  }
  store(p, value, loc(placeExpr.span));
}

//===----------------------------------------------------------------------===//
// Places and references
//===----------------------------------------------------------------------===//

/// The place a place expression denotes; other expressions are evaluated into
/// a read-only place.
Place KernelLowering::emitPlace(const Expr &e) {
  Location l = loc(e.span);
  const check::Type *t = subst(e.type);
  switch (e.kind) {
  case ExprKind::LocalRef: {
    if (e.local >= frame->locals.size()) {
      error(l, "internal error: unknown local");
      break;
    }
    LocalBinding &binding = frame->locals[e.local];
    if (binding.ref) {
      error(l, "internal error: a reference used as a place");
      break;
    }
    if (binding.storage)
      return storagePlace(binding.storage);
    Place p;
    p.kind = Place::Val;
    p.type = t;
    p.values = binding.values;
    return p;
  }
  case ExprKind::Field: {
    const Expr &base = e.operand(0);
    const check::Type *bt = subst(base.type);
    Place p = bt->isRef() ? emitRef(base) : emitPlace(base);
    return fieldPlace(p, e.field_index, l);
  }
  case ExprKind::Index: {
    const Expr &base = e.operand(0);
    const check::Type *bt = subst(base.type);
    if (bt->isSlice()) {
      Leaves s = emit(base);
      Value index = scalar(e.operand(1));
      Place p;
      p.kind = Place::SliceElem;
      p.type = t;
      p.slice = s.size() == 3 ? s : poison(bt, l);
      p.index = index;
      p.checked = true;
      if (p.slice[1] || p.slice[2]) {
        // A sub-slice: check against its own length, then access the base
        // (whose own check then always holds).
        if (options.bounds_checks) {
          Value len = sliceLen(p.slice, l);
          Value ok = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, index, len);
          checkOrPanic(l, ok, kIndexOutOfBounds, {len, index}, "u64,u64");
        }
        p.checked = false;
      }
      return p;
    }
    Place p = bt->isRef() ? emitRef(base) : emitPlace(base);
    Value index = scalar(e.operand(1));
    if (!p.type->isArray()) {
      error(l, "internal error: indexing a `" + p.type->toString(nullptr) + "`");
      break;
    }
    return indexPlace(p, index, l, /*check=*/true);
  }
  case ExprKind::Deref:
    return emitRef(e.operand(0));
  case ExprKind::ConstRef: {
    Place p;
    p.kind = Place::Val;
    p.type = t;
    p.values = emitConst(e.const_id, l);
    return p;
  }
  default:
    break;
  }
  Place p;
  p.kind = Place::Val;
  p.type = t;
  p.values = failed ? poison(t, l) : fix(emit(e), t, l);
  return p;
}

/// The place a reference-typed expression points to.
Place KernelLowering::emitRef(const Expr &e) {
  Location l = loc(e.span);
  const check::Type *t = subst(e.type);
  auto dummy = [&]() {
    const check::Type *target = t->isRef() ? t->element() : t;
    Place p;
    p.kind = Place::Val;
    p.type = target;
    p.values = poison(target, l);
    return p;
  };
  if (failed)
    return dummy();
  switch (e.kind) {
  case ExprKind::AddrOf: {
    const Expr &target = e.operand(0);
    switch (target.kind) {
    case ExprKind::LocalRef: case ExprKind::Field: case ExprKind::Index:
    case ExprKind::Deref: case ExprKind::ConstRef:
      return emitPlace(target);
    default: {
      // `&temporary`: a read-only place, or storage for `&mut`.
      const check::Type *tt = subst(target.type);
      if (tt->isRef())
        return emitRef(target);
      if (e.is_mut || hasArray(tt)) {
        Storage *s = createStorage(tt, l);
        storeExprInto(storagePlace(s), target, true);
        return storagePlace(s);
      }
      return emitPlace(target);
    }
    }
  }
  case ExprKind::IntrinsicCall:
    if (e.intrinsic == check::Intrinsic::Shared && t->isRef())
      return storagePlace(sharedStorage(e, t->element(), l));
    return dummy();
  case ExprKind::LocalRef: {
    if (e.local < frame->locals.size() && frame->locals[e.local].ref)
      return *frame->locals[e.local].ref;
    error(l, "internal error: reference local without a place");
    return dummy();
  }
  case ExprKind::Block: {
    for (const check::Stmt &stmt : e.block->stmts)
      emitStmt(stmt);
    if (e.block->tail)
      return emitRef(*e.block->tail);
    return dummy();
  }
  case ExprKind::Call: {
    const check::Function &callee = program.functions[e.callee];
    std::vector<const check::Type *> types;
    std::vector<check::ConstValue> consts;
    for (const check::Type *ty : e.subst.types)
      types.push_back(ty ? subst(ty) : nullptr);
    for (check::ConstValue c : e.subst.consts)
      consts.push_back(c.kind == check::ConstValue::Param && c.value < frame->consts.size()
                           ? frame->consts[c.value]
                           : c);
    Place p = dummy();
    emitCall(callee, std::move(types), std::move(consts), e, l, &p);
    return p;
  }
  case ExprKind::TraitCall: {
    check::Substitution s;
    for (const check::Type *ty : e.subst.types)
      s.types.push_back(ty ? subst(ty) : nullptr);
    for (check::ConstValue c : e.subst.consts)
      s.consts.push_back(c.kind == check::ConstValue::Param && c.value < frame->consts.size()
                             ? frame->consts[c.value]
                             : c);
    check::CheckedProgram::Resolved r = program.resolveTraitMethod(e.callee, s);
    if (r.fn == check::kNone || !program.functions[r.fn].body) {
      error(l, "internal error: no implementation for a trait method");
      return dummy();
    }
    Place p = dummy();
    emitCall(program.functions[r.fn], r.subst.types, r.subst.consts, e, l, &p);
    return p;
  }
  case ExprKind::Deref:
  case ExprKind::Field:
  case ExprKind::Index:
    error(l, "references stored in references, structs or arrays are not supported yet");
    return dummy();
  case ExprKind::If:
  case ExprKind::Match:
  case ExprKind::Loop:
    error(l, "a reference chosen at run time (by `if`, `match` or `loop`) is not "
             "supported yet; index or assign inside the branches instead");
    return dummy();
  default:
    break;
  }
  // Diverging expressions (return, panic!, ...) have any type.
  emitInner(e, l);
  if (!isTerminated())
    error(l, "internal error: cannot take the place of this expression");
  return dummy();
}

Leaves KernelLowering::emitConst(check::ConstId id, Location l) {
  const check::ConstDef &def = program.consts[id];
  if (!def.init) {
    error(l, "internal error: const without a value");
    return poison(def.type, l);
  }
  if (frames.size() >= kMaxInlineDepth) {
    error(l, "constants nest too deeply (a cycle?)");
    return poison(def.type, l);
  }
  auto constFrame = std::make_unique<Frame>();
  constFrame->returnType = def.type;
  Frame *outer = frame;
  frame = constFrame.get();
  frames.push_back(std::move(constFrame));
  Leaves v = fix(emit(*def.init), def.type, l);
  frames.pop_back();
  frame = outer;
  return v;
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

Leaves KernelLowering::emitIf(const Expr &e, Location l) {
  const check::Type *t = subst(e.type);
  Value cond = scalar(e.operand(0));
  if (isTerminated())
    return poison(t, l);
  Block *thenBlock = newBlock();
  Block *elseBlock = e.operands.size() > 2 ? newBlock() : nullptr;
  Block *merge = joinBlock(t, l);
  cf::CondBranchOp::create(b, l, cond, thenBlock, elseBlock ? elseBlock : merge);
  b.setInsertionPointToEnd(thenBlock);
  branch(l, merge, emit(e.operand(1)), t);
  if (elseBlock) {
    b.setInsertionPointToEnd(elseBlock);
    branch(l, merge, emit(e.operand(2)), t);
  }
  b.setInsertionPointToEnd(merge);
  return blockLeaves(merge);
}

void KernelLowering::emitWhile(const Expr &e, Location l) {
  Block *header = newBlock();
  Block *body = newBlock();
  Block *exit = newBlock();
  cf::BranchOp::create(b, l, header);
  b.setInsertionPointToEnd(header);
  Value cond = scalar(e.operand(0));
  if (!isTerminated())
    cf::CondBranchOp::create(b, l, cond, body, exit);
  frame->loops[e.loop_id] = {header, exit, nullptr};
  b.setInsertionPointToEnd(body);
  emit(e.operand(1));
  branch(l, header, {}, nullptr);
  b.setInsertionPointToEnd(exit);
}

Leaves KernelLowering::emitLoop(const Expr &e, Location l) {
  const check::Type *t = subst(e.type);
  Block *body = newBlock();
  Block *exit = joinBlock(t->isNever() ? nullptr : t, l);
  cf::BranchOp::create(b, l, body);
  frame->loops[e.loop_id] = {body, exit, t->isNever() ? nullptr : t};
  b.setInsertionPointToEnd(body);
  emit(e.operand(0));
  branch(l, body, {}, nullptr);
  b.setInsertionPointToEnd(exit);
  return blockLeaves(exit);
}

/// for i in start..end, start..=end, (..).rev(), (..).step_by(s).
/// Rust's semantics: an empty range runs nothing, `a..=MAX` ends without
/// overflowing, step_by(0) panics, stepping never wraps around.
void KernelLowering::emitFor(const Expr &e, Location l) {
  using P = arith::CmpIPredicate;
  const check::Local &var = frame->fn->locals[e.local];
  const check::Type *vt = subst(var.type);
  bool sgn = isSigned(vt);
  Value start = scalar(e.operand(0));
  Value end = scalar(e.operand(1));
  Value step;
  if (e.has_step)
    step = scalar(e.operand(2));
  const Expr &bodyExpr = e.operand(e.has_step ? 3 : 2);
  if (isTerminated())
    return;
  Type t = start.getType();
  if (step) {
    Value nonZero = arith::CmpIOp::create(b, l, P::ne, step,
                                          constantInt(l, step.getType(), 0));
    checkOrPanic(l, nonZero, "assertion failed: step != 0");
  }

  if (!e.inclusive && !e.reversed && !step) {
    // The common case, in the form loop passes know best: a header testing
    // i < end, a latch adding 1.
    Block *header = newBlock();
    header->addArgument(t, l);
    Block *body = newBlock();
    Block *latch = newBlock();
    Block *exit = newBlock();
    cf::BranchOp::create(b, l, header, ValueRange{start});
    b.setInsertionPointToEnd(header);
    Value i = header->getArgument(0);
    Value inRange = arith::CmpIOp::create(b, l, sgn ? P::slt : P::ult, i, end);
    cf::CondBranchOp::create(b, l, inRange, body, exit);
    frame->loops[e.loop_id] = {latch, exit, nullptr};
    b.setInsertionPointToEnd(body);
    bindLocal(var.id, vt, {i}, l);
    emit(bodyExpr);
    branch(l, latch, {}, nullptr);
    b.setInsertionPointToEnd(latch);
    Value next = arith::AddIOp::create(b, l, i, constantInt(l, t, 1));
    auto backEdge = cf::BranchOp::create(b, l, header, ValueRange{next});
    markSmallConstantLoop(backEdge, start, end, nullptr);
    b.setInsertionPointToEnd(exit);
    return;
  }

  // General form: guard on a non-empty range, then visit first, first ± step,
  // ... while the distance left to `last` (the far end, inclusive) allows.
  Value nonEmpty = arith::CmpIOp::create(
      b, l, e.inclusive ? (sgn ? P::sle : P::ule) : (sgn ? P::slt : P::ult), start, end);
  Value one = constantInt(l, t, 1);
  Value endInclusive = e.inclusive ? end : Value(arith::SubIOp::create(b, l, end, one));
  Value first = e.reversed ? endInclusive : start;
  Value last = e.reversed ? start : endInclusive;
  Block *body = newBlock();
  body->addArgument(t, l);
  Block *latch = newBlock();
  Block *exit = newBlock();
  cf::CondBranchOp::create(b, l, nonEmpty, body, ValueRange{first}, exit, ValueRange{});
  frame->loops[e.loop_id] = {latch, exit, nullptr};
  b.setInsertionPointToEnd(body);
  Value i = body->getArgument(0);
  bindLocal(var.id, vt, {i}, l);
  emit(bodyExpr);
  branch(l, latch, {}, nullptr);
  b.setInsertionPointToEnd(latch);
  Value more;
  Value next;
  if (!step) {
    more = arith::CmpIOp::create(b, l, P::ne, i, last);
    next = e.reversed ? Value(arith::SubIOp::create(b, l, i, one))
                      : Value(arith::AddIOp::create(b, l, i, one));
  } else {
    // The distance is non-negative and fits the unsigned type.
    Value left = e.reversed ? Value(arith::SubIOp::create(b, l, i, last))
                            : Value(arith::SubIOp::create(b, l, last, i));
    // Compare in the wider of the counter's and the step's (usize) widths.
    Type st = step.getType();
    Type wide = st.getIntOrFloatBitWidth() > t.getIntOrFloatBitWidth() ? st : t;
    more = arith::CmpIOp::create(b, l, P::uge, castInteger(left, false, wide, l),
                                 castInteger(step, false, wide, l));
    Value s = castInteger(step, false, t, l); // fits the counter when `more`
    next = e.reversed ? Value(arith::SubIOp::create(b, l, i, s))
                      : Value(arith::AddIOp::create(b, l, i, s));
  }
  auto backEdge = cf::CondBranchOp::create(b, l, more, body, ValueRange{next}, exit, ValueRange{});
  markSmallConstantLoop(backEdge, start, end, step);
  b.setInsertionPointToEnd(exit);
}

/// A `for` whose bounds (and step) are constants and that runs at most
/// kFullUnrollMaxTrips times gets hm.unroll_full on its back edge: GPU code
/// wants such loops (over tiles, per-thread register blocks) unrolled, so that
/// their arrays become registers and their indices constants.
/// The value of an integer computed from constants only (literals, `const`
/// items, casts and + - * / of them), folded as the canonicalizer would later.
static std::optional<int64_t> constantValue(Value v, int depth = 0) {
  APInt value;
  if (matchPattern(v, m_ConstantInt(&value)))
    return value.getBitWidth() <= 64 ? std::optional<int64_t>(value.getSExtValue())
                                     : std::nullopt;
  Operation *op = v.getDefiningOp();
  if (!op || depth > 8)
    return std::nullopt;
  if (isa<arith::ExtUIOp, arith::ExtSIOp, arith::TruncIOp, arith::IndexCastOp,
          arith::IndexCastUIOp>(op))
    return constantValue(op->getOperand(0), depth + 1);
  if (op->getNumOperands() != 2)
    return std::nullopt;
  std::optional<int64_t> a = constantValue(op->getOperand(0), depth + 1);
  std::optional<int64_t> c = constantValue(op->getOperand(1), depth + 1);
  if (!a || !c)
    return std::nullopt;
  if (isa<arith::AddIOp>(op)) return *a + *c;
  if (isa<arith::SubIOp>(op)) return *a - *c;
  if (isa<arith::MulIOp>(op)) return *a * *c;
  if (isa<arith::DivUIOp, arith::DivSIOp>(op) && *c != 0) return *a / *c;
  return std::nullopt;
}

void KernelLowering::markSmallConstantLoop(Operation *backEdge, Value start, Value end,
                                           Value step) {
  std::optional<int64_t> first = constantValue(start), last = constantValue(end);
  std::optional<int64_t> stride = step ? constantValue(step) : std::optional<int64_t>(1);
  if (!first || !last || !stride || *stride <= 0 || *last < *first)
    return;
  // The trip count bound ignores inclusiveness: close enough for a heuristic,
  // and exact for the `0..N` loops it is for.
  uint64_t trips = uint64_t(*last - *first) / uint64_t(*stride) + 1;
  if (trips > hm::HmDialect::kFullUnrollMaxTrips)
    return;
  backEdge->setAttr(hm::HmDialect::kUnrollFullAttrName, UnitAttr::get(b.getContext()));
}


/// Arms are tried in order on the scrutinee (evaluated once): pattern test,
/// bindings, guard, body, then the join block. The checker guarantees
/// exhaustiveness, so falling off the last arm is an internal error: it
/// panics with "internal error: entered unreachable code" (as
/// `unreachable!()`), which costs nothing where the arms are exhaustive
/// because the branch to it folds away.
Leaves KernelLowering::emitMatch(const Expr &e, Location l) {
  const check::Type *t = subst(e.type);
  const Expr &scrutinee = e.operand(0);
  const check::Type *st = subst(scrutinee.type);
  Leaves values;
  if (st->isRef()) {
    Place p = emitRef(scrutinee);
    st = p.type;
    values = load(p, l);
  } else {
    values = fix(emit(scrutinee), st, l);
  }
  if (isTerminated())
    return poison(t, l);
  Block *join = joinBlock(t, l);
  for (const check::MatchArm &arm : e.arms) {
    DebugScopeEnd end(*this); // -g: an arm's bindings are its own
    Location al = loc(arm.span);
    Block *next = newBlock();
    testPattern(*arm.pattern, st, values, next, al);
    bindPattern(*arm.pattern, st, values, al);
    if (arm.guard) {
      Value g = scalar(*arm.guard);
      if (!isTerminated()) {
        Block *body = newBlock();
        cf::CondBranchOp::create(b, al, g, body, next);
        b.setInsertionPointToEnd(body);
      }
    }
    branch(al, join, emit(*arm.body), t);
    b.setInsertionPointToEnd(next);
    if (failed)
      break;
  }
  if (!isTerminated())
    hm::PanicOp::create(b, l, "internal error: entered unreachable code", ValueRange{}, "");
  b.setInsertionPointToEnd(join);
  return blockLeaves(join);
}

/// `&s[a..b]` and friends: Rust's checks, then the same base slice with a new
/// offset and length.
Leaves KernelLowering::emitSliceRange(const Expr &e, Location l) {
  using P = arith::CmpIPredicate;
  const check::Type *bt = subst(e.operand(0).type);
  if (!bt->isSlice()) {
    error(l, "slicing a `" + bt->toString(nullptr) +
                 "` is not supported yet (only slices can be range-indexed)");
    return poison(subst(e.type), l);
  }
  Leaves s = emit(e.operand(0));
  size_t next = 1;
  Value start = e.has_start ? scalar(e.operand(next++)) : Value();
  Value end = e.has_end ? scalar(e.operand(next++)) : Value();
  if (isTerminated() || s.size() != 3)
    return poison(subst(e.type), l);
  if (!start && !end)
    return s; // &s[..]
  Type i64 = b.getI64Type();
  Value len = sliceLen(s, l);
  if (end && e.inclusive) {
    if (options.bounds_checks) {
      Value ok = arith::CmpIOp::create(b, l, P::ne, end, constantInt(l, i64, -1));
      checkOrPanic(l, ok, "attempted to index slice up to maximum usize");
    }
    end = arith::AddIOp::create(b, l, end, constantInt(l, i64, 1));
  }
  if (options.bounds_checks) {
    if (end) {
      Value ok = arith::CmpIOp::create(b, l, P::ule, end, len);
      checkOrPanic(l, ok, "range end index {} out of range for slice of length {}",
                   {end, len}, "u64,u64");
      if (start) {
        Value ordered = arith::CmpIOp::create(b, l, P::ule, start, end);
        checkOrPanic(l, ordered, "slice index starts at {} but ends at {}", {start, end},
                     "u64,u64");
      }
    } else {
      Value ok = arith::CmpIOp::create(b, l, P::ule, start, len);
      checkOrPanic(l, ok, "range start index {} out of range for slice of length {}",
                   {start, len}, "u64,u64");
    }
  }
  Value from = start ? start : constantInt(l, i64, 0);
  Value to = end ? end : len;
  Value offset = arith::AddIOp::create(b, l, sliceOffset(s, l), from);
  Value newLen = arith::SubIOp::create(b, l, to, from);
  Leaves out{s[0], offset, newLen};
  return out;
}

} // namespace hematite::mlirgen::detail

namespace hematite::mlirgen {

OwningOpRef<ModuleOp> lowerToHm(const check::CheckedProgram &program,
                                const SourceManager &sources, MLIRContext &context,
                                const MlirGenOptions &options) {
  context.loadDialect<hm::HmDialect, arith::ArithDialect, cf::ControlFlowDialect,
                      func::FuncDialect, math::MathDialect, memref::MemRefDialect,
                      ub::UBDialect>();
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  bool ok = true;
  // Only kernels become functions; everything they call is inlined.
  LLVM::DICompileUnitAttr unit;
  for (const check::Function &fn : program.functions) {
    if (!fn.is_kernel || !fn.body)
      continue;
    detail::KernelLowering lowering(program, fn, sources, *module, options);
    if (options.debug_variables && fn.name_span.valid()) {
      if (!unit) {
        context.loadDialect<LLVM::LLVMDialect>();
        unit = detail::DebugScopes::compileUnit(&context,
                                                sources.buffer(fn.name_span.file).name());
      }
      lowering.setDebugUnit(unit);
    }
    ok &= lowering.lower();
  }
  if (!ok)
    return nullptr;
  return module;
}

} // namespace hematite::mlirgen
