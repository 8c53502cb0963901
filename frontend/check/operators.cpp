// Operator overloading through the `core::ops` traits (`impl Add for Vec3 {
// type Output = Vec3; fn add(self, o: Vec3) -> Vec3 { .. } }`): a binary,
// unary or compound-assignment operator on a struct or enum becomes a call of
// the impl's method, as rustc desugars it. The traits live in the synthetic
// `core::ops` (and `std::ops`) module; they have no declared methods: each
// impl is validated here against the operator's shape.
#include "frontend/check/checker_impl.h"

namespace hematite::check {

using BO = ast::BinaryOp;

const std::vector<Checker::OpTraitInfo>& Checker::opTraits() {
  using K = OpTraitInfo::Kind;
  static const std::vector<OpTraitInfo> table = {
      {"Add", "add", BO::Add, K::Binary, ast::UnaryOp::Neg},
      {"Sub", "sub", BO::Sub, K::Binary, ast::UnaryOp::Neg},
      {"Mul", "mul", BO::Mul, K::Binary, ast::UnaryOp::Neg},
      {"Div", "div", BO::Div, K::Binary, ast::UnaryOp::Neg},
      {"Rem", "rem", BO::Rem, K::Binary, ast::UnaryOp::Neg},
      {"BitAnd", "bitand", BO::BitAnd, K::Binary, ast::UnaryOp::Neg},
      {"BitOr", "bitor", BO::BitOr, K::Binary, ast::UnaryOp::Neg},
      {"BitXor", "bitxor", BO::BitXor, K::Binary, ast::UnaryOp::Neg},
      {"Shl", "shl", BO::Shl, K::Binary, ast::UnaryOp::Neg},
      {"Shr", "shr", BO::Shr, K::Binary, ast::UnaryOp::Neg},
      {"Neg", "neg", BO::Add, K::Unary, ast::UnaryOp::Neg},
      {"Not", "not", BO::Add, K::Unary, ast::UnaryOp::Not},
      {"AddAssign", "add_assign", BO::Add, K::Assign, ast::UnaryOp::Neg},
      {"SubAssign", "sub_assign", BO::Sub, K::Assign, ast::UnaryOp::Neg},
      {"MulAssign", "mul_assign", BO::Mul, K::Assign, ast::UnaryOp::Neg},
      {"DivAssign", "div_assign", BO::Div, K::Assign, ast::UnaryOp::Neg},
      {"RemAssign", "rem_assign", BO::Rem, K::Assign, ast::UnaryOp::Neg},
      {"BitAndAssign", "bitand_assign", BO::BitAnd, K::Assign, ast::UnaryOp::Neg},
      {"BitOrAssign", "bitor_assign", BO::BitOr, K::Assign, ast::UnaryOp::Neg},
      {"BitXorAssign", "bitxor_assign", BO::BitXor, K::Assign, ast::UnaryOp::Neg},
      {"ShlAssign", "shl_assign", BO::Shl, K::Assign, ast::UnaryOp::Neg},
      {"ShrAssign", "shr_assign", BO::Shr, K::Assign, ast::UnaryOp::Neg},
  };
  return table;
}

void Checker::registerOpTraits() {
  op_trait_base_ = TraitId(trait_items_.size());
  uint32_t ops = addModule("core::ops", core_module_);
  modules_[ops].synthetic = true;
  modules_[core_module_].types["ops"] = Def::module(ops);
  for (size_t k = 0; k < opTraits().size(); ++k)
    modules_[ops].types[opTraits()[k].name] = Def{Def::Trait, uint32_t(op_trait_base_ + k), {}, {}, true};
}

void Checker::fillOpTraits() {
  for (size_t k = 0; k < opTraits().size(); ++k) {
    TraitDef t;
    t.id = TraitId(op_trait_base_ + k);
    t.name = opTraits()[k].name;
    t.qualified_name = std::string("core::ops::") + t.name;
    GenericParam self;
    self.name = "Self";
    t.generics.push_back(self);
    if (opTraits()[k].kind != OpTraitInfo::Unary) {
      GenericParam rhs;
      rhs.name = "Rhs";
      t.generics.push_back(rhs);
    }
    while (prog_.traits.size() < t.id) prog_.traits.push_back(TraitDef{});
    if (prog_.traits.size() == t.id) prog_.traits.push_back(std::move(t));
    else prog_.traits[t.id] = std::move(t);
  }
}

const Checker::OpTraitInfo* Checker::opTrait(TraitId id) const {
  if (op_trait_base_ == kNone || id < op_trait_base_ || id >= op_trait_base_ + opTraits().size())
    return nullptr;
  return &opTraits()[id - op_trait_base_];
}

// An operator impl has exactly the operator's method with its shape, and (for
// the value-producing operators) `type Output`.
void Checker::checkOpImpl(const ImplDef& impl) {
  const OpTraitInfo& op = *opTrait(impl.trait_id);
  const ast::Item& item = *impl_items_[impl.id];
  bool found = false;
  size_t want_params = op.kind == OpTraitInfo::Unary ? 1 : 2;
  for (FunctionId m : impl.methods) {
    const Function& f = prog_.functions[m];
    if (f.name != op.method) {
      diags_.report(DK::NotATraitMember, f.name_span, {f.name, op.name})
          .label("not a member of trait `" + std::string(op.name) + "`");
      continue;
    }
    found = true;
    bool self_ok = f.has_self && !f.params.empty() &&
                   (op.kind == OpTraitInfo::Assign
                        ? f.locals[f.params[0]].type->isRef() && f.locals[f.params[0]].type->isMutable()
                        : !f.locals[f.params[0]].type->isRef());
    if (f.params.size() != want_params || !self_ok)
      diags_.report(DK::TraitMethodMismatch, f.name_span, {f.name, op.name})
          .label(std::string("expected `fn ") + op.method +
                 (op.kind == OpTraitInfo::Unary    ? "(self) -> Self::Output`"
                  : op.kind == OpTraitInfo::Assign ? "(&mut self, rhs: Rhs)`"
                                                   : "(self, rhs: Rhs) -> Self::Output`"));
  }
  if (!found)
    diags_.report(DK::MissingTraitItems, item.span, {std::string("`") + op.method + "`"})
        .label(std::string("missing `") + op.method + "` in implementation");
  if (op.kind != OpTraitInfo::Assign && !impl_output_.count(impl.id))
    diags_.report(DK::MissingTraitItems, item.span, {"`Output`"})
        .label("missing `type Output = ...;` in implementation");
}

ExprPtr Checker::checkOverloadedBinary(ast::BinaryOp bop, ExprPtr& lhs, ExprPtr& rhs, Span span,
                                       bool assign) {
  const Type* lt = resolve(lhs->type);
  if (!lt->isAdt() && !(resolve(rhs->type)->isAdt())) return nullptr;
  for (const ImplDef& impl : prog_.impls) {
    const OpTraitInfo* op = opTrait(impl.trait_id);
    if (!op || op->op != bop || (op->kind == OpTraitInfo::Assign) != assign ||
        op->kind == OpTraitInfo::Unary)
      continue;
    auto saved_vars = vars_;
    auto saved_consts = const_vars_;
    auto s = matchImpl(impl, lt);
    const Type* rhs_type = s ? (impl.trait_args.empty() ? instType(impl.self_type, *s)
                                                        : instType(impl.trait_args[0], *s))
                             : nullptr;
    if (!s || !unify(rhs_type, rhs->type)) {
      vars_ = std::move(saved_vars);
      const_vars_ = std::move(saved_consts);
      continue;
    }
    FunctionId method = kNone;
    for (FunctionId m : impl.methods)
      if (prog_.functions[m].name == op->method) method = m;
    if (method == kNone) return nullptr;
    const Function& target = prog_.functions[method];
    auto call = make(ExprKind::Call, tc_->error(), span);
    call->callee = method;
    std::vector<ExprPtr> args;
    if (assign) {
      // `a += b` is `AddAssign::add_assign(&mut a, b)` (mutability was checked
      // with the assignment target).
      auto addr = make(ExprKind::AddrOf, tc_->ref(lhs->type, true), lhs->span);
      addr->is_mut = true;
      addr->operands.push_back(std::move(lhs));
      args.push_back(std::move(addr));
    } else {
      args.push_back(std::move(lhs));
    }
    args.push_back(std::move(rhs));
    Substitution sub = instantiate(target.generics, s->types.size(), nullptr, span, *s);
    return finishCall(std::move(call), target, std::move(args), {}, 0, std::move(sub), span);
  }
  return nullptr;
}

ExprPtr Checker::checkOverloadedUnary(ast::UnaryOp uop, ExprPtr& operand, Span span) {
  const Type* t = resolve(operand->type);
  if (!t->isAdt()) return nullptr;
  for (const ImplDef& impl : prog_.impls) {
    const OpTraitInfo* op = opTrait(impl.trait_id);
    if (!op || op->kind != OpTraitInfo::Unary || op->unary != uop) continue;
    auto saved_vars = vars_;
    auto saved_consts = const_vars_;
    auto s = matchImpl(impl, t);
    if (!s) continue;
    FunctionId method = kNone;
    for (FunctionId m : impl.methods)
      if (prog_.functions[m].name == op->method) method = m;
    if (method == kNone) {
      vars_ = std::move(saved_vars);
      const_vars_ = std::move(saved_consts);
      return nullptr;
    }
    const Function& target = prog_.functions[method];
    auto call = make(ExprKind::Call, tc_->error(), span);
    call->callee = method;
    std::vector<ExprPtr> args;
    args.push_back(std::move(operand));
    Substitution sub = instantiate(target.generics, s->types.size(), nullptr, span, *s);
    return finishCall(std::move(call), target, std::move(args), {}, 0, std::move(sub), span);
  }
  return nullptr;
}

}  // namespace hematite::check
