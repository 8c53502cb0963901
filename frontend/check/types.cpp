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

std::string Type::toString() const {
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
    case TypeKind::Slice: return std::string(mut_ ? "&mut [" : "&[") + elem_->toString() + "]";
    case TypeKind::IntVar: return "{integer}";
    case TypeKind::FloatVar: return "{float}";
  }
  return "?";
}

TypeContext::TypeContext() {
  for (int k = 0; k <= int(TypeKind::FloatVar); ++k)
    prims_.push_back(Type(TypeKind(k), nullptr, false, 0));
}

const Type* TypeContext::slice(const Type* elem, bool is_mut) {
  auto key = std::make_pair(elem, is_mut);
  auto it = slices_.find(key);
  if (it != slices_.end()) return it->second;
  owned_.push_back(Type(TypeKind::Slice, elem, is_mut, 0));
  slices_[key] = &owned_.back();
  return &owned_.back();
}

const Type* TypeContext::intVar(uint32_t id) {
  auto key = std::make_pair(false, id);
  auto it = vars_.find(key);
  if (it != vars_.end()) return it->second;
  owned_.push_back(Type(TypeKind::IntVar, nullptr, false, id));
  vars_[key] = &owned_.back();
  return &owned_.back();
}

const Type* TypeContext::floatVar(uint32_t id) {
  auto key = std::make_pair(true, id);
  auto it = vars_.find(key);
  if (it != vars_.end()) return it->second;
  owned_.push_back(Type(TypeKind::FloatVar, nullptr, false, id));
  vars_[key] = &owned_.back();
  return &owned_.back();
}

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

}  // namespace hematite::check
