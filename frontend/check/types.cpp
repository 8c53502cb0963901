#include "frontend/check/types.h"

namespace hematite::check {

unsigned Type::bitWidth() const {
  switch (kind_) {
    case TypeKind::Bool: return 1;
    case TypeKind::I8: case TypeKind::U8: return 8;
    case TypeKind::I16: case TypeKind::U16: return 16;
    case TypeKind::I32: case TypeKind::U32: case TypeKind::F32: return 32;
    case TypeKind::I64: case TypeKind::U64: case TypeKind::F64:
    case TypeKind::Isize: case TypeKind::Usize: return 64;
    default: return 0;
  }
}

static std::string constToString(ConstValue c, const TypeNamer* namer) {
  if (namer && namer->const_name) return namer->const_name(c);
  switch (c.kind) {
    case ConstValue::Value: return std::to_string(c.value);
    case ConstValue::Param:
      return namer && namer->param_name ? namer->param_name(uint32_t(c.value))
                                        : "N#" + std::to_string(c.value);
    case ConstValue::Var: return "_";
  }
  return "?";
}

std::string Type::toString(const TypeNamer* namer) const {
  switch (kind_) {
    case TypeKind::Error: return "{error}";
    case TypeKind::Unit: return "()";
    case TypeKind::Never: return "!";
    case TypeKind::Bool: return "bool";
    case TypeKind::I8: return "i8";
    case TypeKind::I16: return "i16";
    case TypeKind::I32: return "i32";
    case TypeKind::I64: return "i64";
    case TypeKind::Isize: return "isize";
    case TypeKind::U8: return "u8";
    case TypeKind::U16: return "u16";
    case TypeKind::U32: return "u32";
    case TypeKind::U64: return "u64";
    case TypeKind::Usize: return "usize";
    case TypeKind::F32: return "f32";
    case TypeKind::F64: return "f64";
    case TypeKind::Slice:
      return std::string(mut_ ? "&mut [" : "&[") + elem_->toString(namer) + "]";
    case TypeKind::Ref: return std::string(mut_ ? "&mut " : "&") + elem_->toString(namer);
    case TypeKind::IntVar: return "{integer}";
    case TypeKind::FloatVar: return "{float}";
    case TypeKind::Var: return "_";
    case TypeKind::Array:
      return "[" + elem_->toString(namer) + "; " + constToString(len_, namer) + "]";
    case TypeKind::Tuple: {
      std::string s = "(";
      for (size_t i = 0; i < elems_.size(); ++i)
        s += (i ? ", " : "") + elems_[i]->toString(namer);
      if (elems_.size() == 1) s += ",";
      return s + ")";
    }
    case TypeKind::Adt: {
      std::string s = namer && namer->adt_name ? namer->adt_name(var_)
                                               : "adt#" + std::to_string(var_);
      if (elems_.empty() && consts_.empty()) return s;
      s += "<";
      bool first = true;
      for (const Type* t : elems_) {
        s += (first ? "" : ", ") + t->toString(namer);
        first = false;
      }
      for (ConstValue c : consts_) {
        s += (first ? "" : ", ") + constToString(c, namer);
        first = false;
      }
      return s + ">";
    }
    case TypeKind::Param:
      return namer && namer->param_name ? namer->param_name(var_)
                                        : "T#" + std::to_string(var_);
  }
  return "?";
}

TypeContext::TypeContext() {
  for (int k = 0; k <= int(TypeKind::F64); ++k) {
    Type t;
    t.kind_ = TypeKind(k);
    owned_.push_back(t);
    prims_.push_back(&owned_.back());
  }
}

const Type* TypeContext::intern(Type t) {
  Key key{t.kind_, t.elem_, t.mut_, t.var_, t.len_, t.elems_, t.consts_};
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  auto note = [&](const Type* p) {
    if (!p) return;
    t.has_vars_ |= p->has_vars_;
    t.has_params_ |= p->has_params_;
  };
  note(t.elem_);
  for (const Type* e : t.elems_) note(e);
  auto noteConst = [&](ConstValue c) {
    if (c.kind == ConstValue::Var) t.has_vars_ = true;
    if (c.kind == ConstValue::Param) t.has_params_ = true;
  };
  if (t.kind_ == TypeKind::Array) noteConst(t.len_);
  for (ConstValue c : t.consts_) noteConst(c);
  if (t.isVar()) t.has_vars_ = true;
  if (t.kind_ == TypeKind::Param) t.has_params_ = true;
  owned_.push_back(std::move(t));
  interned_[key] = &owned_.back();
  return &owned_.back();
}

const Type* TypeContext::slice(const Type* elem, bool is_mut) {
  Type t;
  t.kind_ = TypeKind::Slice;
  t.elem_ = elem;
  t.mut_ = is_mut;
  return intern(std::move(t));
}
const Type* TypeContext::ref(const Type* elem, bool is_mut) {
  Type t;
  t.kind_ = TypeKind::Ref;
  t.elem_ = elem;
  t.mut_ = is_mut;
  return intern(std::move(t));
}
const Type* TypeContext::array(const Type* elem, ConstValue len) {
  Type t;
  t.kind_ = TypeKind::Array;
  t.elem_ = elem;
  t.len_ = len;
  return intern(std::move(t));
}
const Type* TypeContext::tuple(std::vector<const Type*> elems) {
  if (elems.empty()) return unit();
  Type t;
  t.kind_ = TypeKind::Tuple;
  t.elems_ = std::move(elems);
  return intern(std::move(t));
}
const Type* TypeContext::adt(AdtId id, std::vector<const Type*> args,
                             std::vector<ConstValue> consts) {
  Type t;
  t.kind_ = TypeKind::Adt;
  t.var_ = id;
  t.elems_ = std::move(args);
  t.consts_ = std::move(consts);
  return intern(std::move(t));
}
Type TypeContext::leaf(TypeKind k, uint32_t id) {
  Type t;
  t.kind_ = k;
  t.var_ = id;
  return t;
}
const Type* TypeContext::param(uint32_t index) { return intern(leaf(TypeKind::Param, index)); }
const Type* TypeContext::intVar(uint32_t id) { return intern(leaf(TypeKind::IntVar, id)); }
const Type* TypeContext::floatVar(uint32_t id) { return intern(leaf(TypeKind::FloatVar, id)); }
const Type* TypeContext::var(uint32_t id) { return intern(leaf(TypeKind::Var, id)); }

const Type* TypeContext::primitiveByName(const std::string& n) const {
  static const std::pair<const char*, TypeKind> table[] = {
      {"bool", TypeKind::Bool}, {"i8", TypeKind::I8},       {"i16", TypeKind::I16},
      {"i32", TypeKind::I32},   {"i64", TypeKind::I64},     {"isize", TypeKind::Isize},
      {"u8", TypeKind::U8},     {"u16", TypeKind::U16},     {"u32", TypeKind::U32},
      {"u64", TypeKind::U64},   {"usize", TypeKind::Usize}, {"f32", TypeKind::F32},
      {"f64", TypeKind::F64}};
  for (auto& [name, k] : table)
    if (n == name) return get(k);
  return nullptr;
}

const Type* TypeContext::map(const Type* t,
                             const std::function<const Type*(const Type*)>& on_leaf,
                             const std::function<ConstValue(ConstValue)>& on_const) {
  switch (t->kind()) {
    case TypeKind::IntVar: case TypeKind::FloatVar: case TypeKind::Var:
    case TypeKind::Param:
      return on_leaf(t);
    case TypeKind::Slice: return slice(map(t->element(), on_leaf, on_const), t->isMutable());
    case TypeKind::Ref: return ref(map(t->element(), on_leaf, on_const), t->isMutable());
    case TypeKind::Array:
      return array(map(t->element(), on_leaf, on_const), on_const(t->arrayLen()));
    case TypeKind::Tuple: {
      std::vector<const Type*> elems;
      for (const Type* e : t->elements()) elems.push_back(map(e, on_leaf, on_const));
      return tuple(std::move(elems));
    }
    case TypeKind::Adt: {
      std::vector<const Type*> elems;
      for (const Type* e : t->elements()) elems.push_back(map(e, on_leaf, on_const));
      std::vector<ConstValue> consts;
      for (ConstValue c : t->constArgs()) consts.push_back(on_const(c));
      return adt(t->adt(), std::move(elems), std::move(consts));
    }
    default:
      return t;
  }
}

const Type* TypeContext::substitute(const Type* t, const std::vector<const Type*>& types,
                                    const std::vector<ConstValue>& consts) {
  if (!t->hasParams()) return t;
  return map(
      t,
      [&](const Type* leafType) -> const Type* {
        if (leafType->isParam() && leafType->paramIndex() < types.size() &&
            types[leafType->paramIndex()])
          return types[leafType->paramIndex()];
        return leafType;
      },
      [&](ConstValue c) {
        if (c.kind == ConstValue::Param && c.value < consts.size()) return consts[c.value];
        return c;
      });
}

}  // namespace hematite::check
