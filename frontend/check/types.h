// Semantic types of the checked program.
//
// Types are interned in a TypeContext: compare them with ==, switch on kind().
//   Unit, Never, Bool, I8..I64, Isize, U8..U64, Usize, F32, F64, Error
//   Slice      &[T] / &mut [T]           element(), isMutable()
//   Ref        &T / &mut T (T not [U])   element(), isMutable()
//   Array      [T; N]                    element(), arrayLen()
//   Tuple      (A, B, ...) (>= 1 elems)  elements()
//   Adt        a struct or enum          adt() (an AdtId), elements() = generic args
//   Param      a generic parameter       paramIndex(): index into the enclosing
//              item's generic parameters (impl's first, then the fn's)
//   IntVar / FloatVar / Var              inference variables: exist only while a
//              function body is being checked; no Type reachable from a
//              CheckedProgram has them (literals default to i32 / f64, as rustc).
// Array lengths are ConstValues: a number, a const generic parameter, or (while
// checking) an inference variable.
// isize/usize are 64-bit on every target.
#ifndef HEMATITE_FRONTEND_CHECK_TYPES_H
#define HEMATITE_FRONTEND_CHECK_TYPES_H

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace hematite::check {

using AdtId = uint32_t;  // index into CheckedProgram::adts

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
  Var,       // _: general inference variable (checker-internal)
  Ref,       // &T / &mut T
  Array,     // [T; N]
  Tuple,     // (A, B, ...)
  Adt,       // struct / enum
  Param,     // generic type parameter
};

// An array length.
struct ConstValue {
  enum Kind : uint8_t { Value, Param, Var } kind = Value;
  uint64_t value = 0;  // Value: the length; Param: the parameter index; Var: var id
  bool operator<(const ConstValue& o) const {
    return std::tie(kind, value) < std::tie(o.kind, o.value);
  }
  bool operator==(const ConstValue& o) const { return kind == o.kind && value == o.value; }
  bool operator!=(const ConstValue& o) const { return !(*this == o); }
  static ConstValue number(uint64_t v) { return {Value, v}; }
  static ConstValue param(uint32_t i) { return {Param, i}; }
  static ConstValue var(uint32_t i) { return {Var, i}; }
};

class Type;
// Names ADTs and generic parameters when printing ("Point<f32>", "T").
struct TypeNamer {
  std::function<std::string(AdtId)> adt_name;
  std::function<std::string(uint32_t)> param_name;
  std::function<std::string(ConstValue)> const_name;  // optional
};

class Type {
 public:
  TypeKind kind() const { return kind_; }
  // Slice, Ref, Array: the element / referent type; otherwise null.
  const Type* element() const { return elem_; }
  // Slice, Ref: true for `&mut`.
  bool isMutable() const { return mut_; }
  // IntVar/FloatVar/Var: the variable number. Param: the parameter index.
  uint32_t varId() const { return var_; }
  uint32_t paramIndex() const { return var_; }
  // Array: the length.
  ConstValue arrayLen() const { return len_; }
  // Tuple: the element types. Adt: the generic arguments (types; const
  // arguments are Array-free ConstValues in constArgs()).
  const std::vector<const Type*>& elements() const { return elems_; }
  const std::vector<ConstValue>& constArgs() const { return consts_; }
  // Adt: which one.
  AdtId adt() const { return var_; }

  bool isError() const { return kind_ == TypeKind::Error; }
  bool isUnit() const { return kind_ == TypeKind::Unit; }
  bool isNever() const { return kind_ == TypeKind::Never; }
  bool isBool() const { return kind_ == TypeKind::Bool; }
  bool isSlice() const { return kind_ == TypeKind::Slice; }
  bool isRef() const { return kind_ == TypeKind::Ref; }
  bool isArray() const { return kind_ == TypeKind::Array; }
  bool isTuple() const { return kind_ == TypeKind::Tuple; }
  bool isAdt() const { return kind_ == TypeKind::Adt; }
  bool isParam() const { return kind_ == TypeKind::Param; }
  bool isSignedInt() const { return kind_ >= TypeKind::I8 && kind_ <= TypeKind::Isize; }
  bool isUnsignedInt() const { return kind_ >= TypeKind::U8 && kind_ <= TypeKind::Usize; }
  bool isInteger() const { return isSignedInt() || isUnsignedInt(); }
  bool isFloat() const { return kind_ == TypeKind::F32 || kind_ == TypeKind::F64; }
  bool isNumeric() const { return isInteger() || isFloat(); }
  // bool, integers and floats.
  bool isScalar() const { return isBool() || isNumeric(); }
  bool isVar() const {
    return kind_ == TypeKind::IntVar || kind_ == TypeKind::FloatVar || kind_ == TypeKind::Var;
  }
  // Bits of a scalar (bool: 1, isize/usize: 64); 0 otherwise.
  unsigned bitWidth() const;
  // True if any part is an inference variable (or a Var array length).
  bool hasVars() const { return has_vars_; }
  // True if any part is a generic parameter (or a Param array length).
  bool hasParams() const { return has_params_; }

  // Rust spelling: "u32", "&mut [f32]", "()", "{integer}", "[f32; 4]", "(u32, f32)".
  // Without a namer ADTs print as "adt#N" and parameters as "T#N".
  std::string toString(const TypeNamer* namer = nullptr) const;

 private:
  friend class TypeContext;
  Type() = default;
  TypeKind kind_ = TypeKind::Error;
  const Type* elem_ = nullptr;
  bool mut_ = false;
  bool has_vars_ = false, has_params_ = false;
  uint32_t var_ = 0;
  ConstValue len_;
  std::vector<const Type*> elems_;
  std::vector<ConstValue> consts_;
};

// Owns and interns types; pointers stay valid for the context's lifetime.
class TypeContext {
 public:
  TypeContext();
  TypeContext(const TypeContext&) = delete;
  TypeContext& operator=(const TypeContext&) = delete;

  // Any kind without payload (not Slice/IntVar/FloatVar/...).
  const Type* get(TypeKind kind) const { return prims_[size_t(kind)]; }
  const Type* error() const { return get(TypeKind::Error); }
  const Type* unit() const { return get(TypeKind::Unit); }
  const Type* never() const { return get(TypeKind::Never); }
  const Type* boolean() const { return get(TypeKind::Bool); }
  const Type* usize() const { return get(TypeKind::Usize); }
  const Type* slice(const Type* elem, bool is_mut);
  const Type* ref(const Type* elem, bool is_mut);
  const Type* array(const Type* elem, ConstValue len);
  // An empty list gives unit.
  const Type* tuple(std::vector<const Type*> elems);
  const Type* adt(AdtId id, std::vector<const Type*> args, std::vector<ConstValue> consts = {});
  const Type* param(uint32_t index);
  const Type* intVar(uint32_t id);
  const Type* floatVar(uint32_t id);
  const Type* var(uint32_t id);

  // "u32" -> U32 etc. for the primitive names this subset knows; null otherwise.
  const Type* primitiveByName(const std::string& name) const;

  // Replaces every Param i with types[i] and every Param array length i with
  // consts[i]. Both are indexed by parameter index (type and const parameters
  // share one index space); a null types[i] or an index past the end keeps the
  // Param.
  const Type* substitute(const Type* t, const std::vector<const Type*>& types,
                         const std::vector<ConstValue>& consts);
  // Rebuilds `t` with `fn` applied to every leaf variable / const var (used by
  // the checker to resolve inference variables).
  const Type* map(const Type* t, const std::function<const Type*(const Type*)>& on_var,
                  const std::function<ConstValue(ConstValue)>& on_const);

 private:
  using Key = std::tuple<TypeKind, const Type*, bool, uint32_t, ConstValue,
                         std::vector<const Type*>, std::vector<ConstValue>>;
  const Type* intern(Type t);
  static Type leaf(TypeKind k, uint32_t id);
  std::vector<const Type*> prims_;
  std::deque<Type> owned_;
  std::map<Key, const Type*> interned_;
};

}  // namespace hematite::check

#endif
