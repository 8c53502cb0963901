// Semantic types of the checked program.
//
// Types are interned in a TypeContext: compare them with ==, switch on kind().
//   Type::kind()       Unit, Never, Bool, I8..I64, Isize, U8..U64, Usize, F32, F64,
//                      Slice (element() + isMutable()), Error.
//   IntVar / FloatVar  exist only while a function is being checked; no Type
//                      reachable from a CheckedProgram has them (unconstrained
//                      literals default to i32 / f64, as in rustc).
// isize/usize are 64-bit on every target.
#ifndef HEMATITE_FRONTEND_CHECK_TYPES_H
#define HEMATITE_FRONTEND_CHECK_TYPES_H

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>

namespace hematite::check {

enum class TypeKind : uint8_t {
  Error,  // a type error was reported; absorbs everything without further errors
  Unit,   // ()
  Never,  // ! (type of return/break/continue and of diverging blocks)
  Bool,
  I8, I16, I32, I64, Isize,
  U8, U16, U32, U64, Usize,
  F32, F64,
  Slice,     // &[T] or &mut [T]
  IntVar,    // {integer}: inference variable (checker-internal)
  FloatVar,  // {float}: inference variable (checker-internal)
};

class Type {
 public:
  TypeKind kind() const { return kind_; }
  // Slice: the element type; otherwise null.
  const Type* element() const { return elem_; }
  // Slice: true for &mut [T].
  bool isMutable() const { return mut_; }
  // IntVar/FloatVar: the variable number.
  uint32_t varId() const { return var_; }

  bool isError() const { return kind_ == TypeKind::Error; }
  bool isUnit() const { return kind_ == TypeKind::Unit; }
  bool isNever() const { return kind_ == TypeKind::Never; }
  bool isBool() const { return kind_ == TypeKind::Bool; }
  bool isSlice() const { return kind_ == TypeKind::Slice; }
  bool isSignedInt() const { return kind_ >= TypeKind::I8 && kind_ <= TypeKind::Isize; }
  bool isUnsignedInt() const { return kind_ >= TypeKind::U8 && kind_ <= TypeKind::Usize; }
  bool isInteger() const { return isSignedInt() || isUnsignedInt(); }
  bool isFloat() const { return kind_ == TypeKind::F32 || kind_ == TypeKind::F64; }
  bool isNumeric() const { return isInteger() || isFloat(); }
  // bool, integers and floats.
  bool isScalar() const { return isBool() || isNumeric(); }
  bool isVar() const { return kind_ == TypeKind::IntVar || kind_ == TypeKind::FloatVar; }
  // Bits of a scalar (bool: 1, isize/usize: 64); 0 otherwise.
  unsigned bitWidth() const;

  // Rust spelling: "u32", "&mut [f32]", "()", "{integer}", "{float}".
  std::string toString() const;

 private:
  friend class TypeContext;
  Type(TypeKind k, const Type* elem, bool m, uint32_t var)
      : kind_(k), elem_(elem), mut_(m), var_(var) {}
  TypeKind kind_;
  const Type* elem_;
  bool mut_;
  uint32_t var_;
};

// Owns and interns types; pointers stay valid for the context's lifetime.
class TypeContext {
 public:
  TypeContext();
  TypeContext(const TypeContext&) = delete;
  TypeContext& operator=(const TypeContext&) = delete;

  // Any kind without payload (not Slice/IntVar/FloatVar).
  const Type* get(TypeKind kind) const { return &prims_[size_t(kind)]; }
  const Type* error() const { return get(TypeKind::Error); }
  const Type* unit() const { return get(TypeKind::Unit); }
  const Type* never() const { return get(TypeKind::Never); }
  const Type* boolean() const { return get(TypeKind::Bool); }
  const Type* usize() const { return get(TypeKind::Usize); }
  const Type* slice(const Type* elem, bool is_mut);
  const Type* intVar(uint32_t id);
  const Type* floatVar(uint32_t id);

  // "u32" -> U32 etc. for the primitive names this subset knows; null otherwise.
  const Type* primitiveByName(const std::string& name) const;

 private:
  std::deque<Type> prims_;
  std::deque<Type> owned_;
  std::map<std::pair<const Type*, bool>, const Type*> slices_;
  std::map<std::pair<bool, uint32_t>, const Type*> vars_;
};

}  // namespace hematite::check

#endif
