// Expressions: inference, operators, places, blocks and control flow.
#include <cmath>
#include <functional>

#include "frontend/check/checker_impl.h"

namespace hematite::check {

// ------------------------------------------------------------------ diagnostics

Diagnostic& Checker::unsupported(Span span, const std::string& what) {
  return diags_.report(DK::Unsupported, span, {what}).label(what + " not supported");
}

std::string Checker::typeName(const Type* t) {
  TypeNamer n = prog_.namer();
  std::vector<GenericParam>* g = cur_generics_;
  n.param_name = [g](uint32_t i) {
    return g && i < g->size() ? (*g)[i].name : "T" + std::to_string(i);
  };
  return resolveDeep(t)->toString(&n);
}

std::string Checker::describeForMismatch(const Type* t) {
  t = resolve(t);
  if (t->kind() == TypeKind::IntVar) return "integer";
  if (t->kind() == TypeKind::FloatVar) return "floating-point number";
  return "`" + typeName(t) + "`";
}

Diagnostic& Checker::mismatch(Span span, const Type* expected, const Type* found) {
  return diags_.report(DK::MismatchedTypes, span, {})
      .label("expected " + describeForMismatch(expected) + ", found " + describeForMismatch(found));
}

// ------------------------------------------------------------------ inference

const Type* Checker::newIntVar() {
  uint32_t id = uint32_t(vars_.size());
  vars_.push_back({id, nullptr, 1});
  return tc_->intVar(id);
}
const Type* Checker::newFloatVar() {
  uint32_t id = uint32_t(vars_.size());
  vars_.push_back({id, nullptr, 2});
  return tc_->floatVar(id);
}
const Type* Checker::newVar() {
  uint32_t id = uint32_t(vars_.size());
  vars_.push_back({id, nullptr, 0});
  return tc_->var(id);
}
ConstValue Checker::newConstVar() {
  const_vars_.push_back(std::nullopt);
  return ConstValue::var(uint32_t(const_vars_.size() - 1));
}
uint32_t Checker::findRoot(uint32_t v) {
  while (vars_[v].parent != v) v = vars_[v].parent = vars_[vars_[v].parent].parent;
  return v;
}
const Type* Checker::resolve(const Type* t) {
  if (!t || !t->isVar()) return t;
  if (t->varId() >= vars_.size()) return t;
  uint32_t r = findRoot(t->varId());
  if (vars_[r].bound) return resolve(vars_[r].bound);
  switch (vars_[r].kind) {
    case 1: return tc_->intVar(r);
    case 2: return tc_->floatVar(r);
    default: return tc_->var(r);
  }
}
ConstValue Checker::resolveConst(ConstValue c) {
  while (c.kind == ConstValue::Var && c.value < const_vars_.size() && const_vars_[c.value])
    c = ConstValue::number(*const_vars_[c.value]);
  return c;
}
const Type* Checker::resolveDeep(const Type* t) {
  if (!t || !t->hasVars()) return t;
  return tc_->map(
      t,
      [&](const Type* leaf) -> const Type* {
        const Type* r = resolve(leaf);
        return r == leaf || !r->hasVars() ? r : resolveDeep(r);
      },
      [&](ConstValue c) { return resolveConst(c); });
}
bool Checker::unifyConst(ConstValue a, ConstValue b) {
  a = resolveConst(a);
  b = resolveConst(b);
  if (a == b) return true;
  if (a.kind == ConstValue::Var && a.value < const_vars_.size()) {
    if (b.kind == ConstValue::Value) const_vars_[a.value] = b.value;
    else if (b.kind == ConstValue::Var) return true;  // both unknown: leave
    else return false;
    return true;
  }
  if (b.kind == ConstValue::Var) return unifyConst(b, a);
  return false;
}
bool Checker::unify(const Type* a, const Type* b) {
  a = resolve(a);
  b = resolve(b);
  if (a == b) return true;
  if (a->isError() || b->isError()) return true;
  if (b->isVar() && !a->isVar()) std::swap(a, b);
  if (a->isVar()) {
    uint32_t ra = findRoot(a->varId());
    uint8_t ak = vars_[ra].kind;
    if (b->isVar()) {
      uint32_t rb = findRoot(b->varId());
      uint8_t bk = vars_[rb].kind;
      if (ak != 0 && bk != 0 && ak != bk) return false;
      // The more specific kind survives.
      if (ak == 0) vars_[ra].parent = rb;
      else vars_[rb].parent = ra;
      return true;
    }
    if (ak == 1 && !b->isInteger()) return false;
    if (ak == 2 && !b->isFloat()) return false;
    if (ak == 0 && b->hasVars()) {
      // Occurs check: `?T = [?T; 2]` has no solution.
      std::function<bool(const Type*)> occurs = [&](const Type* t) -> bool {
        t = resolve(t);
        if (t->isVar()) return findRoot(t->varId()) == ra;
        if (t->element() && occurs(t->element())) return true;
        for (const Type* e : t->elements())
          if (occurs(e)) return true;
        return false;
      };
      if (occurs(b)) return false;
    }
    vars_[ra].bound = b;
    return true;
  }
  if (a->kind() != b->kind()) return false;
  switch (a->kind()) {
    case TypeKind::Slice:
    case TypeKind::Ref:
      return a->isMutable() == b->isMutable() && unify(a->element(), b->element());
    case TypeKind::Array:
      return unifyConst(a->arrayLen(), b->arrayLen()) && unify(a->element(), b->element());
    case TypeKind::Tuple:
    case TypeKind::Adt:
      if (a->kind() == TypeKind::Adt && a->adt() != b->adt()) return false;
      if (a->elements().size() != b->elements().size()) return false;
      for (size_t i = 0; i < a->elements().size(); ++i)
        if (!unify(a->elements()[i], b->elements()[i])) return false;
      for (size_t i = 0; i < a->constArgs().size() && i < b->constArgs().size(); ++i)
        if (!unifyConst(a->constArgs()[i], b->constArgs()[i])) return false;
      return true;
    default:
      return false;
  }
}
bool Checker::coerce(const Type* from, const Type* to) {
  from = resolve(from);
  to = resolve(to);
  if (from->isNever() || from->isError() || to->isError()) return true;
  if ((from->isSlice() || from->isRef()) && from->kind() == to->kind() && from->isMutable() &&
      !to->isMutable())
    return unify(from->element(), to->element());
  return unify(from, to);
}
bool Checker::demand(const Expr& e, const Type* expected) {
  if (coerce(e.type, expected)) return true;
  mismatch(e.span, expected, e.type);
  return false;
}
const Type* Checker::finalType(const Type* t) {
  if (!t) return t;
  t = resolveDeep(t);
  if (!t->hasVars()) return t;
  return tc_->map(
      t,
      [&](const Type* leaf) -> const Type* {
        const Type* r = resolve(leaf);
        if (!r->isVar()) return r;
        uint32_t root = findRoot(r->varId());
        const Type* d = r->kind() == TypeKind::IntVar     ? tc_->get(TypeKind::I32)
                        : r->kind() == TypeKind::FloatVar ? tc_->get(TypeKind::F64)
                                                          : tc_->error();
        if (d->isError() && fn_ && !vars_[root].bound) {
          diags_.report(DK::TypeAnnotationsNeeded, fn_->name_span, {fn_->name})
              .label("cannot infer a type in this function")
              .help("add type annotations to the `let` bindings");
        }
        vars_[root].bound = d;
        return d;
      },
      [&](ConstValue c) {
        c = resolveConst(c);
        if (c.kind == ConstValue::Var) return ConstValue::number(0);
        return c;
      });
}

LocalId Checker::declareLocal(const std::string& name, const Type* type, bool is_mut, Span span) {
  Local l;
  l.id = LocalId(fn_->locals.size());
  l.name = name;
  l.type = type;
  l.is_mutable = is_mut;
  l.span = span;
  fn_->locals.push_back(l);
  if (name != "_") scopes_.back().push_back({name, l.id});
  return l.id;
}
std::optional<LocalId> Checker::lookupLocal(const std::string& name) {
  for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s)
    for (auto it = s->rbegin(); it != s->rend(); ++it)
      if (it->first == name) return it->second;
  return std::nullopt;
}

ExprPtr Checker::make(ExprKind k, const Type* t, Span s) {
  auto e = std::make_unique<Expr>();
  e->kind = k;
  e->type = t;
  e->span = s;
  return e;
}
ExprPtr Checker::errorExpr(Span s) { return make(ExprKind::UnitLiteral, tc_->error(), s); }


const ast::Expr& Checker::stripParens(const ast::Expr& e) {
  const ast::Expr* p = &e;
  while (p->kind == ast::ExprKind::Paren) p = p->lhs.get();
  return *p;
}

const Checker::LoopCtx* Checker::findLoop(const ast::Ident& label, Span span, const char* what) {
  if (loops_.empty()) {
    diags_.report(DK::BreakOutsideLoop, span, {what})
        .label(std::string("cannot `") + what + "` outside of a loop");
    return nullptr;
  }
  if (label.name.empty()) {
    // An unlabeled break/continue targets the innermost loop, never a block.
    for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
      if (!it->is_block) return &*it;
    diags_.report(DK::BreakOutsideLoop, span, {what})
        .label(std::string("cannot `") + what + "` outside of a loop")
        .help("a labeled block needs a labeled `break 'label`");
    return nullptr;
  }
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
    if (it->label == label.name) return &*it;
  diags_.report(DK::UnresolvedValue, label.span, {label.name})
      .label("undeclared label `" + label.name + "`");
  return nullptr;
}

// Resolves a single-segment or `gpu::` path used as a callee.
bool Checker::opAccepts(ast::BinaryOp op, const Type* t) {
  t = resolve(t);
  if (t->isError() || t->isNever()) return true;
  if (t->isParam() && cur_generics_ && t->paramIndex() < cur_generics_->size()) {
    const auto& bb = (*cur_generics_)[t->paramIndex()].builtin_bounds;
    auto has = [&](const char* n) { return std::find(bb.begin(), bb.end(), n) != bb.end(); };
    if (op == ast::BinaryOp::Eq || op == ast::BinaryOp::Ne)
      return has("PartialEq") || has("Eq") || has("PartialOrd") || has("Ord");
    if (op == ast::BinaryOp::Lt || op == ast::BinaryOp::Le || op == ast::BinaryOp::Gt || op == ast::BinaryOp::Ge)
      return has("PartialOrd") || has("Ord");
    // Arithmetic through `T: Add<Output = T>` / `T: AddAssign`.
    for (const auto& info : opTraits())
      if (info.op == op && (info.kind == OpTraitInfo::Assign) == compound_assign_ &&
          info.kind != OpTraitInfo::Unary && has((std::string("op:") + info.name).c_str()))
        return true;
    return false;
  }
  if ((op == ast::BinaryOp::Eq || op == ast::BinaryOp::Ne) && (t->isAdt() || t->isTuple() || t->isArray())) {
    // `==` needs PartialEq: derived on every struct/enum inside, as rustc's
    // derive requires of the fields.
    std::function<bool(const Type*)> eq = [&](const Type* x) -> bool {
      x = resolve(x);
      if (x->isScalar() || x->isVar()) return true;
      if (x->isArray()) return eq(x->element());
      if (x->isTuple()) {
        for (const Type* e : x->elements())
          if (!eq(e)) return false;
        return true;
      }
      if (x->isAdt()) {
        const AdtDef& a = prog_.adts[x->adt()];
        if (!a.derives_eq) return false;
        for (const auto& f : a.fields)
          if (!eq(f.type)) return false;
        return true;
      }
      return false;
    };
    return eq(t);
  }
  switch (op) {
    case ast::BinaryOp::Add: case ast::BinaryOp::Sub: case ast::BinaryOp::Mul:
    case ast::BinaryOp::Div: case ast::BinaryOp::Rem:
      return t->isNumeric() || t->isVar();
    case ast::BinaryOp::BitAnd: case ast::BinaryOp::BitOr: case ast::BinaryOp::BitXor:
      return t->isInteger() || t->isBool() || t->kind() == TypeKind::IntVar;
    case ast::BinaryOp::Shl: case ast::BinaryOp::Shr:
      return t->isInteger() || t->kind() == TypeKind::IntVar;
    case ast::BinaryOp::Eq: case ast::BinaryOp::Ne: case ast::BinaryOp::Lt:
    case ast::BinaryOp::Le: case ast::BinaryOp::Gt: case ast::BinaryOp::Ge:
      return t->isScalar() || t->isVar() || t->isUnit();
    case ast::BinaryOp::And: case ast::BinaryOp::Or:
      return t->isBool();
  }
  return false;
}

// Checks `lhs op rhs` (also for compound assignment); returns the result type.
const Type* Checker::checkBinaryOperands(ast::BinaryOp op, Expr& lhs, Expr& rhs, Span op_span) {
  const Type* lt = resolve(lhs.type);
  if (op == ast::BinaryOp::And || op == ast::BinaryOp::Or) {
    demand(lhs, tc_->boolean());
    demand(rhs, tc_->boolean());
    return tc_->boolean();
  }
  if (!opAccepts(op, lt)) {
    diags_.report(DK::BinaryOpType, op_span, {ast::binaryOpSpelling(op), typeName(lt)})
        .label("`" + typeName(lt) + "` does not support `" + ast::binaryOpSpelling(op) + "`");
    return tc_->error();
  }
  if (op == ast::BinaryOp::Shl || op == ast::BinaryOp::Shr) {
    const Type* rt = resolve(rhs.type);
    if (!opAccepts(op, rt)) {
      mismatch(rhs.span, newIntVar(), rt);
      return tc_->error();
    }
    return lhs.type;
  }
  if (!coerce(rhs.type, lhs.type)) {
    mismatch(rhs.span, lhs.type, rhs.type);
    return tc_->error();
  }
  return ast::isComparison(op) ? tc_->boolean() : lhs.type;
}

const Type* Checker::typeForSuffix(lex::NumericSuffix s, Span span) {
  using NS = lex::NumericSuffix;
  switch (s) {
    case NS::I8: return tc_->get(TypeKind::I8);
    case NS::I16: return tc_->get(TypeKind::I16);
    case NS::I32: return tc_->get(TypeKind::I32);
    case NS::I64: return tc_->get(TypeKind::I64);
    case NS::Isize: return tc_->get(TypeKind::Isize);
    case NS::U8: return tc_->get(TypeKind::U8);
    case NS::U16: return tc_->get(TypeKind::U16);
    case NS::U32: return tc_->get(TypeKind::U32);
    case NS::U64: return tc_->get(TypeKind::U64);
    case NS::Usize: return tc_->get(TypeKind::Usize);
    case NS::F32: return tc_->get(TypeKind::F32);
    case NS::F64: return tc_->get(TypeKind::F64);
    case NS::I128: case NS::U128:
      unsupported(span, "128-bit integers");
      return tc_->error();
    case NS::None: return nullptr;
  }
  return nullptr;
}

ExprPtr Checker::checkLiteral(const ast::Expr& e, const Type* expected, bool negated) {
  const Type* exp = expected ? resolve(expected) : nullptr;
  switch (e.literal_kind) {
    case ast::LiteralKind::Int: {
      const Type* t = typeForSuffix(e.literal.suffix, e.span);
      if (!t) {
        if (exp && (exp->isInteger() || exp->kind() == TypeKind::IntVar)) t = exp;
        else t = newIntVar();
      }
      auto out = make(ExprKind::IntLiteral, t, e.span);
      out->int_value = negated ? uint64_t(0) - e.literal.int_value : e.literal.int_value;
      literals_.push_back({t, e.span, e.literal.int_value, negated});
      return out;
    }
    case ast::LiteralKind::Float: {
      const Type* t = typeForSuffix(e.literal.suffix, e.span);
      if (!t) {
        if (exp && (exp->isFloat() || exp->kind() == TypeKind::FloatVar)) t = exp;
        else t = newFloatVar();
      }
      auto out = make(ExprKind::FloatLiteral, t, e.span);
      out->float_value = negated ? -e.literal.float_value : e.literal.float_value;
      return out;
    }
    case ast::LiteralKind::Bool: {
      auto out = make(ExprKind::BoolLiteral, tc_->boolean(), e.span);
      out->bool_value = e.literal.kind == lex::TokenKind::KwTrue;
      return out;
    }
    case ast::LiteralKind::Byte: {
      auto out = make(ExprKind::IntLiteral, tc_->get(TypeKind::U8), e.span);
      out->int_value = e.literal.char_value;
      return out;
    }
    case ast::LiteralKind::Char:
      unsupported(e.span, "character literals");
      return errorExpr(e.span);
    case ast::LiteralKind::Str:
    case ast::LiteralKind::ByteStr:
      unsupported(e.span, "string literals");
      return errorExpr(e.span);
  }
  return errorExpr(e.span);
}

ExprPtr Checker::checkUnary(const ast::Expr& e, const Type* expected) {
  switch (e.unary_op) {
    case ast::UnaryOp::Deref: {
      ExprPtr v = checkExpr(*e.lhs, nullptr);
      const Type* t = resolve(v->type);
      if (t->isError()) return v;
      if (!t->isRef()) {
        diags_.report(DK::CannotDeref, e.span, {typeName(t)}).label("cannot be dereferenced");
        return errorExpr(e.span);
      }
      auto out = make(ExprKind::Deref, t->element(), e.span);
      out->operands.push_back(std::move(v));
      return out;
    }
    case ast::UnaryOp::Ref:
    case ast::UnaryOp::RefMut: {
      bool is_mut = e.unary_op == ast::UnaryOp::RefMut;
      const ast::Expr& inner = stripParens(*e.lhs);
      if (inner.kind == ast::ExprKind::Index && stripParens(*inner.rhs).kind == ast::ExprKind::Range) {
        // `&s[a..b]`: a sub-slice.
        const ast::Expr& r = stripParens(*inner.rhs);
        ExprPtr base = autoDeref(checkExpr(*inner.lhs, nullptr));
        const Type* bt = resolve(base->type);
        auto out = make(ExprKind::SliceRange, tc_->error(), e.span);
        out->inclusive = r.inclusive;
        out->has_start = r.lhs != nullptr;
        out->has_end = r.rhs != nullptr;
        out->operands.push_back(std::move(base));
        for (const ast::Expr* b : {r.lhs.get(), r.rhs.get()}) {
          if (!b) continue;
          ExprPtr v = checkExpr(*b, tc_->usize());
          demand(*v, tc_->usize());
          out->operands.push_back(std::move(v));
        }
        if (bt->isError()) return out;
        if (!bt->isSlice()) {
          unsupported(e.span, "sub-slices of `" + typeName(bt) + "`")
              .note("only slices passed to the kernel (`&[T]`, `&mut [T]`) can be sub-sliced");
          return out;
        }
        if (is_mut && !bt->isMutable())
          diags_.report(DK::AssignThroughSharedRef, e.span, {"data"})
              .label("cannot borrow data in a `&` slice as mutable")
              .help("consider changing this to be a mutable slice: `&mut [" + typeName(bt->element()) + "]`");
        out->type = tc_->slice(bt->element(), is_mut);
        return out;
      }
      const Type* hint = nullptr;
      if (expected) {
        const Type* x = resolve(expected);
        if (x->isRef()) hint = x->element();
      }
      ExprPtr v = checkExpr(*e.lhs, hint);
      const Type* t = resolve(v->type);
      if (t->isError()) return v;
      if (t->isRef()) {
        unsupported(e.span, "references to references")
            .help("use the reference itself, or dereference it first: `&*r`");
        return errorExpr(e.span);
      }
      if (t->isSlice()) {
        // `&x` where x is already a slice: a reborrow.
        if (is_mut && !t->isMutable()) checkMutablePlace(*v, e.span, "borrow");
        return v;
      }
      if (is_mut && isPlace(*v)) checkMutablePlace(*v, e.span, "borrow");
      if (!isPlace(*v)) return borrowTemporary(std::move(v), is_mut, e.span);
      auto out = make(ExprKind::AddrOf, tc_->ref(v->type, is_mut), e.span);
      out->is_mut = is_mut;
      out->operands.push_back(std::move(v));
      return out;
    }
    
case ast::UnaryOp::Neg: {
      const ast::Expr& inner = *e.lhs;
      if (inner.kind == ast::ExprKind::Literal &&
          (inner.literal_kind == ast::LiteralKind::Int || inner.literal_kind == ast::LiteralKind::Float)) {
        ExprPtr lit = checkLiteral(inner, expected, true);
        lit->span = e.span;
        if (inner.literal_kind == ast::LiteralKind::Int) literals_.back().span = e.span;
        const Type* t = resolve(lit->type);
        if (t->isUnsignedInt()) {
          diags_.report(DK::UnaryOpType, e.span, {"-", typeName(t)})
              .label("cannot apply unary operator `-`")
              .note("unsigned values cannot be negated");
          literals_.pop_back();
        } else if (t->kind() == TypeKind::IntVar) {
          neg_checks_.push_back({lit->type, e.span});
        }
        return lit;
      }
      ExprPtr v = checkExpr(inner, expected);
      if (resolve(v->type)->isAdt())
        if (ExprPtr call = checkOverloadedUnary(ast::UnaryOp::Neg, v, e.span)) return call;
      const Type* t = resolve(v->type);
      if (!t->isError()) {
        if (t->kind() == TypeKind::IntVar) {
          // checked once the type is known
        } else if (t->isParam() && cur_generics_ && t->paramIndex() < cur_generics_->size() &&
                   std::find((*cur_generics_)[t->paramIndex()].builtin_bounds.begin(),
                             (*cur_generics_)[t->paramIndex()].builtin_bounds.end(),
                             "op:Neg") != (*cur_generics_)[t->paramIndex()].builtin_bounds.end()) {
          // `T: Neg<Output = T>`
        } else if (!(t->isSignedInt() || t->isFloat() || t->kind() == TypeKind::FloatVar)) {
          diags_.report(DK::UnaryOpType, e.span, {"-", typeName(t)})
              .label("cannot apply unary operator `-`");
          t = tc_->error();
        }
      }
      auto out = make(ExprKind::Unary, t, e.span);
      out->unary_op = UnaryOp::Neg;
      if (t->kind() == TypeKind::IntVar) neg_checks_.push_back({t, e.span});
      out->operands.push_back(std::move(v));
      return out;
    }
    case ast::UnaryOp::Not: {
      ExprPtr v = checkExpr(*e.lhs, expected);
      if (resolve(v->type)->isAdt())
        if (ExprPtr call = checkOverloadedUnary(ast::UnaryOp::Not, v, e.span)) return call;
      const Type* t = resolve(v->type);
      if (!t->isError() && !(t->isBool() || t->isInteger() || t->kind() == TypeKind::IntVar)) {
        diags_.report(DK::UnaryOpType, e.span, {"!", typeName(t)})
            .label("cannot apply unary operator `!`");
        t = tc_->error();
      }
      auto out = make(ExprKind::Unary, t, e.span);
      out->unary_op = UnaryOp::Not;
      out->operands.push_back(std::move(v));
      return out;
    }
  }
  return errorExpr(e.span);
}

ExprPtr Checker::checkCast(const ast::Expr& e) {
  const Type* target = resolveType(*e.type);
  const ast::Expr& inner = stripParens(*e.lhs);
  const Type* hint = nullptr;
  // rustc's cast hint: an unsuffixed literal cast to a type of its own
  // family takes that type (`300 as u8` is a u8 literal).
  if (inner.kind == ast::ExprKind::Literal && !target->isError()) {
    if (inner.literal_kind == ast::LiteralKind::Int && target->isInteger()) hint = target;
    if (inner.literal_kind == ast::LiteralKind::Float && target->isFloat()) hint = target;
  }
  ExprPtr v = checkExpr(*e.lhs, hint);
  auto out = make(ExprKind::Cast, target, e.span);
  const Type* from = resolve(v->type);
  if (!target->isError() && !from->isError()) {
    bool from_num = from->isNumeric() || from->isVar();
    bool from_enum = from->isAdt() && prog_.adts[from->adt()].is_enum;
    bool ok = (from_num && target->isNumeric()) || (from->isBool() && target->isInteger()) ||
              (from_enum && target->isInteger()) ||
              (from->isBool() && target->isBool()) ||
              (from->isSlice() && target->isSlice() && coerce(from, target));
    if (!ok) {
      diags_.report(DK::InvalidCast, e.span, {typeName(from), typeName(target)})
          .label("invalid cast");
      out->type = tc_->error();
    }
  }
  out->operands.push_back(std::move(v));
  return out;
}

ExprPtr Checker::checkIf(const ast::Expr& e, const Type* expected) {
  ExprPtr cond = checkExpr(*e.lhs, tc_->boolean());
  demand(*cond, tc_->boolean());
  auto out = make(ExprKind::If, tc_->unit(), e.span);
  if (!e.else_expr) {
    ExprPtr then = checkBlockExpr(*e.block, tc_->unit(), e.block->span);
    if (!coerce(then->type, tc_->unit())) {
      Span at = then->block->tail ? then->block->tail->span : then->span;
      mismatch(at, tc_->unit(), then->type)
          .note("`if` expressions without `else` evaluate to `()`")
          .help("consider adding an `else` block that evaluates to the expected type");
    }
    out->operands.push_back(std::move(cond));
    out->operands.push_back(std::move(then));
    return out;
  }
  ExprPtr then = checkBlockExpr(*e.block, expected, e.block->span);
  const Type* hint = expected;
  if (!hint && !resolve(then->type)->isNever()) hint = then->type;
  ExprPtr els = checkExpr(*e.else_expr, hint);
  const Type* tt = resolve(then->type);
  const Type* et = resolve(els->type);
  const Type* result;
  if (tt->isNever()) result = et;
  else if (et->isNever()) result = tt;
  else if (coerce(et, tt)) result = tt;
  else if (coerce(tt, et)) result = et;
  else {
    Span at = els->kind == ExprKind::Block && els->block->tail ? els->block->tail->span : els->span;
    Span then_at = then->block && then->block->tail ? then->block->tail->span : then->span;
    diags_.report(DK::MismatchedTypes, at, {})
        .label("expected " + describeForMismatch(tt) + ", found " + describeForMismatch(et))
        .secondary(then_at, "expected because of this")
        .note("`if` and `else` have incompatible types");
    result = tc_->error();
  }
  out->type = result;
  out->operands.push_back(std::move(cond));
  out->operands.push_back(std::move(then));
  out->operands.push_back(std::move(els));
  return out;
}

// ------------------------------------------------------------------ blocks

void Checker::checkLet(const ast::Stmt& s, Block& out_block, bool& diverges) {
  Stmt out;
  out.span = s.span;
  if (s.else_block) unsupported(s.span, "`let ... else`");
  const Type* annot = nullptr;
  if (s.type && s.type->kind != ast::TypeKind::Infer) annot = resolveType(*s.type);
  ExprPtr init;
  if (s.init) {
    init = checkExpr(*s.init, annot);
    if (annot && !coerce(init->type, annot))
      mismatch(init->span, annot, init->type).secondary(s.type->span, "expected due to this");
    if (resolve(init->type)->isNever()) diverges = true;
  }
  const ast::Pattern& pat = *s.pattern;
  const Type* ty = annot ? annot : (init ? init->type : nullptr);
  if (pat.kind == ast::PatternKind::Ident && !pat.is_ref && pat.elems.empty()) {
    if (!ty) ty = newVar();  // `let x;` takes the type of its first assignment
    if (init && !annot && resolve(ty)->isNever()) ty = tc_->unit();
    out.kind = StmtKind::Let;
    out.local = declareLocal(pat.name.name, ty, pat.is_mut, pat.name.span);
    out.pattern = bindingPattern(out.local, pat.span);
    deferred_init_.resize(fn_->locals.size(), false);
    deferred_init_[out.local] = !init;
    out.init = std::move(init);
  } else if (pat.kind == ast::PatternKind::Wildcard) {
    out.kind = StmtKind::Expr;
    out.expr = init ? std::move(init) : make(ExprKind::UnitLiteral, tc_->unit(), s.span);
  } else {
    if (!init) {
      unsupported(pat.span, "destructuring `let` without an initializer");
      return;
    }
    out.kind = StmtKind::Let;
    // Bindings become visible after the initializer is checked.
    out.pattern = checkPattern(pat, ty, true);
    out.init = std::move(init);
  }
  out_block.stmts.push_back(std::move(out));
}

ExprPtr Checker::checkBlockExpr(const ast::Block& b, const Type* expected, Span span) {
  auto e = make(ExprKind::Block, tc_->unit(), span);
  e->block = std::make_unique<Block>();
  scopes_.emplace_back();
  bool diverges = false;
  // `use` items in a block import into a scope of the block's own (a block
  // module whose lookups fall back to the enclosing one), for the whole block.
  uint32_t saved_module = cur_module_;
  for (const auto& s : b.stmts) {
    if (s.kind != ast::StmtKind::Item || !s.item || s.item->kind != ast::ItemKind::Use) continue;
    if (!modules_[cur_module_].block_scope || cur_module_ == saved_module) {
      uint32_t scope = addModule(modules_[saved_module].path, saved_module);
      modules_[scope].block_scope = true;
      cur_module_ = scope;
    }
    processUse(cur_module_, s.item->use_tree, {}, true);
  }
  for (const auto& s : b.stmts) {
    switch (s.kind) {
      case ast::StmtKind::Empty: break;
      case ast::StmtKind::Item:
        if (s.item && s.item->kind == ast::ItemKind::Use) break;  // imported above
        unsupported(s.item && s.item->name.span.valid() ? s.item->name.span : s.span,
                    "items other than `use` inside function bodies")
            .help("move the item out of the function, into the module");
        break;
      case ast::StmtKind::Let: checkLet(s, *e->block, diverges); break;
      case ast::StmtKind::Expr: {
        Stmt out;
        out.kind = StmtKind::Expr;
        out.span = s.span;
        out.expr = checkExpr(*s.init, s.has_semi ? nullptr : tc_->unit());
        if (!s.has_semi) demand(*out.expr, tc_->unit());
        if (resolve(out.expr->type)->isNever()) diverges = true;
        e->block->stmts.push_back(std::move(out));
        break;
      }
    }
  }
  if (b.tail) {
    e->block->tail = checkExpr(*b.tail, expected);
    e->type = e->block->tail->type;
    if (diverges && resolve(e->type)->isUnit()) e->type = tc_->never();
  } else {
    e->type = diverges ? tc_->never() : tc_->unit();
  }
  scopes_.pop_back();
  cur_module_ = saved_module;
  return e;
}

// ------------------------------------------------------------------ paths

ExprPtr Checker::valueFromDef(const Def& d, const ast::Expr& e, const Type* expected) {
  (void)expected;
  switch (d.kind) {
    case Def::Const: {
      auto out = make(ExprKind::ConstRef, prog_.consts.size() > d.id ? prog_.consts[d.id].type : tc_->error(), e.span);
      out->const_id = d.id;
      if (d.id >= prog_.consts.size()) {
        unsupported(e.span, "constants used in other constants' types");
        out->type = tc_->error();
      }
      return out;
    }
    case Def::BuiltinConst: {
      const BuiltinConstDef& c = builtin_consts_[d.id];
      auto out = make(c.type->isFloat() ? ExprKind::FloatLiteral : ExprKind::IntLiteral, c.type, e.span);
      out->float_value = c.float_value;
      out->int_value = c.int_value;
      return out;
    }
    case Def::Variant: {
      fillAdt(d.id);
      auto out = make(ExprKind::EnumVariant, tc_->adt(d.id, {}), e.span);
      out->variant_index = d.variant;
      return out;
    }
    case Def::Adt: {
      const AdtDef& adt = prog_.adts[d.id];
      const ast::Item* item = adt_items_[d.id];
      if (!adt.is_enum && item->is_unit_struct) {
        auto out = make(ExprKind::StructLit, adt.generics.empty() ? tc_->adt(d.id, {}) : tc_->error(), e.span);
        return out;
      }
      diags_.report(DK::UnresolvedValue, e.span, {e.path.toString()})
          .label(item->is_tuple_struct ? "a tuple struct constructor must be called"
                                       : "a struct is not a value")
          .help(item->is_tuple_struct ? "call it: `" + adt.name + "(...)`"
                                      : "use a struct literal: `" + adt.name + " { ... }`");
      return errorExpr(e.span);
    }
    case Def::Fn:
    case Def::Intrinsic:
      unsupported(e.span, "functions used as values").help("call it: `" + e.path.toString() + "(...)`");
      return errorExpr(e.span);
    default:
      diags_.report(DK::UnresolvedValue, e.span, {e.path.toString()}).label("not a value");
      return errorExpr(e.span);
  }
}

ExprPtr Checker::checkPathValue(const ast::Expr& e, const Type* expected) {
  const ast::Path& p = e.path;
  if (p.segments.size() == 1 && !p.global && !p.segments[0].has_generic_args) {
    const std::string& n = p.segments[0].ident.name;
    if (auto l = lookupLocal(n)) {
      auto out = make(ExprKind::LocalRef, fn_->locals[*l].type, e.span);
      out->local = *l;
      return out;
    }
    if (n == "self") {
      diags_.report(DK::UnresolvedValue, e.span, {"self"})
          .label("`self` value is a keyword only available in methods with a `self` parameter");
      return errorExpr(e.span);
    }
    if (cur_generics_)
      for (size_t i = cur_generics_->size(); i-- > 0;)
        if ((*cur_generics_)[i].is_const && (*cur_generics_)[i].name == n) {
          auto out = make(ExprKind::ConstParam, (*cur_generics_)[i].const_type, e.span);
          out->param_index = uint32_t(i);
          return out;
        }
  }
  size_t consumed = 0;
  const Def* d = lookupPath(p, false, false, &consumed);
  if (d && consumed == p.segments.size()) return valueFromDef(*d, e, expected);
  // `Type::CONST` / `Self::CONST`: an associated const of an inherent impl.
  if (p.segments.size() >= 2) {
    const Type* owner = nullptr;
    if (p.segments.size() == 2 && p.segments[0].ident.name == "Self") owner = cur_self_;
    else if (d && d->kind == Def::Adt && consumed == p.segments.size() - 1) owner = tc_->adt(d->id, {});
    const std::string& last = p.segments.back().ident.name;
    if (owner && owner->isAdt())
      for (const auto& [key, cid] : impl_consts_) {
        const ImplDef& impl = prog_.impls[key.first];
        if (key.second != last || impl.self_type != owner) continue;
        Def cd{Def::Const, cid, {}, {}, true};
        return valueFromDef(cd, e, expected);
      }
  }
  // Type-relative: `u32::MAX`, `f32::INFINITY`, `Type::CONST`.
  if (p.segments.size() >= 2) {
    const std::string& last = p.segments.back().ident.name;
    const Type* prim = nullptr;
    if (p.segments.size() == 2) prim = tc_->primitiveByName(p.segments[0].ident.name);
    if (!prim && d && d->kind == Def::Prim && consumed == p.segments.size() - 1)
      prim = tc_->primitiveByName(p.segments[consumed - 1].ident.name);
    if (prim) {
      if (prim->isInteger() && (last == "MAX" || last == "MIN" || last == "BITS")) {
        const Type* t = last == "BITS" ? tc_->get(TypeKind::U32) : prim;
        auto out = make(ExprKind::IntLiteral, t, e.span);
        unsigned w = prim->bitWidth();
        if (last == "BITS") out->int_value = w;
        else if (prim->isUnsignedInt()) out->int_value = last == "MAX" ? (w == 64 ? ~0ull : (1ull << w) - 1) : 0;
        else out->int_value = last == "MAX" ? (1ull << (w - 1)) - 1 : uint64_t(-(int64_t)((1ull << (w - 1)) - 1) - 1);
        return out;
      }
      if (prim->isFloat()) {
        bool f32 = prim->kind() == TypeKind::F32;
        double v;
        bool found = true;
        if (last == "INFINITY") v = HUGE_VAL;
        else if (last == "NEG_INFINITY") v = -HUGE_VAL;
        else if (last == "NAN") v = NAN;
        else if (last == "MAX") v = f32 ? 3.40282347e+38 : 1.7976931348623157e+308;
        else if (last == "MIN") v = f32 ? -3.40282347e+38 : -1.7976931348623157e+308;
        else if (last == "MIN_POSITIVE") v = f32 ? 1.17549435e-38 : 2.2250738585072014e-308;
        else if (last == "EPSILON") v = f32 ? 1.19209290e-07 : 2.2204460492503131e-16;
        else found = false;
        if (found) {
          auto out = make(ExprKind::FloatLiteral, prim, e.span);
          out->float_value = v;
          return out;
        }
      }
      diags_.report(DK::UnresolvedValue, e.span, {p.toString()})
          .label("no associated item named `" + last + "` found for `" + typeName(prim) + "`");
      return errorExpr(e.span);
    }
    if (d && (d->kind == Def::Adt) && consumed == p.segments.size() - 1) {
      diags_.report(DK::UnresolvedValue, e.span, {p.toString()})
          .label("no variant or associated item named `" + last + "` found");
      return errorExpr(e.span);
    }
  }
  std::string n = p.toString();
  if (p.segments.size() == 1 && tc_->primitiveByName(n)) {
    diags_.report(DK::ExpectedValueFoundType, e.span, {n}).label("not a value");
    return errorExpr(e.span);
  }
  Diagnostic& diag = diags_.report(DK::UnresolvedValue, e.span, {n}).label("not found in this scope");
  if (p.segments.size() == 1 && lookupIn(gpu_module_, n, false))
    diag.help("consider importing it: `use gpu::" + n + ";`");
  return errorExpr(e.span);
}

// ------------------------------------------------------------------ places

bool Checker::isPlace(const Expr& e) const {
  switch (e.kind) {
    case ExprKind::LocalRef: case ExprKind::Deref: case ExprKind::ConstRef: return true;
    case ExprKind::Index:
      return e.operands[0]->type->isSlice() || isPlace(*e.operands[0]);
    case ExprKind::Field: return isPlace(*e.operands[0]);
    default: return false;
  }
}

bool Checker::checkMutablePlace(const Expr& place, Span span, const char* action) {
  bool assign = std::string(action) == "assign";
  switch (place.kind) {
    case ExprKind::LocalRef: {
      const Local& l = fn_->locals[place.local];
      bool deferred = assign && place.local < deferred_init_.size() && deferred_init_[place.local];
      if (l.is_mutable || deferred) return true;
      if (resolve(l.type)->isError()) return true;
      if (assign) {
        diags_.report(DK::AssignToImmutable, span, {l.name})
            .label("cannot assign twice to immutable variable")
            .secondary(l.span, l.is_param ? "this is an immutable parameter"
                                          : "first assignment to `" + l.name + "`")
            .suggest("consider making this binding mutable: `mut " + l.name + "`", l.span,
                     "mut " + l.name);
      } else {
        diags_.report(DK::BorrowImmutable, span, {l.name})
            .label("cannot borrow as mutable")
            .suggest("consider changing this to be mutable: `mut " + l.name + "`", l.span,
                     "mut " + l.name);
      }
      return false;
    }
    case ExprKind::Index: {
      const Type* bt = resolve(place.operands[0]->type);
      if (bt->isSlice()) {
        if (bt->isMutable()) return true;
        std::string what = place.operands[0]->kind == ExprKind::LocalRef
                               ? fn_->locals[place.operands[0]->local].name + "[_]"
                               : "data";
        Diagnostic& d = diags_.report(DK::AssignThroughSharedRef, span, {what})
                            .label(std::string("cannot ") + action + " through a `&` slice");
        if (place.operands[0]->kind == ExprKind::LocalRef) {
          const Local& l = fn_->locals[place.operands[0]->local];
          d.secondary(l.span, "`" + l.name + "` is a `" + typeName(bt) + "`");
        }
        d.help("consider changing this to be a mutable slice: `&mut [" + typeName(bt->element()) + "]`");
        return false;
      }
      return checkMutablePlace(*place.operands[0], span, action);
    }
    case ExprKind::Field: return checkMutablePlace(*place.operands[0], span, action);
    case ExprKind::Deref: {
      const Type* rt = resolve(place.operands[0]->type);
      if (rt->isRef() && rt->isMutable()) return true;
      if (rt->isError()) return true;
      std::string what = place.operands[0]->kind == ExprKind::LocalRef
                             ? "*" + fn_->locals[place.operands[0]->local].name
                             : "data";
      diags_.report(DK::AssignThroughSharedRef, span, {what})
          .label(std::string("`") + what + "` is behind a `&` reference, so the data it refers to cannot be " +
                 (assign ? "written" : "borrowed as mutable"))
          .help("consider changing this to be a mutable reference: `&mut " + typeName(rt->element()) + "`");
      return false;
    }
    case ExprKind::ConstRef:
      diags_.report(DK::InvalidAssignTarget, span, {}).label("cannot assign to a constant");
      return false;
    default:
      diags_.report(DK::InvalidAssignTarget, span, {}).label(std::string("cannot ") + action + " this expression");
      return false;
  }
}

ExprPtr Checker::checkAssignTarget(const ast::Expr& target, bool compound) {
  ExprPtr place = checkExpr(target, nullptr);
  if (place->type->isError()) return place;
  if (!isPlace(*place)) {
    diags_.report(DK::InvalidAssignTarget, target.span, {}).label("cannot assign to this expression");
    place->type = tc_->error();
    return place;
  }
  // `let x; ... x = v;` may assign in several places (branches): whether an
  // immutable `x` is assigned twice, or read before it is assigned, is decided
  // by the dataflow in moves.cpp.
  if (place->kind == ExprKind::LocalRef && compound && place->local < deferred_init_.size())
    deferred_init_[place->local] = false;
  checkMutablePlace(*place, target.span, "assign");
  return place;
}

ExprPtr Checker::autoDeref(ExprPtr e) {
  while (resolve(e->type)->isRef()) {
    const Type* t = resolve(e->type);
    Span s = e->span;
    auto d = make(ExprKind::Deref, t->element(), s);
    d->operands.push_back(std::move(e));
    e = std::move(d);
  }
  return e;
}

PatternPtr Checker::bindingPattern(LocalId l, Span span) {
  auto p = std::make_unique<Pattern>();
  p->kind = PatternKind::Binding;
  p->local = l;
  p->type = fn_->locals[l].type;
  p->span = span;
  return p;
}

ExprPtr Checker::borrowTemporary(ExprPtr v, bool is_mut, Span span) {
  LocalId tmp = declareLocal("<tmp>", v->type, is_mut, v->span);
  deferred_init_.resize(fn_->locals.size(), false);
  const Type* t = fn_->locals[tmp].type;
  auto blk = make(ExprKind::Block, tc_->ref(t, is_mut), span);
  blk->block = std::make_unique<Block>();
  Stmt st;
  st.kind = StmtKind::Let;
  st.local = tmp;
  st.pattern = bindingPattern(tmp, v->span);
  st.init = std::move(v);
  blk->block->stmts.push_back(std::move(st));
  auto ref = make(ExprKind::LocalRef, t, span);
  ref->local = tmp;
  auto addr = make(ExprKind::AddrOf, tc_->ref(t, is_mut), span);
  addr->is_mut = is_mut;
  addr->operands.push_back(std::move(ref));
  blk->block->tail = std::move(addr);
  return blk;
}

ExprPtr Checker::checkField(const ast::Expr& e) {
  ExprPtr base = autoDeref(checkExpr(*e.lhs, nullptr));
  const Type* bt = resolve(base->type);
  if (bt->isError()) return errorExpr(e.span);
  const std::string& name = e.name.name;
  if (bt->isTuple()) {
    char* end = nullptr;
    unsigned long idx = std::strtoul(name.c_str(), &end, 10);
    if (!name.empty() && *end == 0 && idx < bt->elements().size()) {
      auto out = make(ExprKind::Field, bt->elements()[idx], e.span);
      out->field_index = uint32_t(idx);
      out->operands.push_back(std::move(base));
      return out;
    }
  }
  if (bt->isAdt() && !prog_.adts[bt->adt()].is_enum) {
    const AdtDef& adt = prog_.adts[bt->adt()];
    for (size_t i = 0; i < adt.fields.size(); ++i)
      if (adt.fields[i].name == name) {
        if (!adt.fields[i].is_pub && !isAncestorOrSelf(adt_modules_[bt->adt()], cur_module_))
          reportPrivate(e.name.span, "field", name, adt.fields[i].span);
        const Type* ft = fieldTypes(bt)[i];
        auto out = make(ExprKind::Field, ft, e.span);
        out->field_index = uint32_t(i);
        out->operands.push_back(std::move(base));
        return out;
      }
  }
  Diagnostic& d = diags_.report(DK::NoField, e.name.span, {name, typeName(bt)}).label("unknown field");
  if ((bt->isSlice() || bt->isArray()) && name == "len") d.help("use `.len()` to get the length");
  if (bt->isAdt() && !prog_.adts[bt->adt()].is_enum) {
    std::string avail;
    for (const auto& f : prog_.adts[bt->adt()].fields) avail += (avail.empty() ? "" : ", ") + ("`" + f.name + "`");
    if (!avail.empty()) d.note("available fields are: " + avail);
  }
  return errorExpr(e.span);
}

ExprPtr Checker::checkIndex(const ast::Expr& e) {
  ExprPtr base = autoDeref(checkExpr(*e.lhs, nullptr));
  const ast::Expr& idx_ast = stripParens(*e.rhs);
  const Type* bt = resolve(base->type);
  if (idx_ast.kind == ast::ExprKind::Range) {
    // `x[a..b]` is only meaningful behind `&`/`&mut` (checked in checkUnary).
    unsupported(e.span, "range indexing without `&`").help("borrow the sub-slice: `&x[a..b]`");
    return errorExpr(e.span);
  }
  ExprPtr idx = checkExpr(*e.rhs, tc_->usize());
  if (bt->isError()) {
    return errorExpr(e.span);
  }
  if (!bt->isSlice() && !bt->isArray()) {
    diags_.report(DK::NotIndexable, e.lhs->span, {typeName(bt)}).label("cannot be indexed");
    return errorExpr(e.span);
  }
  if (!coerce(idx->type, tc_->usize()))
    mismatch(idx->span, tc_->usize(), idx->type)
        .note("slice and array indices are of type `usize`")
        .help("convert the index with `as usize`");
  auto out = make(ExprKind::Index, bt->element(), e.span);
  out->operands.push_back(std::move(base));
  out->operands.push_back(std::move(idx));
  return out;
}

ExprPtr Checker::checkStructLit(const ast::Expr& e, const Type* expected) {
  const ast::Path& p = e.path;
  const Type* t = nullptr;
  if (p.segments.size() == 1 && p.segments[0].ident.name == "Self" && cur_self_) {
    t = cur_self_;
  } else {
    const Def* d = lookupPath(p, true, false);
    if (!d || d->kind != Def::Adt) {
      if (d && d->kind == Def::Variant)
        unsupported(e.span, "enum variants with fields");
      else
        diags_.report(DK::UnresolvedType, p.span, {p.toString()}).label("not found in this scope");
      for (const auto& f : e.fields)
        if (f.value) checkExpr(*f.value, nullptr);
      return errorExpr(e.span);
    }
    t = adtTypeFromArgs(d->id, p.segments.back(), p.span);
  }
  if (t->isError()) return errorExpr(e.span);
  if (expected) unify(t, expected);
  t = resolve(t);
  if (!t->isAdt() || prog_.adts[t->adt()].is_enum) {
    diags_.report(DK::UnresolvedType, p.span, {p.toString()}).label("not a struct");
    return errorExpr(e.span);
  }
  const AdtDef& adt = prog_.adts[t->adt()];
  std::vector<const Type*> ftypes = fieldTypes(t);
  auto out = make(ExprKind::StructLit, t, e.span);
  std::vector<ExprPtr> values(adt.fields.size());
  for (const auto& f : e.fields) {
    size_t i = 0;
    while (i < adt.fields.size() && adt.fields[i].name != f.name.name) ++i;
    if (i == adt.fields.size()) {
      diags_.report(DK::NoField, f.name.span, {f.name.name, adt.name})
          .label("`" + adt.name + "` does not have this field");
      if (f.value) checkExpr(*f.value, nullptr);
      continue;
    }
    if (!adt.fields[i].is_pub && !isAncestorOrSelf(adt_modules_[t->adt()], cur_module_))
      reportPrivate(f.name.span, "field", f.name.name, adt.fields[i].span);
    const Type* ft = ftypes[i];
    ExprPtr v;
    if (f.value) {
      v = checkExpr(*f.value, ft);
    } else {
      ast::Expr pe;
      pe.kind = ast::ExprKind::Path;
      pe.span = f.name.span;
      pe.path.segments.push_back(ast::PathSegment::named(f.name));
      pe.path.span = f.name.span;
      v = checkPathValue(pe, ft);
    }
    demand(*v, ft);
    if (values[i]) {
      diags_.report(DK::DuplicateDefinition, f.name.span, {f.name.name}).label("field specified more than once");
      continue;
    }
    values[i] = std::move(v);
  }
  // `S { a: x, ..base }`: the base is evaluated once, into a hidden local,
  // and the missing fields are read from it.
  ExprPtr base;
  LocalId base_local = 0;
  if (e.rhs) {
    base = checkExpr(*e.rhs, t);
    demand(*base, t);
    base_local = declareLocal("<base>", t, false, base->span);
    deferred_init_.resize(fn_->locals.size(), false);
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i]) continue;
    if (base) {
      auto fe = make(ExprKind::Field, ftypes[i], e.span);
      fe->field_index = uint32_t(i);
      auto r = make(ExprKind::LocalRef, t, base->span);
      r->local = base_local;
      fe->operands.push_back(std::move(r));
      values[i] = std::move(fe);
      continue;
    }
    missing.push_back("`" + adt.fields[i].name + "`");
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
    diags_.report(DK::MissingFields, p.span, {list, adt.name}).label("missing " + list);
    return errorExpr(e.span);
  }
  for (auto& v : values) out->operands.push_back(std::move(v));
  if (!base) return out;
  auto blk = make(ExprKind::Block, t, e.span);
  blk->block = std::make_unique<Block>();
  Stmt st;
  st.kind = StmtKind::Let;
  st.local = base_local;
  st.pattern = bindingPattern(base_local, base->span);
  st.init = std::move(base);
  blk->block->stmts.push_back(std::move(st));
  blk->block->tail = std::move(out);
  return blk;
}

// ------------------------------------------------------------------ macros

ExprPtr Checker::checkMacro(const ast::Expr& e, const Type* expected) {
  (void)expected;
  std::string name = e.path.toString();
  auto formatArgs = [&](size_t first, Expr& out) -> bool {
    if (e.args.size() <= first) return true;
    const ast::Expr& f = stripParens(*e.args[first]);
    if (f.kind != ast::ExprKind::Literal || f.literal_kind != ast::LiteralKind::Str) {
      diags_.report(DK::MacroFormat, e.args[first]->span, {name})
          .label("expected a string literal")
          .help("write `" + name + "!(\"message {}\", value)`");
      return false;
    }
    std::string msg = f.literal.string_value;
    size_t holes = 0;
    for (size_t i = 0; i < msg.size(); ++i) {
      if (msg[i] == '{' && i + 1 < msg.size() && msg[i + 1] == '{') { ++i; continue; }
      if (msg[i] == '}' && i + 1 < msg.size() && msg[i + 1] == '}') { ++i; continue; }
      if (msg[i] == '{') {
        size_t close = msg.find('}', i);
        if (close == std::string::npos || (close != i + 1 && msg.substr(i + 1, close - i - 1) != ":?")) {
          diags_.report(DK::MacroFormat, f.span, {name})
              .label("only `{}` and `{:?}` placeholders are supported")
              .note("named and formatted placeholders (`{x}`, `{:.2}`) are not supported in kernels");
          return false;
        }
        ++holes;
        i = close;
      }
    }
    if (holes != e.args.size() - first - 1) {
      diags_.report(DK::MacroFormat, f.span, {name})
          .label(std::to_string(holes) + " placeholder" + (holes == 1 ? "" : "s") + " but " +
                 std::to_string(e.args.size() - first - 1) + " argument" +
                 (e.args.size() - first - 1 == 1 ? "" : "s"));
      return false;
    }
    // The device's panic record holds 8 values (docs/abi.md); assert_eq!
    // adds its two.
    size_t limit = name.find("assert_") != std::string::npos ? 6 : 8;
    if (holes > limit) {
      diags_.report(DK::MacroFormat, f.span, {name})
          .label(std::to_string(holes) + " values to format")
          .note("a panic message in a kernel can print at most " + std::to_string(limit) +
                " values");
      return false;
    }
    out.message = msg;
    for (size_t i = first + 1; i < e.args.size(); ++i) {
      ExprPtr a = checkExpr(*e.args[i], nullptr);
      const Type* at = resolve(a->type);
      if (!at->isError() && !at->isScalar() && !at->isVar()) {
        unsupported(a->span, "formatting values of type `" + typeName(at) + "` in panic messages")
            .note("integers, floats and bools can be formatted");
      }
      out.operands.push_back(std::move(a));
    }
    return true;
  };
  if (name == "panic" || name == "unreachable" || name == "todo" || name == "unimplemented") {
    auto out = make(ExprKind::Panic, tc_->never(), e.span);
    out->message = name == "panic" ? "explicit panic"
                   : name == "unreachable" ? "internal error: entered unreachable code"
                   : name == "todo" ? "not yet implemented" : "not implemented";
    if (!e.args.empty()) {
      std::string prefix = name == "unreachable" ? "internal error: entered unreachable code: "
                           : name == "todo"      ? "not yet implemented: "
                           : name == "unimplemented" ? "not implemented: " : "";
      if (!formatArgs(0, *out)) return errorExpr(e.span);
      out->message = prefix + out->message;
    }
    return out;
  }
  if (name == "assert" || name == "debug_assert") {
    if (e.args.empty()) {
      diags_.report(DK::MacroFormat, e.span, {name}).label("requires a boolean argument");
      return errorExpr(e.span);
    }
    ExprPtr cond = checkExpr(*e.args[0], tc_->boolean());
    demand(*cond, tc_->boolean());
    auto panic = make(ExprKind::Panic, tc_->never(), e.span);
    if (e.args.size() > 1) {
      if (!formatArgs(1, *panic)) return errorExpr(e.span);
    } else {
      // The condition's text is printed as is: its braces are not holes.
      std::string text;
      for (char c : sourceText(e.args[0]->span)) {
        text += c;
        if (c == '{' || c == '}') text += c;
      }
      panic->message = "assertion failed: " + text;
    }
    // if !cond { panic }
    auto notc = make(ExprKind::Unary, tc_->boolean(), cond->span);
    notc->unary_op = UnaryOp::Not;
    notc->operands.push_back(std::move(cond));
    auto then = make(ExprKind::Block, tc_->never(), e.span);
    then->block = std::make_unique<Block>();
    then->block->tail = std::move(panic);
    auto out = make(ExprKind::If, tc_->unit(), e.span);
    out->operands.push_back(std::move(notc));
    out->operands.push_back(std::move(then));
    return out;
  }
  if (name == "assert_eq" || name == "assert_ne" || name == "debug_assert_eq" || name == "debug_assert_ne") {
    bool eq = name.find("_eq") != std::string::npos;
    if (e.args.size() < 2) {
      diags_.report(DK::MacroFormat, e.span, {name}).label("requires two arguments");
      return errorExpr(e.span);
    }
    ExprPtr a = checkExpr(*e.args[0], nullptr);
    ExprPtr b = checkExpr(*e.args[1], a->type);
    const Type* t = resolve(a->type);
    if (!t->isError() && !t->isScalar() && !t->isVar()) {
      unsupported(a->span, "`" + name + "!` on values of type `" + typeName(t) + "`")
          .note("compare the fields one by one");
      return errorExpr(e.span);
    }
    if (!coerce(b->type, a->type)) mismatch(b->span, a->type, b->type);
    auto panic = make(ExprKind::Panic, tc_->never(), e.span);
    std::string base = std::string("assertion `left ") + (eq ? "==" : "!=") +
                       " right` failed\n  left: {:?}\n right: {:?}";
    if (e.args.size() > 2) {
      Expr tmp;
      if (!formatArgs(2, tmp)) return errorExpr(e.span);
      base = std::string("assertion `left ") + (eq ? "==" : "!=") + " right` failed: " + tmp.message +
             "\n  left: {:?}\n right: {:?}";
      // Message arguments come first, then left and right.
      for (auto& o : tmp.operands) panic->operands.push_back(std::move(o));
    }
    panic->message = base;
    // The compared values are read twice (compare, then print): bind them.
    // Simplest faithful form: `if !(a == b) { panic(a, b) }` with a and b
    // re-read from locals.
    LocalId la = declareLocal("<left>", a->type, false, a->span);
    LocalId lb = declareLocal("<right>", a->type, false, b->span);
    deferred_init_.resize(fn_->locals.size(), false);
    auto ref = [&](LocalId l, Span s) {
      auto r = make(ExprKind::LocalRef, fn_->locals[l].type, s);
      r->local = l;
      return r;
    };
    auto cmp = make(ExprKind::Binary, tc_->boolean(), e.span);
    cmp->binary_op = eq ? ast::BinaryOp::Ne : ast::BinaryOp::Eq;
    cmp->operands.push_back(ref(la, a->span));
    cmp->operands.push_back(ref(lb, b->span));
    panic->operands.push_back(ref(la, a->span));
    panic->operands.push_back(ref(lb, b->span));
    auto then = make(ExprKind::Block, tc_->never(), e.span);
    then->block = std::make_unique<Block>();
    then->block->tail = std::move(panic);
    auto iff = make(ExprKind::If, tc_->unit(), e.span);
    iff->operands.push_back(std::move(cmp));
    iff->operands.push_back(std::move(then));
    auto blk = make(ExprKind::Block, tc_->unit(), e.span);
    blk->block = std::make_unique<Block>();
    ExprPtr inits[2] = {std::move(a), std::move(b)};
    LocalId ls[2] = {la, lb};
    for (int k = 0; k < 2; ++k) {
      LocalId l = ls[k];
      Stmt s;
      s.kind = StmtKind::Let;
      s.local = l;
      s.pattern = bindingPattern(l, e.span);
      s.init = std::move(inits[k]);
      blk->block->stmts.push_back(std::move(s));
    }
    Stmt s;
    s.kind = StmtKind::Expr;
    s.expr = std::move(iff);
    blk->block->stmts.push_back(std::move(s));
    return blk;
  }
  unsupported(e.span, "the macro `" + name + "!`")
      .note("supported macros: panic!, assert!, assert_eq!, assert_ne!, unreachable!, todo!");
  return errorExpr(e.span);
}

std::string_view Checker::sourceText(Span s) const {
  if (!sources_ || !s.valid()) return "condition";
  std::string_view text = sources_->buffer(s.file).text();
  if (s.end > text.size() || s.begin > s.end) return "condition";
  return text.substr(s.begin, s.end - s.begin);
}

// ------------------------------------------------------------------ the switch

ExprPtr Checker::checkExpr(const ast::Expr& e, const Type* expected) {
  // Deeply nested expressions (`1 + 1 + ... + 1` with thousands of terms) would
  // exhaust the stack here and in MLIRGen: reject them with a diagnostic.
  if (expr_depth_ >= kMaxExprDepth) {
    if (!depth_reported_)
      diags_.report(DK::NestingTooDeep, e.span, {std::to_string(kMaxExprDepth)})
          .label("expression nested too deeply")
          .help("split the expression with `let` bindings");
    depth_reported_ = true;
    return errorExpr(e.span);
  }
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& d) : d(d) { ++d; }
    ~DepthGuard() { --d; }
  } guard(expr_depth_);
  return checkExprInner(e, expected);
}

ExprPtr Checker::checkExprInner(const ast::Expr& e, const Type* expected) {
  switch (e.kind) {
    case ast::ExprKind::Literal: return checkLiteral(e, expected, false);
    case ast::ExprKind::Path: return checkPathValue(e, expected);
    case ast::ExprKind::Paren: {
      ExprPtr inner = checkExpr(*e.lhs, expected);
      inner->span = e.span;
      return inner;
    }
    case ast::ExprKind::Unary: return checkUnary(e, expected);
    case ast::ExprKind::Binary: {
      bool arith = !ast::isComparison(e.binary_op) && e.binary_op != ast::BinaryOp::And &&
                   e.binary_op != ast::BinaryOp::Or;
      const Type* lhs_hint = nullptr;
      if (arith && expected) {
        const Type* r = resolve(expected);
        if (r->isNumeric() || r->isVar()) lhs_hint = expected;
      }
      if (e.binary_op == ast::BinaryOp::And || e.binary_op == ast::BinaryOp::Or)
        lhs_hint = tc_->boolean();
      ExprPtr lhs = checkExpr(*e.lhs, lhs_hint);
      const Type* rhs_hint = lhs->type;
      if (e.binary_op == ast::BinaryOp::Shl || e.binary_op == ast::BinaryOp::Shr) rhs_hint = nullptr;
      if (e.binary_op == ast::BinaryOp::And || e.binary_op == ast::BinaryOp::Or) rhs_hint = tc_->boolean();
      if (arith && resolve(lhs->type)->isAdt()) rhs_hint = nullptr;  // `v * 2.0`: Rhs may differ
      ExprPtr rhs = checkExpr(*e.rhs, rhs_hint);
      if (arith && !lhs->type->isError() && !rhs->type->isError())
        if (ExprPtr call = checkOverloadedBinary(e.binary_op, lhs, rhs, e.span, false)) return call;
      const Type* t;
      if (lhs->type->isError() || rhs->type->isError()) t = tc_->error();
      else t = checkBinaryOperands(e.binary_op, *lhs, *rhs, e.span);
      auto out = make(ExprKind::Binary, t, e.span);
      out->binary_op = e.binary_op;
      out->operands.push_back(std::move(lhs));
      out->operands.push_back(std::move(rhs));
      return out;
    }
    case ast::ExprKind::Assign: {
      ExprPtr place = checkAssignTarget(*e.lhs, false);
      ExprPtr value = checkExpr(*e.rhs, place->type);
      demand(*value, place->type);
      auto out = make(ExprKind::Assign, tc_->unit(), e.span);
      out->operands.push_back(std::move(place));
      out->operands.push_back(std::move(value));
      return out;
    }
    case ast::ExprKind::CompoundAssign: {
      ExprPtr place = checkAssignTarget(*e.lhs, true);
      bool shift = e.binary_op == ast::BinaryOp::Shl || e.binary_op == ast::BinaryOp::Shr;
      bool overloaded = resolve(place->type)->isAdt();
      ExprPtr value = checkExpr(*e.rhs, shift || overloaded ? nullptr : place->type);
      if (overloaded && !value->type->isError())
        if (ExprPtr call = checkOverloadedBinary(e.binary_op, place, value, e.span, true)) return call;
      if (!place->type->isError() && !value->type->isError()) {
        compound_assign_ = true;
        checkBinaryOperands(e.binary_op, *place, *value, e.span);
        compound_assign_ = false;
      }
      auto out = make(ExprKind::CompoundAssign, tc_->unit(), e.span);
      out->binary_op = e.binary_op;
      out->operands.push_back(std::move(place));
      out->operands.push_back(std::move(value));
      return out;
    }
    case ast::ExprKind::Cast: return checkCast(e);
    case ast::ExprKind::Call: return checkCall(e, expected);
    case ast::ExprKind::MethodCall: return checkMethodCall(e, expected);
    case ast::ExprKind::Field: return checkField(e);
    case ast::ExprKind::Index: return checkIndex(e);
    case ast::ExprKind::Tuple: {
      if (e.args.empty()) return make(ExprKind::UnitLiteral, tc_->unit(), e.span);
      const Type* exp = expected ? resolve(expected) : nullptr;
      auto out = make(ExprKind::Tuple, tc_->unit(), e.span);
      std::vector<const Type*> ts;
      for (size_t i = 0; i < e.args.size(); ++i) {
        const Type* h = exp && exp->isTuple() && i < exp->elements().size() ? exp->elements()[i] : nullptr;
        ExprPtr a = checkExpr(*e.args[i], h);
        ts.push_back(a->type);
        out->operands.push_back(std::move(a));
      }
      out->type = tc_->tuple(ts);
      return out;
    }
    case ast::ExprKind::Array: {
      const Type* exp = expected ? resolve(expected) : nullptr;
      const Type* elem = exp && exp->isArray() ? exp->element() : nullptr;
      auto out = make(ExprKind::ArrayLit, tc_->error(), e.span);
      if (!elem) elem = newVar();
      for (const auto& a : e.args) {
        ExprPtr v = checkExpr(*a, elem);
        demand(*v, elem);
        out->operands.push_back(std::move(v));
      }
      out->type = tc_->array(elem, ConstValue::number(e.args.size()));
      return out;
    }
    case ast::ExprKind::ArrayRepeat: {
      const Type* exp = expected ? resolve(expected) : nullptr;
      const Type* elem = exp && exp->isArray() ? exp->element() : nullptr;
      ExprPtr v = checkExpr(*e.lhs, elem);
      if (elem) demand(*v, elem);
      ConstValue len = evalConstArg(*e.rhs, tc_->usize());
      auto out = make(ExprKind::ArrayRepeat, tc_->array(v->type, len), e.span);
      out->operands.push_back(std::move(v));
      return out;
    }
    case ast::ExprKind::Block: {
      if (!e.label.name.empty()) {
        // `'a: { ...; break 'a v; ...; tail }` is `'a: loop { break 'a { ...; tail } }`.
        auto out = make(ExprKind::Loop, tc_->never(), e.span);
        out->loop_id = next_loop_++;
        loops_.push_back({out->loop_id, e.label.name, true, nullptr});
        loops_.back().is_block = true;
        if (e.is_unsafe) ++unsafe_depth_;
        ExprPtr inner = checkBlockExpr(*e.block, expected, e.span);
        if (e.is_unsafe) --unsafe_depth_;
        LoopCtx& ctx = loops_.back();
        const Type* it = inner->type;
        if (!resolve(it)->isNever()) {
          if (!ctx.break_type) ctx.break_type = it;
          else if (!coerce(it, ctx.break_type)) mismatch(inner->span, ctx.break_type, it);
        }
        const Type* bt = ctx.break_type;
        loops_.pop_back();
        auto brk = make(ExprKind::Break, tc_->never(), e.span);
        brk->loop_id = out->loop_id;
        if (!resolve(inner->type)->isUnit() || (bt && !resolve(bt)->isUnit()))
          brk->operands.push_back(std::move(inner));
        else {
          Stmt st;
          st.kind = StmtKind::Expr;
          st.expr = std::move(inner);
          auto body = make(ExprKind::Block, tc_->never(), e.span);
          body->block = std::make_unique<Block>();
          body->block->stmts.push_back(std::move(st));
          body->block->tail = std::move(brk);
          out->operands.push_back(std::move(body));
          out->type = bt ? bt : tc_->unit();
          return out;
        }
        auto body = make(ExprKind::Block, tc_->never(), e.span);
        body->block = std::make_unique<Block>();
        body->block->tail = std::move(brk);
        out->operands.push_back(std::move(body));
        out->type = bt ? bt : tc_->never();
        return out;
      }
      if (e.is_unsafe) ++unsafe_depth_;
      ExprPtr b = checkBlockExpr(*e.block, expected, e.span);
      if (e.is_unsafe) --unsafe_depth_;
      return b;
    }
    case ast::ExprKind::If: return checkIf(e, expected);
    case ast::ExprKind::While: {
      ExprPtr cond = checkExpr(*e.lhs, tc_->boolean());
      demand(*cond, tc_->boolean());
      auto out = make(ExprKind::While, tc_->unit(), e.span);
      out->loop_id = next_loop_++;
      loops_.push_back({out->loop_id, e.label.name, false, nullptr});
      ExprPtr body = checkBlockExpr(*e.block, tc_->unit(), e.block->span);
      demand(*body, tc_->unit());
      loops_.pop_back();
      out->operands.push_back(std::move(cond));
      out->operands.push_back(std::move(body));
      return out;
    }
    case ast::ExprKind::Loop: {
      auto out = make(ExprKind::Loop, tc_->never(), e.span);
      out->loop_id = next_loop_++;
      loops_.push_back({out->loop_id, e.label.name, true, nullptr});
      ExprPtr body = checkBlockExpr(*e.block, tc_->unit(), e.block->span);
      demand(*body, tc_->unit());
      const Type* bt = loops_.back().break_type;
      loops_.pop_back();
      out->type = bt ? bt : tc_->never();
      out->operands.push_back(std::move(body));
      return out;
    }
    case ast::ExprKind::For: return checkFor(e);
    case ast::ExprKind::Break: {
      auto out = make(ExprKind::Break, tc_->never(), e.span);
      const LoopCtx* l = findLoop(e.name, e.span, "break");
      ExprPtr value;
      if (e.lhs) value = checkExpr(*e.lhs, l && l->break_type ? l->break_type : nullptr);
      if (l) {
        out->loop_id = l->id;
        LoopCtx& ctx = const_cast<LoopCtx&>(*l);
        if (value && !ctx.is_loop) {
          diags_.report(DK::BreakWithValue, value->span, {})
              .label("can only break with a value inside `loop`")
              .note("`while` and `for` loops evaluate to `()`");
        } else {
          const Type* vt = value ? value->type : tc_->unit();
          if (!ctx.break_type) ctx.break_type = vt;
          else if (!coerce(vt, ctx.break_type)) {
            if (value) mismatch(value->span, ctx.break_type, vt);
            else mismatch(e.span, ctx.break_type, vt);
          }
        }
      }
      if (value) out->operands.push_back(std::move(value));
      return out;
    }
    case ast::ExprKind::Continue: {
      auto out = make(ExprKind::Continue, tc_->never(), e.span);
      if (const LoopCtx* l = findLoop(e.name, e.span, "continue")) {
        if (l->is_block)
          diags_.report(DK::BreakOutsideLoop, e.span, {"continue"})
              .label("labeled blocks cannot be `continue`'d")
              .note("`continue` needs a loop; a labeled block only supports `break`");
        out->loop_id = l->id;
      }
      return out;
    }
    case ast::ExprKind::Return: {
      auto out = make(ExprKind::Return, tc_->never(), e.span);
      if (e.lhs) {
        ExprPtr v = checkExpr(*e.lhs, fn_->return_type);
        demand(*v, fn_->return_type);
        out->operands.push_back(std::move(v));
      } else if (!coerce(tc_->unit(), fn_->return_type)) {
        mismatch(e.span, fn_->return_type, tc_->unit());
      }
      return out;
    }
    case ast::ExprKind::Range:
      unsupported(e.span, "ranges outside `for` loops and slice indexing");
      return errorExpr(e.span);
    case ast::ExprKind::Match: return checkMatch(e, expected);
    case ast::ExprKind::Closure:
      unsupported(e.span, "closures")
          .note("write a device function (`fn`) and call it, or a generic function with a trait bound");
      return errorExpr(e.span);
    case ast::ExprKind::StructLit: return checkStructLit(e, expected);
    case ast::ExprKind::MacroCall: return checkMacro(e, expected);
    case ast::ExprKind::Try:
      unsupported(e.span, "the `?` operator");
      return errorExpr(e.span);
    case ast::ExprKind::Error:
      return errorExpr(e.span);
  }
  return errorExpr(e.span);
}

// `for x in arr`, `for x in &arr` / `arr.iter()` / `s.iter()` / `for x in s`,
// `for x in s.iter_mut()` / `&mut arr`, each optionally `.enumerate()`d:
// desugared to an index loop over the slice or array, as the iterator would
// walk it:
//   { let base = <collection>; for i in 0..len { let <pat> = <element>; body } }
// where the element is the value (arrays by value), `&base[i]` or
// `&mut base[i]` (the iterator's item), or `(i, element)` with enumerate.
ExprPtr Checker::checkForEach(const ast::Expr& e) {
  const ast::Expr* it = &stripParens(*e.lhs);
  bool enumerate = false;
  if (it->kind == ast::ExprKind::MethodCall && it->name.name == "enumerate" && it->args.empty()) {
    enumerate = true;
    it = &stripParens(*it->lhs);
  }
  enum class Item { Value, Ref, RefMut } item = Item::Value;
  const ast::Expr* coll = it;
  bool explicit_ref = false;
  if (it->kind == ast::ExprKind::MethodCall && it->args.empty() &&
      (it->name.name == "iter" || it->name.name == "iter_mut")) {
    item = it->name.name == "iter" ? Item::Ref : Item::RefMut;
    coll = &stripParens(*it->lhs);
    explicit_ref = true;
  } else if (it->kind == ast::ExprKind::Unary &&
             (it->unary_op == ast::UnaryOp::Ref || it->unary_op == ast::UnaryOp::RefMut) &&
             !(stripParens(*it->lhs).kind == ast::ExprKind::Index &&
               stripParens(*stripParens(*it->lhs).rhs).kind == ast::ExprKind::Range)) {
    // (`&x[a..b]` stays whole: it is a sub-slice, iterated like a slice.)
    item = it->unary_op == ast::UnaryOp::Ref ? Item::Ref : Item::RefMut;
    coll = &stripParens(*it->lhs);
    explicit_ref = true;
  }
  ExprPtr base = checkExpr(*coll, nullptr);
  const Type* bt = resolve(base->type);
  if (bt->isError()) return errorExpr(e.span);
  if (bt->isRef() && (resolve(bt->element())->isArray())) {
    base = autoDeref(std::move(base));
    bt = resolve(base->type);
  }
  if (!bt->isSlice() && !bt->isArray()) {
    unsupported(e.lhs->span, "iterating over `" + typeName(bt) + "`")
        .note("`for` loops iterate over integer ranges, arrays and slices (`for x in s`, `s.iter()`, "
              "`s.iter_mut()`, `.enumerate()`)");
    return errorExpr(e.span);
  }
  // A slice iterated directly yields references, like `.iter()`/`.iter_mut()`.
  if (bt->isSlice() && !explicit_ref) item = bt->isMutable() ? Item::RefMut : Item::Ref;
  if (item == Item::RefMut && bt->isSlice() && !bt->isMutable()) {
    diags_.report(DK::AssignThroughSharedRef, e.lhs->span, {"data"})
        .label("cannot iterate mutably over a `&` slice")
        .help("consider changing this to be a mutable slice: `&mut [" + typeName(bt->element()) + "]`");
  }
  if (item == Item::RefMut && bt->isArray() && isPlace(*base)) checkMutablePlace(*base, e.lhs->span, "borrow");
  Span s = e.span;
  auto local = [&](LocalId l) {
    auto r = make(ExprKind::LocalRef, fn_->locals[l].type, s);
    r->local = l;
    return r;
  };
  auto outer = make(ExprKind::Block, tc_->unit(), s);
  outer->block = std::make_unique<Block>();
  scopes_.emplace_back();
  // The collection, evaluated once: arrays iterated by reference stay in
  // place (a reference to them); everything else is bound by value.
  bool array_by_ref = bt->isArray() && item != Item::Value && isPlace(*base);
  const Type* base_local_type = array_by_ref ? tc_->ref(bt, item == Item::RefMut) : base->type;
  LocalId base_local = declareLocal("<iter>", base_local_type, false, s);
  {
    Stmt st;
    st.kind = StmtKind::Let;
    st.local = base_local;
    st.pattern = bindingPattern(base_local, s);
    if (array_by_ref) {
      auto addr = make(ExprKind::AddrOf, base_local_type, s);
      addr->is_mut = item == Item::RefMut;
      addr->operands.push_back(std::move(base));
      st.init = std::move(addr);
    } else {
      st.init = std::move(base);
    }
    outer->block->stmts.push_back(std::move(st));
  }
  auto collection = [&]() -> ExprPtr {
    ExprPtr b = local(base_local);
    if (array_by_ref) return autoDeref(std::move(b));
    return b;
  };
  ExprPtr len;
  if (bt->isSlice()) {
    len = make(ExprKind::SliceLen, tc_->usize(), s);
    len->operands.push_back(collection());
  } else {
    ConstValue n = resolveConst(bt->arrayLen());
    if (n.kind == ConstValue::Param) {
      len = make(ExprKind::ConstParam, tc_->usize(), s);
      len->param_index = uint32_t(n.value);
    } else {
      len = make(ExprKind::IntLiteral, tc_->usize(), s);
      len->int_value = n.value;
    }
  }
  auto loop = make(ExprKind::For, tc_->unit(), s);
  loop->loop_id = next_loop_++;
  loop->local = declareLocal("<index>", tc_->usize(), false, s);
  deferred_init_.resize(fn_->locals.size(), false);
  auto zero = make(ExprKind::IntLiteral, tc_->usize(), s);
  loop->operands.push_back(std::move(zero));
  loop->operands.push_back(std::move(len));
  // The body: `let <pat> = <element>;` then the user's block.
  scopes_.emplace_back();
  const Type* elem_t = bt->element();
  const Type* item_t = item == Item::Value ? elem_t : tc_->ref(elem_t, item == Item::RefMut);
  const Type* pat_t = enumerate ? tc_->tuple({tc_->usize(), item_t}) : item_t;
  auto element = [&]() -> ExprPtr {
    auto idx = make(ExprKind::Index, elem_t, s);
    idx->operands.push_back(collection());
    idx->operands.push_back(local(loop->local));
    if (item == Item::Value) return idx;
    auto addr = make(ExprKind::AddrOf, item_t, s);
    addr->is_mut = item == Item::RefMut;
    addr->operands.push_back(std::move(idx));
    return addr;
  };
  auto body = make(ExprKind::Block, tc_->unit(), e.block->span);
  body->block = std::make_unique<Block>();
  auto bind = [&](const ast::Pattern& pat, const Type* t, ExprPtr value) {
    Stmt st;
    st.kind = StmtKind::Let;
    st.span = pat.span;
    st.pattern = checkPattern(pat, t, true);
    if (st.pattern->kind == PatternKind::Binding) st.local = st.pattern->local;
    st.init = std::move(value);
    body->block->stmts.push_back(std::move(st));
  };
  if (enumerate && e.pattern->kind == ast::PatternKind::Tuple && e.pattern->elems.size() == 2) {
    // `(i, x)`: bound one by one (references are not tuple elements).
    bind(*e.pattern->elems[0], tc_->usize(), local(loop->local));
    bind(*e.pattern->elems[1], item_t, element());
  } else if (enumerate && item != Item::Value) {
    unsupported(e.pattern->span, "binding an `.enumerate()` item of references as one tuple")
        .help("destructure it: `for (i, x) in ...`");
  } else if (enumerate) {
    auto tup = make(ExprKind::Tuple, pat_t, s);
    tup->operands.push_back(local(loop->local));
    tup->operands.push_back(element());
    bind(*e.pattern, pat_t, std::move(tup));
  } else {
    bind(*e.pattern, pat_t, element());
  }
  loops_.push_back({loop->loop_id, e.label.name, false, nullptr});
  ExprPtr user = checkBlockExpr(*e.block, tc_->unit(), e.block->span);
  demand(*user, tc_->unit());
  loops_.pop_back();
  {
    Stmt st;
    st.kind = StmtKind::Expr;
    st.expr = std::move(user);
    body->block->stmts.push_back(std::move(st));
  }
  scopes_.pop_back();
  loop->operands.push_back(std::move(body));
  scopes_.pop_back();
  outer->block->tail = std::move(loop);
  return outer;
}

ExprPtr Checker::checkFor(const ast::Expr& e) {
  // `for i in a..b`, `a..=b`, `(a..b).rev()`, `(a..b).step_by(s)` (and
  // `.rev().step_by(s)` / `.step_by(s).rev()` are not distinguished by Rust
  // for our purposes only when both divide evenly: we accept `.rev()` and
  // `.step_by()` each alone, or `.step_by(s)` then `.rev()` is rejected).
  const ast::Expr* iter = &stripParens(*e.lhs);
  bool reversed = false;
  const ast::Expr* step = nullptr;
  while (iter->kind == ast::ExprKind::MethodCall) {
    if (iter->name.name == "rev" && iter->args.empty() && !reversed && !step) reversed = true;
    else if (iter->name.name == "step_by" && iter->args.size() == 1 && !step && !reversed) step = iter->args[0].get();
    else break;
    iter = &stripParens(*iter->lhs);
  }
  auto out = make(ExprKind::For, tc_->unit(), e.span);
  if (iter->kind != ast::ExprKind::Range && !reversed && !step) return checkForEach(e);
  if (iter->kind != ast::ExprKind::Range || !iter->lhs || !iter->rhs) {
    if (iter->kind == ast::ExprKind::Range) unsupported(iter->span, "open-ended ranges in `for` loops");
    else
      unsupported(iter->span, "iterating over anything but an integer range")
          .note("supported: `a..b`, `a..=b`, `(a..b).rev()`, `(a..b).step_by(s)`")
          .help("iterate over indices: `for i in 0..x.len()`");
    return errorExpr(e.span);
  }
  ExprPtr start = checkExpr(*iter->lhs, nullptr);
  ExprPtr end = checkExpr(*iter->rhs, start->type);
  const Type* t = resolve(start->type);
  if (!coerce(end->type, start->type)) {
    mismatch(end->span, start->type, end->type);
    t = tc_->error();
  } else if (!t->isError() && !t->isInteger() && t->kind() != TypeKind::IntVar) {
    diags_.report(DK::MismatchedTypes, iter->span, {})
        .label("expected integer, found `" + typeName(t) + "`")
        .note("`for` loops iterate over integer ranges");
    t = tc_->error();
  }
  ExprPtr step_e;
  if (step) {
    step_e = checkExpr(*step, tc_->usize());
    demand(*step_e, tc_->usize());
  }
  out->inclusive = iter->inclusive;
  out->reversed = reversed;
  out->has_step = step != nullptr;
  out->loop_id = next_loop_++;
  scopes_.emplace_back();
  const ast::Pattern& pat = *e.pattern;
  if (pat.kind == ast::PatternKind::Ident && !pat.is_ref && pat.elems.empty()) {
    out->local = declareLocal(pat.name.name, start->type, pat.is_mut, pat.name.span);
  } else {
    if (pat.kind != ast::PatternKind::Wildcard && pat.kind != ast::PatternKind::Error)
      unsupported(pat.span, "this pattern in `for` loops");
    out->local = declareLocal("_", start->type, false, pat.span);
  }
  deferred_init_.resize(fn_->locals.size(), false);
  loops_.push_back({out->loop_id, e.label.name, false, nullptr});
  ExprPtr body = checkBlockExpr(*e.block, tc_->unit(), e.block->span);
  demand(*body, tc_->unit());
  loops_.pop_back();
  scopes_.pop_back();
  out->operands.push_back(std::move(start));
  out->operands.push_back(std::move(end));
  if (step_e) out->operands.push_back(std::move(step_e));
  out->operands.push_back(std::move(body));
  return out;
}

}  // namespace hematite::check
