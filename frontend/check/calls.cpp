// Calls: functions, tuple-struct constructors, methods (inherent impls, then
// traits), generic instantiation with trait obligations, the `gpu`
// intrinsics, and the builtin methods of primitive types.
#include "frontend/check/checker_impl.h"

namespace hematite::check {

// ------------------------------------------------------------------ tables
namespace {
const std::pair<const char*, Intrinsic> kIntrinsics[] = {
    {"thread_idx_x", Intrinsic::ThreadIdxX}, {"thread_idx_y", Intrinsic::ThreadIdxY},
    {"thread_idx_z", Intrinsic::ThreadIdxZ}, {"block_idx_x", Intrinsic::BlockIdxX},
    {"block_idx_y", Intrinsic::BlockIdxY},   {"block_idx_z", Intrinsic::BlockIdxZ},
    {"block_dim_x", Intrinsic::BlockDimX},   {"block_dim_y", Intrinsic::BlockDimY},
    {"block_dim_z", Intrinsic::BlockDimZ},   {"grid_dim_x", Intrinsic::GridDimX},
    {"grid_dim_y", Intrinsic::GridDimY},     {"grid_dim_z", Intrinsic::GridDimZ},
    {"global_idx_x", Intrinsic::GlobalIdxX}, {"global_idx_y", Intrinsic::GlobalIdxY},
    {"global_idx_z", Intrinsic::GlobalIdxZ}, {"sync_threads", Intrinsic::SyncThreads},
    {"thread_fence", Intrinsic::ThreadFence}, {"thread_fence_block", Intrinsic::ThreadFenceBlock},
    {"lane_id", Intrinsic::LaneId},          {"warp_size", Intrinsic::WarpSize},
    {"shuffle", Intrinsic::Shuffle},         {"shuffle_xor", Intrinsic::ShuffleXor},
    {"shuffle_up", Intrinsic::ShuffleUp},    {"shuffle_down", Intrinsic::ShuffleDown},
    {"ballot", Intrinsic::Ballot},           {"vote_all", Intrinsic::VoteAll},
    {"vote_any", Intrinsic::VoteAny},        {"warp_reduce_add", Intrinsic::WarpReduceAdd},
    {"warp_reduce_min", Intrinsic::WarpReduceMin}, {"warp_reduce_max", Intrinsic::WarpReduceMax},
    {"shared", Intrinsic::Shared},
    {"atomic_add", Intrinsic::AtomicAdd},    {"atomic_sub", Intrinsic::AtomicSub},
    {"atomic_min", Intrinsic::AtomicMin},    {"atomic_max", Intrinsic::AtomicMax},
    {"atomic_and", Intrinsic::AtomicAnd},    {"atomic_or", Intrinsic::AtomicOr},
    {"atomic_xor", Intrinsic::AtomicXor},    {"atomic_exchange", Intrinsic::AtomicExchange},
    {"atomic_compare_exchange", Intrinsic::AtomicCompareExchange},
};

// Builtin methods: the receiver family, the argument shape, the result.
enum class Family : uint8_t { Float, Int, SignedInt, UnsignedInt, Num };
enum class Shape : uint8_t {
  Unary,      // (self) -> Self
  Binary,     // (self, Self) -> Self
  Ternary,    // (self, Self, Self) -> Self
  WithI32,    // (self, i32) -> Self
  WithU32,    // (self, u32) -> Self
  ToBool,     // (self) -> bool
  ToU32,      // (self) -> u32
  ToBits,     // (self) -> u32 / u64
  ToUnsigned, // (self, Self) -> the unsigned type of the same width
};
struct BuiltinInfo {
  const char* name;
  Builtin builtin;
  Family family;
  Shape shape;
};
const BuiltinInfo kBuiltins[] = {
    {"sqrt", Builtin::Sqrt, Family::Float, Shape::Unary},
    {"exp", Builtin::Exp, Family::Float, Shape::Unary},
    {"exp2", Builtin::Exp2, Family::Float, Shape::Unary},
    {"ln", Builtin::Ln, Family::Float, Shape::Unary},
    {"log2", Builtin::Log2, Family::Float, Shape::Unary},
    {"log10", Builtin::Log10, Family::Float, Shape::Unary},
    {"sin", Builtin::Sin, Family::Float, Shape::Unary},
    {"cos", Builtin::Cos, Family::Float, Shape::Unary},
    {"tan", Builtin::Tan, Family::Float, Shape::Unary},
    {"tanh", Builtin::Tanh, Family::Float, Shape::Unary},
    {"asin", Builtin::Asin, Family::Float, Shape::Unary},
    {"acos", Builtin::Acos, Family::Float, Shape::Unary},
    {"atan", Builtin::Atan, Family::Float, Shape::Unary},
    {"sinh", Builtin::Sinh, Family::Float, Shape::Unary},
    {"cosh", Builtin::Cosh, Family::Float, Shape::Unary},
    {"cbrt", Builtin::Cbrt, Family::Float, Shape::Unary},
    {"powf", Builtin::Powf, Family::Float, Shape::Binary},
    {"powi", Builtin::Powi, Family::Float, Shape::WithI32},
    {"floor", Builtin::Floor, Family::Float, Shape::Unary},
    {"ceil", Builtin::Ceil, Family::Float, Shape::Unary},
    {"round", Builtin::Round, Family::Float, Shape::Unary},
    {"trunc", Builtin::Trunc, Family::Float, Shape::Unary},
    {"fract", Builtin::Fract, Family::Float, Shape::Unary},
    {"mul_add", Builtin::MulAdd, Family::Float, Shape::Ternary},
    {"recip", Builtin::Recip, Family::Float, Shape::Unary},
    {"hypot", Builtin::Hypot, Family::Float, Shape::Binary},
    {"atan2", Builtin::Atan2, Family::Float, Shape::Binary},
    {"signum", Builtin::Signum, Family::Float, Shape::Unary},
    {"to_degrees", Builtin::ToDegrees, Family::Float, Shape::Unary},
    {"to_radians", Builtin::ToRadians, Family::Float, Shape::Unary},
    {"is_nan", Builtin::IsNan, Family::Float, Shape::ToBool},
    {"is_infinite", Builtin::IsInfinite, Family::Float, Shape::ToBool},
    {"is_finite", Builtin::IsFinite, Family::Float, Shape::ToBool},
    {"to_bits", Builtin::ToBits, Family::Float, Shape::ToBits},
    {"abs", Builtin::Abs, Family::Float, Shape::Unary},
    {"abs", Builtin::Abs, Family::SignedInt, Shape::Unary},
    {"min", Builtin::Min, Family::Num, Shape::Binary},
    {"max", Builtin::Max, Family::Num, Shape::Binary},
    {"clamp", Builtin::Clamp, Family::Num, Shape::Ternary},
    {"pow", Builtin::Pow, Family::Int, Shape::WithU32},
    {"wrapping_add", Builtin::WrappingAdd, Family::Int, Shape::Binary},
    {"wrapping_sub", Builtin::WrappingSub, Family::Int, Shape::Binary},
    {"wrapping_mul", Builtin::WrappingMul, Family::Int, Shape::Binary},
    {"wrapping_neg", Builtin::WrappingNeg, Family::Int, Shape::Unary},
    {"saturating_add", Builtin::SaturatingAdd, Family::Int, Shape::Binary},
    {"saturating_sub", Builtin::SaturatingSub, Family::Int, Shape::Binary},
    {"count_ones", Builtin::CountOnes, Family::Int, Shape::ToU32},
    {"count_zeros", Builtin::CountZeros, Family::Int, Shape::ToU32},
    {"leading_zeros", Builtin::LeadingZeros, Family::Int, Shape::ToU32},
    {"trailing_zeros", Builtin::TrailingZeros, Family::Int, Shape::ToU32},
    {"rotate_left", Builtin::RotateLeft, Family::Int, Shape::WithU32},
    {"rotate_right", Builtin::RotateRight, Family::Int, Shape::WithU32},
    {"swap_bytes", Builtin::SwapBytes, Family::Int, Shape::Unary},
    {"reverse_bits", Builtin::ReverseBits, Family::Int, Shape::Unary},
    {"is_power_of_two", Builtin::IsPowerOfTwo, Family::UnsignedInt, Shape::ToBool},
    {"rem_euclid", Builtin::RemEuclid, Family::Num, Shape::Binary},
    {"div_euclid", Builtin::DivEuclid, Family::Num, Shape::Binary},
    {"abs_diff", Builtin::AbsDiff, Family::Int, Shape::ToUnsigned},
    {"div_ceil", Builtin::DivCeil, Family::UnsignedInt, Shape::Binary},
    {"signum", Builtin::Signum, Family::SignedInt, Shape::Unary},
    {"is_positive", Builtin::IsPositive, Family::SignedInt, Shape::ToBool},
    {"is_negative", Builtin::IsNegative, Family::SignedInt, Shape::ToBool},
    {"copysign", Builtin::CopySign, Family::Float, Shape::Binary},
};

bool familyAccepts(Family f, const Type* t) {
  switch (f) {
    case Family::Float: return t->isFloat();
    case Family::Int: return t->isInteger();
    case Family::SignedInt: return t->isSignedInt();
    case Family::UnsignedInt: return t->isUnsignedInt();
    case Family::Num: return t->isNumeric();
  }
  return false;
}
}  // namespace

const char* intrinsicName(Intrinsic i) {
  for (auto& [n, k] : kIntrinsics)
    if (k == i) return n;
  return "?";
}
std::optional<Intrinsic> intrinsicByName(const std::string& name) {
  for (auto& [n, k] : kIntrinsics)
    if (name == n) return k;
  return std::nullopt;
}
unsigned intrinsicDimension(Intrinsic i) {
  if (i > Intrinsic::GlobalIdxZ) return 0;  // not one of the x/y/z families
  return unsigned(i) % 3;
}
const char* builtinName(Builtin b) {
  if (b == Builtin::FromBits) return "from_bits";
  if (b == Builtin::Rsqrt) return "rsqrt";
  for (const auto& info : kBuiltins)
    if (info.builtin == b) return info.name;
  return "?";
}

// ------------------------------------------------------------------ generics

const Type* Checker::instType(const Type* t, const Substitution& s) {
  return tc_->substitute(t, s.types, s.consts);
}

Substitution Checker::instantiate(const std::vector<GenericParam>& generics, size_t first,
                                  const std::vector<ast::TypePtr>* explicit_args, Span span,
                                  Substitution base) {
  Substitution s = std::move(base);
  s.types.resize(first, nullptr);
  s.consts.resize(first, ConstValue::number(0));
  size_t own = generics.size() - first;
  if (explicit_args && !explicit_args->empty() && explicit_args->size() != own) {
    diags_.report(DK::GenericArgCount, span,
                  {"this function", std::to_string(own), std::to_string(explicit_args->size())})
        .label("expected " + std::to_string(own) + " generic argument" + (own == 1 ? "" : "s"));
    explicit_args = nullptr;
  }
  for (size_t i = first; i < generics.size(); ++i) {
    const ast::Type* arg =
        explicit_args && !explicit_args->empty() ? (*explicit_args)[i - first].get() : nullptr;
    if (generics[i].is_const) {
      s.types.push_back(nullptr);
      if (arg && arg->kind == ast::TypeKind::ConstArg) {
        s.consts.push_back(evalConstArg(*arg->len, generics[i].const_type));
      } else if (arg && arg->kind == ast::TypeKind::Path && arg->path.isSingle()) {
        ast::Expr pe;
        pe.kind = ast::ExprKind::Path;
        pe.span = arg->span;
        pe.path.segments.push_back(ast::PathSegment::named(arg->path.segments[0].ident));
        s.consts.push_back(evalConstArg(pe, generics[i].const_type));
      } else {
        s.consts.push_back(newConstVar());
      }
    } else {
      s.consts.push_back(ConstValue::number(0));
      s.types.push_back(arg && arg->kind != ast::TypeKind::Infer ? resolveType(*arg) : newVar());
    }
  }
  return s;
}

std::vector<TraitId> Checker::boundsOf(const Type* param) {
  std::vector<TraitId> out;
  if (!param->isParam() || !cur_generics_ || param->paramIndex() >= cur_generics_->size()) return out;
  std::vector<TraitId> work = (*cur_generics_)[param->paramIndex()].bounds;
  while (!work.empty()) {
    TraitId t = work.back();
    work.pop_back();
    if (std::find(out.begin(), out.end(), t) != out.end()) continue;
    out.push_back(t);
    if (t < prog_.traits.size())
      for (TraitId s : prog_.traits[t].supertraits) work.push_back(s);
  }
  return out;
}

std::optional<Substitution> Checker::matchImpl(const ImplDef& impl, const Type* self) {
  if (!impl.self_type || impl.self_type->isError()) return std::nullopt;
  // Most impls are for another type: reject them before copying the
  // inference state (this runs for every impl at every method call).
  const Type* r = resolve(self);
  const Type* pat = impl.self_type;
  if (!pat->isParam() && !r->isVar() &&
      (pat->kind() != r->kind() || (r->isAdt() && pat->adt() != r->adt())))
    return std::nullopt;
  // A trial unification: undone when it fails.
  auto saved_vars = vars_;
  auto saved_consts = const_vars_;
  Substitution s = instantiate(impl.generics, 0, nullptr, {}, {});
  if (unify(instType(impl.self_type, s), self)) return s;
  vars_ = std::move(saved_vars);
  const_vars_ = std::move(saved_consts);
  return std::nullopt;
}

bool Checker::typeImplementsTrait(const Type* t, TraitId trait, Span span, bool report) {
  t = resolveDeep(t);
  if (t->isError()) return true;
  if (t->isParam()) {
    auto b = boundsOf(t);
    if (std::find(b.begin(), b.end(), trait) != b.end()) return true;
  } else {
    for (const ImplDef& impl : prog_.impls) {
      if (impl.trait_id != trait) continue;
      auto saved_vars = vars_;
      auto saved_consts = const_vars_;
      bool ok = matchImpl(impl, t).has_value();
      vars_ = std::move(saved_vars);
      const_vars_ = std::move(saved_consts);
      if (ok) return true;
    }
  }
  if (report) {
    Diagnostic& d = diags_.report(DK::TraitNotImplemented, span, {typeName(t), prog_.traits[trait].name})
                        .label("the trait `" + prog_.traits[trait].name + "` is not implemented for `" +
                               typeName(t) + "`");
    if (t->isParam())
      d.help("consider restricting the type parameter: `" + typeName(t) + ": " + prog_.traits[trait].name + "`");
  }
  return false;
}

bool Checker::traitInScope(TraitId trait) {
  const std::string& name = prog_.traits[trait].name;
  // Declared or imported in this module (under its name or renamed), or
  // reachable through a glob import.
  const Def* d = lookupIn(cur_module_, name, true);
  if (d && d->kind == Def::Trait && d->id == trait) return true;
  for (const auto& [n, def] : modules_[cur_module_].types)
    if (def.kind == Def::Trait && def.id == trait) return true;
  return std::find(anon_trait_imports_[cur_module_].begin(), anon_trait_imports_[cur_module_].end(), trait) !=
         anon_trait_imports_[cur_module_].end();
}

std::optional<Checker::MethodMatch> Checker::lookupMethod(const Type* self, const std::string& name,
                                                          bool assoc_only) {
  (void)assoc_only;
  self = resolve(self);
  // 1. Inherent methods.
  for (const ImplDef& impl : prog_.impls) {
    if (impl.trait_id != kNone) continue;
    bool has = false;
    for (FunctionId m : impl.methods) has |= prog_.functions[m].name == name;
    if (!has) continue;
    if (auto s = matchImpl(impl, self)) {
      for (FunctionId m : impl.methods)
        if (prog_.functions[m].name == name) return MethodMatch{m, *s, false};
    }
  }
  // 2. A generic parameter: the methods of its bounds.
  if (self->isParam()) {
    for (TraitId t : boundsOf(self)) {
      for (FunctionId m : prog_.traits[t].methods)
        if (prog_.functions[m].name == name) {
          MethodMatch mm;
          mm.fn = m;
          mm.via_trait_decl = true;
          mm.subst = instantiate(prog_.traits[t].generics, 1, nullptr, {}, Substitution{{self}, {ConstValue::number(0)}});
          return mm;
        }
    }
    return std::nullopt;
  }
  // 3. Trait impls, of the traits in scope (as rustc: a trait's methods are
  // callable with method syntax only where the trait is imported).
  for (const ImplDef& impl : prog_.impls) {
    if (impl.trait_id == kNone) continue;
    if (!traitInScope(impl.trait_id)) continue;
    const TraitDef& tr = prog_.traits[impl.trait_id];
    FunctionId decl = kNone;
    for (FunctionId m : tr.methods)
      if (prog_.functions[m].name == name) decl = m;
    if (decl == kNone) continue;
    auto s = matchImpl(impl, self);
    if (!s) continue;
    for (FunctionId m : impl.methods)
      if (prog_.functions[m].name == name) return MethodMatch{m, *s, false};
    // The trait's default body, with Self = the receiver.
    MethodMatch mm;
    mm.fn = decl;
    mm.via_trait_decl = true;
    Substitution ts{{self}, {ConstValue::number(0)}};
    for (const Type* a : impl.trait_args) {
      ts.types.push_back(instType(a, *s));
      ts.consts.push_back(ConstValue::number(0));
    }
    ts.types.resize(tr.generics.size(), nullptr);
    ts.consts.resize(tr.generics.size(), ConstValue::number(0));
    for (size_t i = 1 + impl.trait_args.size(); i < tr.generics.size(); ++i)
      ts.types[i] = tr.generics[i].is_const ? nullptr : newVar();
    mm.subst = ts;
    return mm;
  }
  return std::nullopt;
}

ExprPtr Checker::finishCall(ExprPtr call, const Function& target, std::vector<ExprPtr> args,
                            const std::vector<const ast::Expr*>& arg_asts, size_t first_ast,
                            Substitution subst, Span span) {
  if (!target.is_public && target.impl_id != kNone && prog_.impls[target.impl_id].trait_id == kNone &&
      !isAncestorOrSelf(fn_modules_[target.id], cur_module_))
    reportPrivate(span, "method", target.name, target.name_span);
  std::vector<const Type*> param_types;
  for (LocalId id : target.params) param_types.push_back(instType(target.locals[id].type, subst));
  size_t given = args.size() + (arg_asts.size() - first_ast);
  call->type = instType(target.return_type, subst);
  if (given != param_types.size()) {
    auto plural = [](size_t n, const char* w) { return std::to_string(n) + " " + w + (n == 1 ? "" : "s"); };
    diags_.report(DK::ArgumentCount, span,
                  {plural(param_types.size(), "argument"),
                   plural(given, "argument") + (given == 1 ? " was" : " were")})
        .label("expected " + plural(param_types.size(), "argument") + " for `" + target.name + "`")
        .secondary(target.name_span, "`" + target.name + "` defined here");
    for (size_t i = first_ast; i < arg_asts.size(); ++i) checkExpr(*arg_asts[i], nullptr);
    call->type = tc_->error();
    return call;
  }
  size_t pi = 0;
  // `&[T]` parameters of generic functions: T must be a scalar here.
  for (const Type* pt : param_types)
    if (pt->isSlice() && !resolve(pt->element())->isScalar())
      obligations_.push_back({pt->element(), kSliceElement, span});
  for (auto& a : args) {
    demand(*a, param_types[pi++]);
    call->operands.push_back(std::move(a));
  }
  for (size_t i = first_ast; i < arg_asts.size(); ++i, ++pi) {
    ExprPtr a = checkExpr(*arg_asts[i], param_types[pi]);
    demand(*a, param_types[pi]);
    call->operands.push_back(std::move(a));
  }
  // A `&mut` argument may not overlap another borrowed argument (rustc's E0499
  // and E0502); disjoint fields (`&mut s.a, &mut s.b`) are fine.
  {
    struct Borrow {
      LocalId root;
      std::vector<int> path;  // field indices; -1 for an index (any element)
      bool is_mut;
      Span span;
    };
    auto placeOf = [](const Expr* x, Borrow& b) -> bool {
      std::vector<int> rev;
      while (x->kind == ExprKind::Field || (x->kind == ExprKind::Index && !x->operands[0]->type->isSlice())) {
        rev.push_back(x->kind == ExprKind::Field ? int(x->field_index) : -1);
        x = x->operands[0].get();
      }
      if (x->kind != ExprKind::LocalRef) return false;
      b.root = x->local;
      b.path.assign(rev.rbegin(), rev.rend());
      return true;
    };
    auto overlap = [](const Borrow& a, const Borrow& b) {
      if (a.root != b.root) return false;
      for (size_t i = 0; i < a.path.size() && i < b.path.size(); ++i)
        if (a.path[i] != b.path[i] && a.path[i] != -1 && b.path[i] != -1) return false;
      return true;
    };
    std::vector<Borrow> borrows;
    for (const auto& a : call->operands) {
      const Expr* x = a.get();
      if (x->kind == ExprKind::Block && x->block && x->block->stmts.empty() && x->block->tail)
        x = x->block->tail.get();
      if (x->kind != ExprKind::AddrOf) continue;
      Borrow b;
      b.is_mut = x->is_mut;
      b.span = x->span;
      if (!placeOf(x->operands[0].get(), b)) continue;
      for (const Borrow& o : borrows) {
        if (!(b.is_mut || o.is_mut) || !overlap(b, o)) continue;
        // Name the place as written (`s.a`), as rustc does.
        std::string n = std::string(sourceText(x->operands[0]->span));
        if (n == "condition") n = fn_->locals[b.root].name;
        if (b.is_mut && o.is_mut)
          diags_.report(DK::DoubleMutableBorrow, b.span, {n})
              .label("second mutable borrow occurs here")
              .secondary(o.span, "first mutable borrow occurs here");
        else
          diags_.report(DK::ConflictingBorrow, b.span,
                        {n, b.is_mut ? "mutable" : "immutable", o.is_mut ? "mutable" : "immutable"})
              .label(b.is_mut ? "mutable borrow occurs here" : "immutable borrow occurs here")
              .secondary(o.span, o.is_mut ? "mutable borrow occurs here" : "immutable borrow occurs here");
        break;
      }
      borrows.push_back(std::move(b));
    }
  }
  // Trait bounds of every generic parameter are obligations on the arguments.
  for (size_t i = 0; i < target.generics.size() && i < subst.types.size(); ++i) {
    if (!subst.types[i]) continue;
    for (TraitId b : target.generics[i].bounds)
      if (!(target.trait_id != kNone && i == 0)) obligations_.push_back({subst.types[i], b, span});
    for (const std::string& bb : target.generics[i].builtin_bounds) {
      TraitId k = bb == "Copy"                          ? kCopyBound
                  : bb.rfind("op:", 0) == 0             ? kNumericBound
                  : (bb == "PartialOrd" || bb == "Ord") ? kPartialOrdBound
                                                        : kComparable;
      obligations_.push_back({subst.types[i], k, span});
    }
  }
  if (!fn_ok_[target.id]) call->type = tc_->error();
  if (fn_ && fn_->decl) call_edges_.push_back({fn_->id, target.id, span});
  call->subst = std::move(subst);
  return call;
}

// ------------------------------------------------------------------ calls

// A gpu intrinsic called with the wrong number of arguments: ArgumentCount
// at the call; the arguments are still checked. True if `want`.
bool Checker::checkIntrinsicArity(const ast::Expr& e, Intrinsic intr, size_t want) {
  if (e.args.size() == want) return true;
  diags_.report(DK::ArgumentCount, e.span,
                {std::to_string(want) + (want == 1 ? " argument" : " arguments"),
                 std::to_string(e.args.size()) + (e.args.size() == 1 ? " argument was" : " arguments were")})
      .label(std::string("expected ") + std::to_string(want) + (want == 1 ? " argument" : " arguments") +
             " for `gpu::" + intrinsicName(intr) + "`");
  for (const auto& a : e.args) checkExpr(*a, nullptr);
  return false;
}

// The warp intrinsics with arguments: shuffles and reductions of a 32/64-bit
// number (the rust/gpu crate's sealed trait), ballot and votes of a bool.
ExprPtr Checker::checkWarpIntrinsic(const ast::Expr& e, Intrinsic intr) {
  bool shuffle = intr == Intrinsic::Shuffle || intr == Intrinsic::ShuffleXor ||
                 intr == Intrinsic::ShuffleUp || intr == Intrinsic::ShuffleDown;
  bool vote = intr == Intrinsic::Ballot || intr == Intrinsic::VoteAll || intr == Intrinsic::VoteAny;
  size_t want = shuffle ? 2 : 1;
  if (!checkIntrinsicArity(e, intr, want)) return errorExpr(e.span);
  auto out = make(ExprKind::IntrinsicCall, tc_->error(), e.span);
  out->intrinsic = intr;
  if (vote) {
    ExprPtr p = checkExpr(*e.args[0], tc_->boolean());
    demand(*p, tc_->boolean());
    out->type = intr == Intrinsic::Ballot ? tc_->get(TypeKind::U64) : tc_->boolean();
    out->operands.push_back(std::move(p));
    return out;
  }
  ExprPtr v = checkExpr(*e.args[0], nullptr);
  const Type* t = resolve(v->type);
  bool ok = t->isVar() || t->kind() == TypeKind::I32 || t->kind() == TypeKind::U32 ||
            t->kind() == TypeKind::I64 || t->kind() == TypeKind::U64 || t->isFloat();
  if (!ok && !t->isError())
    diags_.report(DK::TraitNotImplemented, v->span, {typeName(t), "gpu::WarpValue"})
        .label(std::string("`gpu::") + intrinsicName(intr) + "` takes i32, u32, i64, u64, f32 or f64")
        .help("convert the value first (`as u32`)");
  out->type = v->type;
  out->operands.push_back(std::move(v));
  if (shuffle) {
    ExprPtr lane = checkExpr(*e.args[1], tc_->get(TypeKind::U32));
    demand(*lane, tc_->get(TypeKind::U32));
    out->operands.push_back(std::move(lane));
  }
  return out;
}

// gpu::shared::<T>() -> &'static mut T. T comes from the turbofish or from the
// expected type (`let t: &mut [f32; 64] = shared();`); it must be plain data.
ExprPtr Checker::checkShared(const ast::Expr& e, const Type* expected) {
  const ast::PathSegment& last = stripParens(*e.lhs).path.segments.back();
  const Type* t = nullptr;
  if (last.has_generic_args && last.generic_args.size() == 1) {
    t = resolveType(*last.generic_args[0]);
  } else if (expected && resolve(expected)->isRef()) {
    t = resolve(resolve(expected)->element());
  }
  checkIntrinsicArity(e, Intrinsic::Shared, 0);
  if (!t || t->isVar()) {
    diags_.report(DK::TypeAnnotationsNeeded, e.span, {"gpu::shared"})
        .label("cannot infer the type of the shared allocation")
        .help("name it: `gpu::shared::<[f32; 256]>()`");
    return errorExpr(e.span);
  }
  // Plain data only: scalars, arrays, tuples and structs of them.
  std::function<bool(const Type*)> plain = [&](const Type* ty) -> bool {
    ty = resolve(ty);
    if (ty->isScalar() || ty->isError()) return true;
    if (ty->isArray()) return plain(ty->element());
    if (ty->isTuple() || (ty->isAdt() && !prog_.adts[ty->adt()].is_enum)) {
      for (const Type* f : fieldTypes(ty))
        if (!plain(f)) return false;
      return true;
    }
    return ty->isAdt();  // C-like enums are integers
  };
  if (!plain(t)) {
    unsupported(e.span, "shared memory of type `" + typeName(t) + "`")
        .note("`gpu::shared` holds scalars, arrays, tuples and structs of them; not references or slices");
    return errorExpr(e.span);
  }
  auto out = make(ExprKind::IntrinsicCall, tc_->ref(t, true), e.span);
  out->intrinsic = Intrinsic::Shared;
  return out;
}

// gpu::atomic_*(p: &mut T, v: T) -> T and atomic_compare_exchange(p, current,
// new) -> T, for T in i32 u32 i64 u64 (atomic_add also f32).
ExprPtr Checker::checkAtomic(const ast::Expr& e, Intrinsic intr) {
  size_t want = intr == Intrinsic::AtomicCompareExchange ? 3 : 2;
  if (!checkIntrinsicArity(e, intr, want)) return errorExpr(e.span);
  auto out = make(ExprKind::IntrinsicCall, tc_->error(), e.span);
  out->intrinsic = intr;
  ExprPtr p = checkExpr(*e.args[0], nullptr);
  const Type* pt = resolve(p->type);
  const Type* t = tc_->error();
  if (pt->isRef() && pt->isMutable()) {
    t = resolve(pt->element());
  } else if (!pt->isError()) {
    mismatch(p->span, tc_->ref(newVar(), true), pt)
        .help("atomics take the address of the element: `" + std::string(intrinsicName(intr)) +
              "(&mut x[i], v)`");
  }
  bool isFloatAdd = intr == Intrinsic::AtomicAdd && t->kind() == TypeKind::F32;
  bool ok = t->isVar() || t->isError() || isFloatAdd || t->kind() == TypeKind::I32 ||
            t->kind() == TypeKind::U32 || t->kind() == TypeKind::I64 || t->kind() == TypeKind::U64;
  if (!ok)
    diags_.report(DK::TraitNotImplemented, p->span, {typeName(t), "gpu::AtomicValue"})
        .label(std::string("`gpu::") + intrinsicName(intr) + "` works on i32, u32, i64 and u64" +
               (intr == Intrinsic::AtomicAdd ? " (and f32)" : ""));
  out->operands.push_back(std::move(p));
  for (size_t i = 1; i < want; ++i) {
    ExprPtr v = checkExpr(*e.args[i], t);
    demand(*v, t);
    out->operands.push_back(std::move(v));
  }
  out->type = t;
  return out;
}

ExprPtr Checker::checkIntrinsicCall(const ast::Expr& e, Intrinsic intr, const Type* expected) {
  if (intr == Intrinsic::Shared) return checkShared(e, expected);
  if (intr > Intrinsic::Shared) return checkAtomic(e, intr);
  if (intr >= Intrinsic::Shuffle) return checkWarpIntrinsic(e, intr);
  bool unit = intr == Intrinsic::SyncThreads || intr == Intrinsic::ThreadFence ||
              intr == Intrinsic::ThreadFenceBlock;
  const Type* ret = unit ? tc_->unit()
                    : (intr == Intrinsic::GlobalIdxX || intr == Intrinsic::GlobalIdxY ||
                       intr == Intrinsic::GlobalIdxZ)
                        ? tc_->usize()
                        : tc_->get(TypeKind::U32);
  auto out = make(ExprKind::IntrinsicCall, ret, e.span);
  out->intrinsic = intr;
  checkIntrinsicArity(e, intr, 0);
  return out;
}

ExprPtr Checker::checkCall(const ast::Expr& e, const Type* expected) {
  const ast::Expr& callee = stripParens(*e.lhs);
  std::vector<const ast::Expr*> arg_asts;
  for (const auto& a : e.args) arg_asts.push_back(a.get());
  auto failArgs = [&]() {
    for (const auto& a : e.args) checkExpr(*a, nullptr);
    return errorExpr(e.span);
  };
  if (callee.kind != ast::ExprKind::Path) {
    ExprPtr c = checkExpr(callee, nullptr);
    if (!c->type->isError())
      diags_.report(DK::NotCallable, callee.span, {"`" + typeName(c->type) + "`"})
          .label("call expression requires function");
    return failArgs();
  }
  const ast::Path& p = callee.path;
  if (p.segments.size() == 1 && !p.global) {
    const std::string& n = p.segments[0].ident.name;
    if (lookupLocal(n)) {
      diags_.report(DK::NotCallable, callee.span, {"local variable `" + n + "`"}).label("not a function");
      return failArgs();
    }
  }
  // `Self::f(..)`, `T::f(..)` (a generic parameter): type-relative.
  const Type* rel_type = nullptr;
  if (p.segments.size() == 2 && !p.global) {
    const std::string& n = p.segments[0].ident.name;
    if (n == "Self" && cur_self_) rel_type = cur_self_;
    else if (cur_generics_)
      for (size_t i = cur_generics_->size(); i-- > 0;)
        if (!(*cur_generics_)[i].is_const && (*cur_generics_)[i].name == n) {
          rel_type = tc_->param(uint32_t(i));
          break;
        }
  }
  size_t consumed = 0;
  const Def* d = rel_type ? nullptr : lookupPath(p, false, false, &consumed);
  const ast::PathSegment& last = p.segments.back();
  if (d && consumed == p.segments.size()) {
    switch (d->kind) {
      case Def::Fn: {
        if (d->id == kNone || d->id >= prog_.functions.size()) return failArgs();
        const Function& target = prog_.functions[d->id];
        auto out = make(ExprKind::Call, tc_->error(), e.span);
        out->callee = target.id;
        Substitution s = instantiate(target.generics, 0, last.has_generic_args ? &last.generic_args : nullptr,
                                     callee.span);
        return finishCall(std::move(out), target, {}, arg_asts, 0, std::move(s), e.span);
      }
      case Def::Intrinsic: return checkIntrinsicCall(e, Intrinsic(d->id), expected);
      case Def::GpuMath: {
        // gpu::rsqrt(x: f32) -> f32 (the rust/gpu crate's signature).
        const Type* f = tc_->get(TypeKind::F32);
        if (e.args.size() != 1) {
          diags_.report(DK::ArgumentCount, e.span,
                        {"1 argument", std::to_string(e.args.size()) + (e.args.size() == 1 ? " argument was" : " arguments were")})
              .label("expected 1 argument for `gpu::rsqrt`");
          return failArgs();
        }
        ExprPtr a = checkExpr(*e.args[0], f);
        demand(*a, f);
        auto out = make(ExprKind::BuiltinCall, f, e.span);
        out->builtin = Builtin(d->id);
        out->operands.push_back(std::move(a));
        return out;
      }
      case Def::Adt: {
        const ast::Item* item = adt_items_[d->id];
        if (item->kind == ast::ItemKind::Struct && item->is_tuple_struct) {
          const Type* t = adtTypeFromArgs(d->id, last, callee.span);
          if (expected) unify(t, expected);
          const AdtDef& adt = prog_.adts[d->id];
          std::vector<const Type*> ftypes = fieldTypes(t);
          auto out = make(ExprKind::StructLit, t, e.span);
          if (e.args.size() != adt.fields.size()) {
            diags_.report(DK::ArgumentCount, e.span,
                          {std::to_string(adt.fields.size()) + " fields", std::to_string(e.args.size()) + " were"})
                .label("expected " + std::to_string(adt.fields.size()) + " fields for `" + adt.name + "`");
            return failArgs();
          }
          for (size_t i = 0; i < e.args.size(); ++i) {
            const Type* ft = ftypes[i];
            ExprPtr a = checkExpr(*e.args[i], ft);
            demand(*a, ft);
            out->operands.push_back(std::move(a));
          }
          return out;
        }
        diags_.report(DK::NotCallable, callee.span, {"struct `" + p.toString() + "`"})
            .label("not a function")
            .help("use a struct literal: `" + p.toString() + " { ... }`");
        return failArgs();
      }
      case Def::Variant:
        unsupported(e.span, "enum variants with data")
            .note("only C-like enums (`enum E { A, B = 3 }`) are supported in GPU kernels");
        return failArgs();
      default:
        diags_.report(DK::NotCallable, callee.span, {"`" + p.toString() + "`"}).label("not a function");
        return failArgs();
    }
  }
  // Type-relative: `Point::new(..)`, `f32::sqrt(x)`, `Trait::f(x)`.
  if (!rel_type && d && consumed == p.segments.size() - 1) {
    if (d->kind == Def::Adt) rel_type = adtTypeFromArgs(d->id, p.segments[consumed - 1], callee.span);
    else if (d->kind == Def::Prim) rel_type = tc_->primitiveByName(p.segments[consumed - 1].ident.name);
    else if (d->kind == Def::TypeAlias) {
      ast::Type t;
      t.kind = ast::TypeKind::Path;
      t.span = callee.span;
      for (size_t i = 0; i < consumed; ++i)
        t.path.segments.push_back(ast::PathSegment::named(p.segments[i].ident));
      rel_type = resolveType(t);
    } else if (d->kind == Def::Trait) {
      // `Trait::method(self_arg, ...)`: resolve on the first argument's type.
      const TraitDef& tr = prog_.traits[d->id];
      FunctionId decl = kNone;
      for (FunctionId m : tr.methods)
        if (prog_.functions[m].name == last.ident.name) decl = m;
      if (decl == kNone || e.args.empty()) {
        diags_.report(DK::UnresolvedFunction, callee.span, {p.toString()})
            .label("no function `" + last.ident.name + "` in trait `" + tr.name + "`");
        return failArgs();
      }
      ExprPtr self_arg = checkExpr(*e.args[0], nullptr);
      const Type* st = resolve(self_arg->type);
      if (st->isRef()) st = resolve(st->element());
      auto mm = lookupMethod(st, last.ident.name, false);
      const Function& target = prog_.functions[mm ? mm->fn : decl];
      auto out = make(mm && !mm->via_trait_decl ? ExprKind::Call : ExprKind::TraitCall, tc_->error(), e.span);
      out->callee = target.id;
      Substitution s = mm ? mm->subst : Substitution{{st}, {ConstValue::number(0)}};
      s = instantiate(target.generics, s.types.size(), nullptr, callee.span, s);
      std::vector<ExprPtr> pre;
      pre.push_back(std::move(self_arg));
      return finishCall(std::move(out), target, std::move(pre), arg_asts, 1, std::move(s), e.span);
    }
  }
  if (rel_type) {
    const std::string& name = last.ident.name;
    if (rel_type->isScalar()) {
      bool handled = false;
      ExprPtr r = checkBuiltinAssoc(e, rel_type, name, handled);
      if (handled) return r;
    }
    auto mm = lookupMethod(rel_type, name, true);
    if (!mm) {
      diags_.report(DK::UnresolvedFunction, callee.span, {p.toString()})
          .label("function or associated item not found in `" + typeName(rel_type) + "`");
      return failArgs();
    }
    const Function& target = prog_.functions[mm->fn];
    auto out = make(mm->via_trait_decl ? ExprKind::TraitCall : ExprKind::Call, tc_->error(), e.span);
    out->callee = target.id;
    Substitution s = instantiate(target.generics, mm->subst.types.size(),
                                 last.has_generic_args ? &last.generic_args : nullptr, callee.span, mm->subst);
    return finishCall(std::move(out), target, {}, arg_asts, 0, std::move(s), e.span);
  }
  std::string n = p.toString();
  if (p.segments.size() == 2 && p.segments[0].ident.name == "gpu") {
    diags_.report(DK::UnresolvedIntrinsic, callee.span, {p.segments[1].ident.name}).label("not found in `gpu`");
    return failArgs();
  }
  Diagnostic& diag = diags_.report(DK::UnresolvedFunction, callee.span, {n}).label("not found in this scope");
  if (p.segments.size() == 1 && lookupIn(gpu_module_, n, false))
    diag.help("consider importing it: `use gpu::" + n + ";`");
  return failArgs();
}

ExprPtr Checker::checkBuiltinAssoc(const ast::Expr& e, const Type* prim, const std::string& name,
                                   bool& handled) {
  handled = false;
  if (name == "from_bits" && prim->isFloat()) {
    handled = true;
    auto out = make(ExprKind::BuiltinCall, prim, e.span);
    out->builtin = Builtin::FromBits;
    const Type* bits = tc_->get(prim->kind() == TypeKind::F32 ? TypeKind::U32 : TypeKind::U64);
    if (e.args.size() != 1) {
      diags_.report(DK::ArgumentCount, e.span, {"1 argument", std::to_string(e.args.size()) + " were"});
      return errorExpr(e.span);
    }
    ExprPtr a = checkExpr(*e.args[0], bits);
    demand(*a, bits);
    out->operands.push_back(std::move(a));
    return out;
  }
  // `f32::max(a, b)`: a method called through its type.
  for (const auto& info : kBuiltins) {
    if (name != info.name || !familyAccepts(info.family, prim)) continue;
    if (e.args.empty()) break;
    handled = true;
    ExprPtr recv = checkExpr(*e.args[0], prim);
    demand(*recv, prim);
    ExprPtr out = checkBuiltinMethod(e, std::move(recv), prim, handled);
    return out;
  }
  return nullptr;
}

// Builtin methods of integers and floats. For `f32::max(a, b)` (through
// checkBuiltinAssoc), `e` is the call and its first argument is the receiver.
ExprPtr Checker::checkBuiltinMethod(const ast::Expr& e, ExprPtr recv, const Type* rt, bool& handled) {
  handled = false;
  bool assoc = e.kind == ast::ExprKind::Call;
  std::string name = assoc ? stripParens(*e.lhs).path.segments.back().ident.name : e.name.name;
  size_t first_arg = assoc ? 1 : 0;
  for (const auto& info : kBuiltins) {
    if (name != info.name) continue;
    if (!familyAccepts(info.family, rt)) continue;
    handled = true;
    size_t want = info.shape == Shape::Binary || info.shape == Shape::WithI32 ||
                          info.shape == Shape::WithU32 || info.shape == Shape::ToUnsigned
                      ? 1
                  : info.shape == Shape::Ternary ? 2 : 0;
    size_t got = e.args.size() - first_arg;
    if (got != want) {
      auto plural = [](size_t n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
      diags_.report(DK::ArgumentCount, e.span, {plural(want), plural(got) + (got == 1 ? " was" : " were")})
          .label("expected " + plural(want) + " for `" + name + "`");
      return errorExpr(e.span);
    }
    const Type* result = rt;
    if (info.shape == Shape::ToBool) result = tc_->boolean();
    if (info.shape == Shape::ToU32) result = tc_->get(TypeKind::U32);
    if (info.shape == Shape::ToBits) result = tc_->get(rt->kind() == TypeKind::F32 ? TypeKind::U32 : TypeKind::U64);
    if (info.shape == Shape::ToUnsigned && rt->isSignedInt())
      result = tc_->get(TypeKind(int(rt->kind()) - int(TypeKind::I8) + int(TypeKind::U8)));
    auto out = make(ExprKind::BuiltinCall, result, e.span);
    out->builtin = info.builtin;
    out->operands.push_back(std::move(recv));
    for (size_t i = first_arg; i < e.args.size(); ++i) {
      const Type* at = info.shape == Shape::WithI32 ? tc_->get(TypeKind::I32)
                       : info.shape == Shape::WithU32 ? tc_->get(TypeKind::U32) : rt;
      ExprPtr a = checkExpr(*e.args[i], at);
      demand(*a, at);
      out->operands.push_back(std::move(a));
    }
    return out;
  }
  return nullptr;
}

ExprPtr Checker::checkMethodCall(const ast::Expr& e, const Type* expected) {
  (void)expected;
  ExprPtr recv = checkExpr(*e.lhs, nullptr);
  const std::string& name = e.name.name;
  auto fail = [&]() {
    for (const auto& a : e.args) checkExpr(*a, nullptr);
    return errorExpr(e.span);
  };
  const Type* rt = resolve(recv->type);
  if (rt->isError()) {
    return fail();
  }
  // Slices and arrays: len / is_empty.
  const Type* base = rt->isRef() ? resolve(rt->element()) : rt;
  if ((base->isSlice() || base->isArray()) && (name == "len" || name == "is_empty")) {
    if (!e.args.empty())
      diags_.report(DK::ArgumentCount, e.span,
                    {"0 arguments", std::to_string(e.args.size()) + (e.args.size() == 1 ? " argument was" : " arguments were")})
          .label("expected 0 arguments for `" + name + "`");
    ExprPtr len;
    if (base->isSlice()) {
      len = make(ExprKind::SliceLen, tc_->usize(), e.span);
      len->operands.push_back(rt->isRef() ? autoDeref(std::move(recv)) : std::move(recv));
    } else {
      ConstValue n = resolveConst(base->arrayLen());
      if (n.kind == ConstValue::Param) {
        len = make(ExprKind::ConstParam, tc_->usize(), e.span);
        len->param_index = uint32_t(n.value);
      } else {
        len = make(ExprKind::IntLiteral, tc_->usize(), e.span);
        len->int_value = n.value;
      }
    }
    if (name == "len") return len;
    auto zero = make(ExprKind::IntLiteral, tc_->usize(), e.span);
    auto cmp = make(ExprKind::Binary, tc_->boolean(), e.span);
    cmp->binary_op = ast::BinaryOp::Eq;
    cmp->operands.push_back(std::move(len));
    cmp->operands.push_back(std::move(zero));
    return cmp;
  }
  // `.clone()` of a `Clone` value (scalars, derived structs and enums, and
  // tuples and arrays of them): a copy.
  if (name == "clone" && e.args.empty() && !base->isVar()) {
    std::function<bool(const Type*)> cloneable = [&](const Type* t) -> bool {
      t = resolve(t);
      if (t->isScalar() || t->isSlice() || t->isRef()) return true;
      if (t->isArray()) return cloneable(t->element());
      if (t->isTuple()) {
        for (const Type* x : t->elements())
          if (!cloneable(x)) return false;
        return true;
      }
      if (t->isAdt()) return prog_.adts[t->adt()].derives_clone;
      if (t->isParam()) {
        auto bb = cur_generics_ && t->paramIndex() < cur_generics_->size()
                      ? (*cur_generics_)[t->paramIndex()].builtin_bounds
                      : std::vector<std::string>{};
        return std::find(bb.begin(), bb.end(), "Copy") != bb.end();
      }
      return false;
    };
    if (cloneable(base)) {
      ExprPtr v = rt->isRef() ? autoDeref(std::move(recv)) : std::move(recv);
      if (isPlace(*v) && v->kind != ExprKind::Deref) {
        // `*&p`: a read through a borrow, so a non-Copy `p` is not moved.
        const Type* t = v->type;
        auto addr = make(ExprKind::AddrOf, tc_->ref(t, false), e.span);
        addr->operands.push_back(std::move(v));
        v = make(ExprKind::Deref, t, e.span);
        v->operands.push_back(std::move(addr));
      }
      v->span = e.span;
      return v;
    }
  }
  // Builtin methods of numbers.
  if (base->isNumeric() || base->isVar()) {
    if (base->kind() == TypeKind::IntVar || base->kind() == TypeKind::FloatVar) {
      bool known = false;
      for (const auto& info : kBuiltins) known |= name == info.name;
      if (known) {
        diags_.report(DK::AmbiguousNumericType, e.name.span, {name, describeForMismatch(base)})
            .label("can't call method `" + name + "` on ambiguous numeric type")
            .help(std::string("give the value a type: `") + (base->kind() == TypeKind::FloatVar ? "2.0_f32" : "2_u32") +
                  "` or `let x: " + (base->kind() == TypeKind::FloatVar ? "f32" : "u32") + " = ...`");
        return fail();
      }
    }
    bool builtin = false;
    for (const auto& info : kBuiltins) builtin |= name == info.name && familyAccepts(info.family, base);
    if (base->isNumeric() && builtin) {
      bool handled = false;
      return checkBuiltinMethod(e, rt->isRef() ? autoDeref(std::move(recv)) : std::move(recv), base, handled);
    }
  }
  // User methods: inherent impls, then traits; auto-ref/deref of the receiver.
  auto mm = lookupMethod(base, name, false);
  if (!mm) {
    Diagnostic& d = diags_.report(DK::NoMethod, e.name.span, {name, typeName(base)})
                        .label("method not found in `" + typeName(base) + "`");
    // A trait that has the method but is not imported here: say which.
    for (const ImplDef& impl : prog_.impls) {
      if (impl.trait_id == kNone || traitInScope(impl.trait_id)) continue;
      bool has = false;
      for (FunctionId m : prog_.traits[impl.trait_id].methods) has |= prog_.functions[m].name == name;
      if (!has) continue;
      auto saved_vars = vars_;
      auto saved_consts = const_vars_;
      bool applies = matchImpl(impl, base).has_value();
      vars_ = std::move(saved_vars);
      const_vars_ = std::move(saved_consts);
      if (!applies) continue;
      uint32_t tm = trait_modules_[impl.trait_id];
      std::string path = (tm == 0 ? "crate" : "crate::" + modules_[tm].path.substr(7)) + "::" +
                         prog_.traits[impl.trait_id].name;
      d.help("trait `" + prog_.traits[impl.trait_id].name + "` provides `" + name +
             "` but is not in scope; import it: `use " + path + ";`");
      break;
    }
    return fail();
  }
  const Function& target = prog_.functions[mm->fn];
  if (!target.has_self) {
    diags_.report(DK::NoMethod, e.name.span, {name, typeName(base)})
        .label("this is an associated function, not a method")
        .help("call it with the type: `" + typeName(base) + "::" + name + "(...)`");
    return fail();
  }
  const Type* self_param = target.locals[target.params[0]].type;
  ExprPtr self_arg;
  if (self_param->isRef()) {
    bool want_mut = self_param->isMutable();
    if (rt->isRef()) {
      if (want_mut && !rt->isMutable()) {
        diags_.report(DK::AssignThroughSharedRef, e.lhs->span, {"data"})
            .label("cannot borrow data behind a `&` reference as mutable");
      }
      self_arg = std::move(recv);
    } else {
      if (want_mut && isPlace(*recv)) checkMutablePlace(*recv, e.lhs->span, "borrow");
      ExprPtr place = std::move(recv);
      if (!isPlace(*place)) {
        self_arg = borrowTemporary(std::move(place), want_mut, e.span);
      } else {
        auto addr = make(ExprKind::AddrOf, tc_->ref(place->type, want_mut), e.span);
        addr->is_mut = want_mut;
        addr->operands.push_back(std::move(place));
        self_arg = std::move(addr);
      }
    }
  } else {
    self_arg = rt->isRef() ? autoDeref(std::move(recv)) : std::move(recv);
  }
  auto out = make(mm->via_trait_decl ? ExprKind::TraitCall : ExprKind::Call, tc_->error(), e.span);
  out->callee = target.id;
  Substitution s = instantiate(target.generics, mm->subst.types.size(), &e.generic_args, e.name.span, mm->subst);
  std::vector<const ast::Expr*> arg_asts;
  for (const auto& a : e.args) arg_asts.push_back(a.get());
  std::vector<ExprPtr> pre;
  pre.push_back(std::move(self_arg));
  return finishCall(std::move(out), target, std::move(pre), arg_asts, 0, std::move(s), e.span);
}

}  // namespace hematite::check
