// The checker's shared state, split over several files by job (the model is
// Carbon's check/context.h + handle_*.cpp):
//   checker.cpp   driving: items, signatures, bodies, finalization
//   resolve.cpp   the module tree, `use`, path lookup, types from syntax
//   expr.cpp      expressions (inference, operators, places, control flow)
//   calls.cpp     calls, methods, generics, traits, builtin methods
//   patterns.cpp  patterns and match exhaustiveness
// Internal to frontend/check; the public interface is checker.h.
#ifndef HEMATITE_FRONTEND_CHECK_CHECKER_IMPL_H
#define HEMATITE_FRONTEND_CHECK_CHECKER_IMPL_H

#include <map>
#include <unordered_map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "frontend/check/checker.h"

namespace hematite::check {

using DK = DiagnosticKind;
// An obligation for the builtin comparison bounds (PartialEq, PartialOrd).
inline constexpr TraitId kComparable = kNone - 1;
// An obligation that a slice element type (`&[T]` in a generic fn) is a scalar.
inline constexpr TraitId kSliceElement = kNone - 2;
inline constexpr TraitId kPartialOrdBound = kNone - 3;
inline constexpr TraitId kCopyBound = kNone - 4;
// An obligation from an operator bound (`T: Add<Output = T>`): T is a number.
inline constexpr TraitId kNumericBound = kNone - 5;

// What a name in a module refers to.
struct Def {
  enum Kind : uint8_t {
    Fn, Adt, Trait, Const, Mod, TypeAlias, Intrinsic, Variant, BuiltinConst, Prim,
    KernelAttr,  // gpu::kernel, the attribute
    GpuMath,     // gpu::rsqrt and friends: id is the Builtin
  } kind = Fn;
  uint32_t id = 0;        // FunctionId / AdtId / TraitId / ConstId / module / alias /
                          // Intrinsic / AdtId (Variant) / builtin const index
  uint32_t variant = 0;   // Variant: the variant index
  Span span;
  bool is_pub = true;

  static Def module(uint32_t id) { return Def{Mod, id, 0, {}, true}; }
};

struct Module {
  std::string path;                 // "crate::geom"
  uint32_t parent = ~0u;
  std::unordered_map<std::string, Def> types;   // modules, structs, enums, traits, aliases
  std::unordered_map<std::string, Def> values;  // fns, consts, statics, tuple/unit struct ctors
  std::vector<uint32_t> globs;        // modules glob-imported (`use m::*`)
  std::vector<const ast::Item*> items;
  bool synthetic = false;             // gpu / core / std
  bool block_scope = false;           // a block's `use` items: lookups fall back to the parent
  std::unordered_map<std::string, Def> enum_globs;  // `use E::*` variants
};

// A named constant of `core` (`core::f32::consts::PI`) or a primitive
// (`f32::INFINITY`): a literal value.
struct BuiltinConstDef {
  const Type* type;
  double float_value;
  uint64_t int_value;
};

struct TypeAliasDef {
  const ast::Item* item;
  uint32_t module;
  const Type* resolved = nullptr;
  bool resolving = false;
};

class Checker {
 public:
  Checker(const ast::Crate& crate, DiagnosticEngine& diags, const SourceManager* sources);
  CheckedProgram run();

  // ---------------------------------------------------------- diagnostics
  Diagnostic& unsupported(Span span, const std::string& what);
  std::string describeForMismatch(const Type* t);
  Diagnostic& mismatch(Span span, const Type* expected, const Type* found);
  std::string typeName(const Type* t);  // with inference variables resolved

  // ---------------------------------------------------------- inference
  struct Var {
    uint32_t parent;
    const Type* bound;  // concrete type, or null
    uint8_t kind;       // 0 any, 1 integer, 2 float
  };
  std::vector<Var> vars_;
  std::vector<std::optional<uint64_t>> const_vars_;
  const Type* newIntVar();
  const Type* newFloatVar();
  const Type* newVar();
  ConstValue newConstVar();
  uint32_t findRoot(uint32_t v);
  const Type* resolve(const Type* t);      // shallow
  const Type* resolveDeep(const Type* t);  // every variable inside
  ConstValue resolveConst(ConstValue c);
  bool unify(const Type* a, const Type* b);
  bool unifyConst(ConstValue a, ConstValue b);
  bool coerce(const Type* from, const Type* to);
  bool demand(const Expr& e, const Type* expected);
  const Type* finalType(const Type* t);

  // ---------------------------------------------------------- resolve.cpp
  void buildModules();
  uint32_t addModule(const std::string& path, uint32_t parent);
  void collectModuleItems(uint32_t mod, const std::vector<ast::ItemPtr>& items);
  void resolveUses();
  bool processUse(uint32_t mod, const ast::UseTree& tree, std::vector<const ast::PathSegment*> prefix,
                  bool report, bool is_pub = false);
  // Looks a name up in a module's namespace, including its glob imports.
  const Def* lookupIn(uint32_t mod, const std::string& name, bool type_ns, int depth = 0);
  // Privacy: an item is visible in its module and that module's descendants.
  bool isAncestorOrSelf(uint32_t ancestor, uint32_t mod) const;
  void reportPrivate(Span span, const char* what, const std::string& name, Span def_span);
  // Resolves a path (all segments but the last are modules, types or enums).
  // `type_ns`: the last segment names a type (else a value).
  const Def* lookupPath(const ast::Path& path, bool type_ns, bool report,
                        size_t* consumed = nullptr);
  const Def* lookupModulePath(const std::vector<std::string>& segs, Span span, bool report);
  const Type* resolveType(const ast::Type& t);
  const Type* resolveTypePath(const ast::Type& t);
  const Type* adtTypeFromArgs(AdtId id, const ast::PathSegment& seg, Span span);
  ConstValue evalConstArg(const ast::Expr& e, const Type* type);
  std::optional<uint64_t> evalConstInt(const ast::Expr& e);
  void checkPlainAttribute(const ast::Attribute& a);

  // ---------------------------------------------------------- checker.cpp (items)
  void collectAdt(const ast::Item& item, uint32_t mod);
  void collectTrait(const ast::Item& item, uint32_t mod);
  void collectImpl(const ast::Item& item, uint32_t mod);
  FunctionId collectFunction(const ast::Item& item, uint32_t mod, std::vector<GenericParam> outer,
                             const Type* self_type, ImplId impl, TraitId trait);
  void collectConst(const ast::Item& item, uint32_t mod);
  Span fnKeywordStart(const ast::Item& item) const;
  void fillAdt(AdtId id);
  // The field types of a struct type, its generic arguments substituted.
  std::vector<const Type*> fieldTypes(const Type* adt_type);
  // `&v` / `&mut v` of a value that is not a place: a block that binds it to a
  // hidden local and borrows that, as rustc extends the temporary's life.
  ExprPtr borrowTemporary(ExprPtr v, bool is_mut, Span span);
  // A pattern that binds local `l` (of its declared type).
  PatternPtr bindingPattern(LocalId l, Span span);
  void fillTrait(TraitId id);
  void fillImpl(ImplId id);
  void declareGenerics(const ast::Generics& g, std::vector<GenericParam>& out);
  void resolveBounds(const ast::Generics& g, std::vector<GenericParam>& params, size_t first);
  void checkFunctionBody(Function& fn);
  void checkConstBody(ConstDef& c);
  void finalizeFunction(Function& fn);
  void finalizeExpr(Expr& e);
  void finalizePattern(Pattern& p);
  struct LiteralRecord;
  void checkLiteralRange(const LiteralRecord& lit);
  void checkRecursion();
  void checkMoves(const Function& fn);    // moves.cpp
  void checkBorrows(const Function& fn);  // borrows.cpp
  void checkTraitImpls();
  void checkTraitMethodTypes(const ImplDef& impl, const TraitDef& tr, const Function& d,
                             const Function& f);

  // ---------------------------------------------------------- expr.cpp
  struct LoopCtx {
    LoopId id;
    std::string label;
    bool is_loop;
    const Type* break_type;
    bool is_block = false;  // a labeled block (`'a: { }`): break only
  };
  LocalId declareLocal(const std::string& name, const Type* type, bool is_mut, Span span);
  std::optional<LocalId> lookupLocal(const std::string& name);
  ExprPtr make(ExprKind k, const Type* t, Span s);
  ExprPtr errorExpr(Span s);
  static const ast::Expr& stripParens(const ast::Expr& e);
  ExprPtr checkExpr(const ast::Expr& e, const Type* expected);
  ExprPtr checkExprInner(const ast::Expr& e, const Type* expected);
  static constexpr int kMaxExprDepth = 256;
  int expr_depth_ = 0;
  bool depth_reported_ = false;
  ExprPtr checkBlockExpr(const ast::Block& b, const Type* expected, Span span);
  void checkLet(const ast::Stmt& s, Block& out, bool& diverges);
  const LoopCtx* findLoop(const ast::Ident& label, Span span, const char* what);
  ExprPtr checkPathValue(const ast::Expr& e, const Type* expected);
  ExprPtr valueFromDef(const Def& d, const ast::Expr& e, const Type* expected);
  bool opAccepts(ast::BinaryOp op, const Type* t);
  const Type* checkBinaryOperands(ast::BinaryOp op, Expr& lhs, Expr& rhs, Span op_span);
  ExprPtr checkAssignTarget(const ast::Expr& target, bool compound);
  // Why `place` cannot be mutated, or empty; reports when `report`.
  bool checkMutablePlace(const Expr& place, Span span, const char* action);
  const Type* typeForSuffix(lex::NumericSuffix s, Span span);
  ExprPtr checkLiteral(const ast::Expr& e, const Type* expected, bool negated);
  ExprPtr checkUnary(const ast::Expr& e, const Type* expected);
  ExprPtr checkCast(const ast::Expr& e);
  ExprPtr checkIf(const ast::Expr& e, const Type* expected);
  ExprPtr checkFor(const ast::Expr& e);
  ExprPtr checkForEach(const ast::Expr& e);
  ExprPtr checkField(const ast::Expr& e);
  ExprPtr checkIndex(const ast::Expr& e);
  ExprPtr checkStructLit(const ast::Expr& e, const Type* expected);
  ExprPtr checkMacro(const ast::Expr& e, const Type* expected);
  std::string_view sourceText(Span s) const;
  ExprPtr checkMatch(const ast::Expr& e, const Type* expected);
  ExprPtr autoDeref(ExprPtr e);
  bool isPlace(const Expr& e) const;

  // ---------------------------------------------------------- calls.cpp
  ExprPtr checkCall(const ast::Expr& e, const Type* expected);
  ExprPtr checkMethodCall(const ast::Expr& e, const Type* expected);
  ExprPtr finishCall(ExprPtr call, const Function& target, std::vector<ExprPtr> args,
                     const std::vector<const ast::Expr*>& arg_asts, size_t first_ast,
                     Substitution subst, Span span);
  Substitution instantiate(const std::vector<GenericParam>& generics, size_t first,
                           const std::vector<ast::TypePtr>* explicit_args, Span span,
                           Substitution base = {});
  const Type* instType(const Type* t, const Substitution& s);
  // Finds `name` for a receiver of type `self` (no references): inherent
  // methods, then trait methods. Returns the function and the substitution of
  // its container's parameters (impl or trait) with fresh variables bound.
  struct MethodMatch {
    FunctionId fn = kNone;
    Substitution subst;  // container part (impl params, or trait Self + params)
    bool via_trait_decl = false;  // a trait declaration (TraitCall)
  };
  std::optional<MethodMatch> lookupMethod(const Type* self, const std::string& name,
                                          bool assoc_only);
  std::optional<Substitution> matchImpl(const ImplDef& impl, const Type* self);
  bool traitInScope(TraitId trait);

  // Operator overloading (operators.cpp): the `core::ops` traits.
  struct OpTraitInfo {
    const char* name;    // "Add"
    const char* method;  // "add"
    ast::BinaryOp op;    // Add; for Neg/Not unused
    enum Kind : uint8_t { Binary, Unary, Assign } kind;
    ast::UnaryOp unary;  // Neg, Not
  };
  static const std::vector<OpTraitInfo>& opTraits();
  void registerOpTraits();   // after collectModuleItems: Defs in core::ops
  void fillOpTraits();       // after the crate's traits: their TraitDefs
  const OpTraitInfo* opTrait(TraitId id) const;
  void checkOpImpl(const ImplDef& impl);
  // `a + b` etc. on structs and enums: a call of the impl's method, or null.
  ExprPtr checkOverloadedBinary(ast::BinaryOp op, ExprPtr& lhs, ExprPtr& rhs, Span span, bool assign);
  ExprPtr checkOverloadedUnary(ast::UnaryOp op, ExprPtr& operand, Span span);
  TraitId op_trait_base_ = kNone;
  std::map<ImplId, const Type*> impl_output_;
  std::map<ConstId, ImplId> const_impl_;        // associated consts: their impl
  std::map<std::pair<ImplId, std::string>, ConstId> impl_consts_;  // `type Output = T;` of operator impls
  const Type* cur_impl_output_ = nullptr;      // while collecting an operator impl's methods
  std::map<uint32_t, std::vector<TraitId>> anon_trait_imports_;  // `use m::Trait as _;`
  bool typeImplementsTrait(const Type* t, TraitId trait, Span span, bool report);
  std::vector<TraitId> boundsOf(const Type* param);
  ExprPtr checkBuiltinMethod(const ast::Expr& e, ExprPtr recv, const Type* rt, bool& handled);
  ExprPtr checkBuiltinAssoc(const ast::Expr& e, const Type* prim, const std::string& name,
                            bool& handled);
  ExprPtr checkIntrinsicCall(const ast::Expr& e, Intrinsic intr, const Type* expected);
  bool checkIntrinsicArity(const ast::Expr& e, Intrinsic intr, size_t want);
  ExprPtr checkShared(const ast::Expr& e, const Type* expected);
  ExprPtr checkAtomic(const ast::Expr& e, Intrinsic intr);
  ExprPtr checkWarpIntrinsic(const ast::Expr& e, Intrinsic intr);

  // ---------------------------------------------------------- patterns.cpp
  PatternPtr checkPattern(const ast::Pattern& p, const Type* expected, bool irrefutable,
                          std::map<std::string, LocalId>* bound = nullptr);
  void checkExhaustive(const Expr& match, Span span);
  bool isIrrefutable(const Pattern& p);

  // ---------------------------------------------------------- state
  const ast::Crate& crate_;
  DiagnosticEngine& diags_;
  const SourceManager* sources_ = nullptr;
  CheckedProgram prog_;
  TypeContext* tc_ = nullptr;

  std::vector<Module> modules_;
  uint32_t gpu_module_ = 0, core_module_ = 0;
  std::vector<BuiltinConstDef> builtin_consts_;
  std::vector<TypeAliasDef> aliases_;
  std::vector<const ast::Item*> adt_items_, trait_items_, impl_items_, const_items_;
  std::vector<uint32_t> adt_modules_, trait_modules_, impl_modules_, const_modules_;
  std::vector<uint32_t> fn_modules_;
  std::vector<bool> fn_ok_;
  std::map<const ast::Item*, FunctionId> free_fn_ids_;
  struct CallEdge {
    FunctionId from, to;
    Span span;
  };
  std::vector<CallEdge> call_edges_;  // for checkRecursion
  std::vector<uint8_t> adt_state_;  // by AdtId: fillAdt started
  std::set<uint32_t> reported_private_;  // span begins already reported

  // Per-item context while resolving types and checking bodies.
  uint32_t cur_module_ = 0;
  std::vector<GenericParam>* cur_generics_ = nullptr;
  const Type* cur_self_ = nullptr;
  Function* fn_ = nullptr;
  std::vector<std::vector<std::pair<std::string, LocalId>>> scopes_;
  std::vector<LoopCtx> loops_;
  LoopId next_loop_ = 0;
  // Integer literals whose range is checked once their type is inferred.
  // They hold the literal's type (maybe an inference variable) and span, not
  // the Expr: an expression dropped on an error path is freed before the
  // function is finalized.
  struct LiteralRecord {
    const Type* type;
    Span span;
    uint64_t magnitude;
    bool negated;
  };
  std::vector<LiteralRecord> literals_;
  // `-lit` whose type was still a variable: rejected if it becomes unsigned.
  std::vector<std::pair<const Type*, Span>> neg_checks_;
  std::vector<bool> deferred_init_;
  struct Obligation {
    const Type* type;
    TraitId trait;
    Span span;
  };
  std::vector<Obligation> obligations_;
  std::vector<std::pair<Expr*, Span>> matches_;  // checked for exhaustiveness at the end
  int unsafe_depth_ = 0;
  bool compound_assign_ = false;  // checking `a op= b` (opAccepts wants the *Assign bound)
};

}  // namespace hematite::check

#endif
