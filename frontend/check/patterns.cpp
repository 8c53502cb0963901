// Patterns (let, match, parameters) and match exhaustiveness.
//
// Exhaustiveness is the usefulness algorithm of "Warnings for pattern
// matching" (Maranget, 2007), as rustc uses it: a match is exhaustive when a
// wildcard row is not useful after all unguarded arms. Integer columns are
// split into the ranges their patterns distinguish.
#include <functional>

#include "frontend/check/checker_impl.h"

namespace hematite::check {

namespace {
using Int = __int128;

Int asInt(uint64_t bits, const Type* t) {
  if (t->isAdt()) return Int(int64_t(bits));  // an enum discriminant
  if (t->isSignedInt()) {
    unsigned w = t->bitWidth();
    int64_t v = int64_t(bits << (64 - w)) >> (64 - w);
    return Int(v);
  }
  if (t->isBool()) return Int(bits & 1);
  unsigned w = t->bitWidth();
  return Int(w == 64 ? bits : bits & ((1ull << w) - 1));
}

std::string intToString(Int v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  std::string s;
  while (v != 0) {
    int d = int(v % 10);
    s += char('0' + (d < 0 ? -d : d));
    v /= 10;
  }
  if (neg) s += '-';
  return std::string(s.rbegin(), s.rend());
}
}  // namespace

bool Checker::isIrrefutable(const Pattern& p) {
  switch (p.kind) {
    case PatternKind::Wildcard: return true;
    case PatternKind::Binding: return p.elems.empty() || isIrrefutable(*p.elems[0]);
    case PatternKind::Tuple:
    case PatternKind::Struct:
      for (const auto& e : p.elems)
        if (!isIrrefutable(*e)) return false;
      return true;
    case PatternKind::Or:
      for (const auto& e : p.elems)
        if (isIrrefutable(*e)) return true;
      return false;
    default: return false;
  }
}

PatternPtr Checker::checkPattern(const ast::Pattern& p, const Type* expected, bool irrefutable,
                                 std::map<std::string, LocalId>* bound) {
  auto out = std::make_unique<Pattern>();
  out->span = p.span;
  out->type = expected;
  const Type* t = resolve(expected);
  auto intPattern = [&](const ast::Expr& lit, bool* ok) -> uint64_t {
    *ok = false;
    const ast::Expr& e = stripParens(lit);
    bool neg = e.kind == ast::ExprKind::Unary && e.unary_op == ast::UnaryOp::Neg;
    const ast::Expr& v = neg ? stripParens(*e.lhs) : e;
    if (v.kind == ast::ExprKind::Literal && (v.literal_kind == ast::LiteralKind::Int ||
                                             v.literal_kind == ast::LiteralKind::Byte)) {
      ExprPtr c = checkLiteral(v, t, neg);
      if (!unify(c->type, expected)) mismatch(lit.span, expected, c->type);
      *ok = true;
      uint64_t val = c->int_value;
      return val;
    }
    if (v.kind == ast::ExprKind::Literal && v.literal_kind == ast::LiteralKind::Bool) {
      if (!unify(tc_->boolean(), expected)) mismatch(lit.span, expected, tc_->boolean());
      *ok = true;
      return v.literal.kind == lex::TokenKind::KwTrue ? 1 : 0;
    }
    if (v.kind == ast::ExprKind::Path) {
      const Def* d = lookupPath(v.path, false, false);
      if (d && d->kind == Def::Const) {
        if (auto val = evalConstInt(v)) {
          const Type* ct = prog_.consts.size() > d->id ? prog_.consts[d->id].type : nullptr;
          if (ct && !unify(ct, expected)) mismatch(lit.span, expected, ct);
          *ok = true;
          return neg ? uint64_t(0) - *val : *val;
        }
      }
      // `u32::MAX`, `i8::MIN`: the checker folds them to literals.
      ExprPtr c = checkPathValue(v, t);
      if (c->kind == ExprKind::IntLiteral) {
        if (!unify(c->type, expected)) mismatch(lit.span, expected, c->type);
        *ok = true;
        uint64_t val = c->int_value;
        return neg ? uint64_t(0) - val : val;
      }
    }
    unsupported(lit.span, "this expression in a pattern")
        .note("patterns match integer, bool and enum literals, ranges of them, tuples and structs");
    return 0;
  };
  switch (p.kind) {
    case ast::PatternKind::Wildcard:
    case ast::PatternKind::Rest:
      out->kind = PatternKind::Wildcard;
      return out;
    case ast::PatternKind::Ident: {
      // A bare name may refer to a unit struct, a C-like variant or a const.
      if (!p.is_mut && !p.is_ref && p.elems.empty()) {
        ast::Path path;
        path.segments.push_back(ast::PathSegment::named(p.name));
        path.span = p.name.span;
        const Def* d = lookupPath(path, false, false);
        if (d && (d->kind == Def::Variant || d->kind == Def::Const ||
                  (d->kind == Def::Adt && adt_items_[d->id]->is_unit_struct))) {
          ast::Pattern pp;
          pp.kind = ast::PatternKind::Path;
          pp.span = p.span;
          pp.path = std::move(path);
          return checkPattern(pp, expected, irrefutable, bound);
        }
      }
      if (p.is_ref) {
        unsupported(p.span, "`ref` bindings").help("bind by value: every kernel type is `Copy`");
        out->kind = PatternKind::Wildcard;
        return out;
      }
      out->kind = PatternKind::Binding;
      if (bound && bound->count(p.name.name)) {
        out->local = (*bound)[p.name.name];
        if (!unify(fn_->locals[out->local].type, expected))
          mismatch(p.span, fn_->locals[out->local].type, expected)
              .note("a binding must have the same type in all alternatives");
      } else {
        out->local = declareLocal(p.name.name, expected, p.is_mut, p.name.span);
        deferred_init_.resize(fn_->locals.size(), false);
        if (bound) (*bound)[p.name.name] = out->local;
      }
      if (!p.elems.empty()) out->elems.push_back(checkPattern(*p.elems[0], expected, irrefutable, bound));
      return out;
    }
    case ast::PatternKind::Literal: {
      bool ok;
      uint64_t v = intPattern(*p.literal, &ok);
      if (!ok) {
        out->kind = PatternKind::Wildcard;
        return out;
      }
      out->kind = PatternKind::Int;
      out->int_value = v;
      break;
    }
    case ast::PatternKind::Range: {
      bool ok1 = false, ok2 = false;
      uint64_t lo = p.literal ? intPattern(*p.literal, &ok1) : 0;
      uint64_t hi = p.range_end ? intPattern(*p.range_end, &ok2) : 0;
      const Type* rt = resolve(expected);
      if (!p.literal || !p.range_end) {
        unsupported(p.span, "half-open range patterns").help("write both ends: `lo..=hi`");
        out->kind = PatternKind::Wildcard;
        return out;
      }
      if (!ok1 || !ok2) {
        out->kind = PatternKind::Wildcard;
        return out;
      }
      if (rt->isInteger()) {
        Int l = asInt(lo, rt), h = asInt(hi, rt);
        if (p.inclusive ? l > h : l >= h)
          diags_.report(DK::InvalidRangePattern, p.span, {})
              .label(p.inclusive ? "lower range bound must be less than or equal to upper"
                                 : "lower range bound must be less than upper");
      }
      out->kind = PatternKind::Range;
      out->int_value = lo;
      out->int_hi = hi;
      out->inclusive = p.inclusive;
      break;
    }
    case ast::PatternKind::Path: {
      const Def* d = lookupPath(p.path, false, false);
      if (d && d->kind == Def::Variant) {
        fillAdt(d->id);
        const Type* et = tc_->adt(d->id, {});
        if (!unify(et, expected)) mismatch(p.span, expected, et);
        out->kind = PatternKind::Int;
        out->int_value = uint64_t(prog_.adts[d->id].variants[d->variant].discriminant);
        out->type = et;
        break;
      }
      if (d && d->kind == Def::Adt && adt_items_[d->id]->is_unit_struct) {
        const Type* st = tc_->adt(d->id, {});
        if (!unify(st, expected)) mismatch(p.span, expected, st);
        out->kind = PatternKind::Struct;
        return out;
      }
      if (d && d->kind == Def::Const) {
        ast::Expr pe;
        pe.kind = ast::ExprKind::Path;
        for (const auto& seg : p.path.segments)
          pe.path.segments.push_back(ast::PathSegment::named(seg.ident));
        pe.path.global = p.path.global;
        pe.path.span = p.path.span;
        pe.span = p.span;
        bool ok;
        uint64_t v = intPattern(pe, &ok);
        out->kind = ok ? PatternKind::Int : PatternKind::Wildcard;
        out->int_value = v;
        if (ok && !unify(prog_.consts[d->id].type, expected))
          mismatch(p.span, expected, prog_.consts[d->id].type);
        break;
      }
      diags_.report(DK::UnresolvedValue, p.span, {p.path.toString()}).label("not a unit struct, enum variant or constant");
      out->kind = PatternKind::Wildcard;
      return out;
    }
    case ast::PatternKind::Tuple: {
      size_t rest = p.elems.size();
      for (size_t i = 0; i < p.elems.size(); ++i)
        if (p.elems[i]->kind == ast::PatternKind::Rest) rest = i;
      size_t named = p.elems.size() - (rest < p.elems.size() ? 1 : 0);
      if (t->isVar()) {
        if (rest < p.elems.size()) {
          diags_.report(DK::TypeAnnotationsNeeded, p.span, {"this tuple"}).label("type must be known at this point");
          out->kind = PatternKind::Wildcard;
          return out;
        }
        std::vector<const Type*> vs;
        for (size_t i = 0; i < named; ++i) vs.push_back(newVar());
        unify(t, tc_->tuple(vs));
        t = resolve(t);
      }
      if (!t->isTuple() || (rest == p.elems.size() ? t->elements().size() != named : t->elements().size() < named)) {
        if (!t->isError())
          diags_.report(DK::MismatchedTypes, p.span, {})
              .label("expected `" + typeName(t) + "`, found a tuple with " + std::to_string(named) + " element" +
                     (named == 1 ? "" : "s"));
        out->kind = PatternKind::Wildcard;
        return out;
      }
      out->kind = PatternKind::Tuple;
      size_t n = t->elements().size();
      for (size_t i = 0, j = 0; i < n; ++i) {
        if (j == rest) {
          size_t skip = n - named;
          for (size_t k = 0; k < skip; ++k, ++i) {
            auto w = std::make_unique<Pattern>();
            w->type = t->elements()[i];
            out->elems.push_back(std::move(w));
          }
          ++j;
          --i;
          continue;
        }
        out->elems.push_back(checkPattern(*p.elems[j], t->elements()[i], irrefutable, bound));
        ++j;
      }
      break;
    }
    case ast::PatternKind::TupleStruct:
    case ast::PatternKind::Struct: {
      const Def* d = nullptr;
      const Type* st = nullptr;
      if (p.path.segments.size() == 1 && p.path.segments[0].ident.name == "Self" && cur_self_) st = cur_self_;
      else {
        d = lookupPath(p.path, true, false);
        if (!d) d = lookupPath(p.path, false, false);
        if (d && d->kind == Def::Variant) {
          unsupported(p.span, "enum variants with data");
          out->kind = PatternKind::Wildcard;
          return out;
        }
        if (!d || d->kind != Def::Adt || prog_.adts[d->id].is_enum) {
          diags_.report(DK::UnresolvedType, p.path.span, {p.path.toString()}).label("not a struct");
          out->kind = PatternKind::Wildcard;
          return out;
        }
        st = adtTypeFromArgs(d->id, p.path.segments.back(), p.path.span);
      }
      if (!unify(st, expected)) {
        mismatch(p.span, expected, st);
        out->kind = PatternKind::Wildcard;
        return out;
      }
      st = resolve(st);
      const AdtDef& adt = prog_.adts[st->adt()];
      std::vector<const Type*> ftypes = fieldTypes(st);
      out->kind = PatternKind::Struct;
      out->type = st;
      std::vector<PatternPtr> fields(adt.fields.size());
      if (p.kind == ast::PatternKind::TupleStruct) {
        size_t rest = p.elems.size();
        for (size_t i = 0; i < p.elems.size(); ++i)
          if (p.elems[i]->kind == ast::PatternKind::Rest) rest = i;
        size_t named = p.elems.size() - (rest < p.elems.size() ? 1 : 0);
        if (rest == p.elems.size() && named != adt.fields.size()) {
          diags_.report(DK::PatternFieldCount, p.span, {std::to_string(named), std::to_string(adt.fields.size())})
              .label("expected " + std::to_string(adt.fields.size()) + " fields");
        }
        for (size_t j = 0, i = 0; j < p.elems.size() && i < adt.fields.size(); ++j) {
          if (j == rest) {
            i += adt.fields.size() - named;
            continue;
          }
          fields[i] = checkPattern(*p.elems[j], ftypes[i], irrefutable, bound);
          ++i;
        }
      } else {
        for (size_t j = 0; j < p.field_names.size() && j < p.elems.size(); ++j) {
          size_t i = 0;
          while (i < adt.fields.size() && adt.fields[i].name != p.field_names[j].name) ++i;
          if (i == adt.fields.size()) {
            diags_.report(DK::NoField, p.field_names[j].span, {p.field_names[j].name, adt.name})
                .label("struct `" + adt.name + "` does not have this field");
            continue;
          }
          fields[i] = checkPattern(*p.elems[j], ftypes[i], irrefutable, bound);
        }
      }
      if (p.kind == ast::PatternKind::Struct && !p.has_rest) {
        // Rust: every field is named, or `..` says the rest are ignored.
        std::string missing;
        for (size_t i = 0; i < fields.size(); ++i)
          if (!fields[i]) missing += (missing.empty() ? "`" : ", `") + adt.fields[i].name + "`";
        if (!missing.empty())
          diags_.report(DK::PatternMissingFields, p.span, {missing})
              .label("missing " + missing)
              .help("ignore the other fields with `..`: `" + adt.name + " { .., }`");
      }
      for (size_t i = 0; i < fields.size(); ++i) {
        if (!fields[i]) {
          fields[i] = std::make_unique<Pattern>();
          fields[i]->type = ftypes[i];
        }
        out->elems.push_back(std::move(fields[i]));
      }
      break;
    }
    case ast::PatternKind::Or: {
      out->kind = PatternKind::Or;
      std::map<std::string, LocalId> local_bound;
      std::map<std::string, LocalId>* b = bound ? bound : &local_bound;
      for (const auto& alt : p.elems) out->elems.push_back(checkPattern(*alt, expected, irrefutable, b));
      break;
    }
    case ast::PatternKind::Ref:
      unsupported(p.span, "reference patterns (`&p`)").help("dereference the value instead: `match *r { .. }`");
      out->kind = PatternKind::Wildcard;
      return out;
    case ast::PatternKind::Error:
      out->kind = PatternKind::Wildcard;
      return out;
  }
  if (irrefutable && !isIrrefutable(*out)) {
    diags_.report(DK::RefutablePattern, p.span, {})
        .label("pattern may not match every value")
        .note("`let` bindings and function parameters require an irrefutable pattern")
        .help("use `match` (or `if` with a comparison) to handle the other cases");
  }
  return out;
}

// ------------------------------------------------------------------ match

ExprPtr Checker::checkMatch(const ast::Expr& e, const Type* expected) {
  ExprPtr scrut = checkExpr(*e.lhs, nullptr);
  const Type* st = resolve(scrut->type);
  if (st->isRef()) {
    scrut = autoDeref(std::move(scrut));
    st = resolve(scrut->type);
  }
  auto out = make(ExprKind::Match, tc_->never(), e.span);
  const Type* result = nullptr;
  Span first_span;
  for (const auto& arm : e.arms) {
    scopes_.emplace_back();
    MatchArm m;
    m.span = arm.span;
    m.pattern = checkPattern(*arm.pattern, scrut->type, false);
    if (arm.guard) {
      m.guard = checkExpr(*arm.guard, tc_->boolean());
      demand(*m.guard, tc_->boolean());
    }
    m.body = checkExpr(*arm.body, result ? result : expected);
    const Type* bt = resolve(m.body->type);
    if (!bt->isNever()) {
      if (!result) {
        result = m.body->type;
        first_span = m.body->span;
      } else if (!coerce(m.body->type, result)) {
        diags_.report(DK::MismatchedTypes, m.body->span, {})
            .label("expected " + describeForMismatch(result) + ", found " + describeForMismatch(m.body->type))
            .secondary(first_span, "this is found to be of type " + describeForMismatch(result))
            .note("`match` arms have incompatible types");
      }
    }
    scopes_.pop_back();
    out->arms.push_back(std::move(m));
  }
  out->type = result ? result : tc_->never();
  out->operands.push_back(std::move(scrut));
  matches_.push_back({out.get(), e.span});
  return out;
}

void Checker::checkExhaustive(const Expr& match, Span span) {
  const Type* scrut_type = match.operands[0]->type;
  if (scrut_type->isError()) return;
  // Rows: unguarded arms, with or-patterns expanded.
  using Row = std::vector<const Pattern*>;
  std::vector<Row> rows;
  std::function<void(const Pattern*, Row)> expand = [&](const Pattern* p, Row rest) {
    if (p->kind == PatternKind::Or) {
      for (const auto& alt : p->elems) expand(alt.get(), rest);
      return;
    }
    rest.insert(rest.begin(), p);
    rows.push_back(rest);
  };
  for (const auto& arm : match.arms)
    if (!arm.guard) expand(arm.pattern.get(), {});

  static const Pattern kWild;
  auto strip = [](const Pattern* p) {
    while (p->kind == PatternKind::Binding) {
      if (p->elems.empty()) return &kWild;
      p = p->elems[0].get();
    }
    return p;
  };
  auto isWild = [&](const Pattern* p) { return strip(p)->kind == PatternKind::Wildcard; };

  // A constructor of a column: an integer segment [lo, hi], or the single
  // constructor of a tuple/struct (arity n).
  struct Ctor {
    bool product = false;
    size_t arity = 0;
    Int lo = 0, hi = 0;
  };
  auto fullRange = [](const Type* t, Int& lo, Int& hi) -> bool {
    if (t->isBool()) { lo = 0; hi = 1; return true; }
    if (t->isSignedInt()) { unsigned w = t->bitWidth(); lo = -(Int(1) << (w - 1)); hi = (Int(1) << (w - 1)) - 1; return true; }
    if (t->isUnsignedInt()) { unsigned w = t->bitWidth(); lo = 0; hi = (Int(1) << w) - 1; return true; }
    return false;
  };
  auto patRange = [&](const Pattern* p, const Type* t, Int& lo, Int& hi) {
    if (p->kind == PatternKind::Int) { lo = hi = asInt(p->int_value, t); }
    else { lo = asInt(p->int_value, t); hi = asInt(p->int_hi, t) - (p->inclusive ? 0 : 1); }
  };
  // For enums the "integer" values are the discriminants; only those exist.
  auto enumValues = [&](const Type* t) {
    std::vector<Int> v;
    for (const auto& var : prog_.adts[t->adt()].variants) v.push_back(Int(var.discriminant));
    return v;
  };
  auto ctorName = [&](const Type* t, const Ctor& c, const std::vector<std::string>& sub) -> std::string {
    if (c.product) {
      std::string s = t->isTuple() ? "(" : typeName(t) + " { ";
      if (t->isTuple()) {
        for (size_t i = 0; i < sub.size(); ++i) s += (i ? ", " : "") + sub[i];
        return s + (sub.size() == 1 ? ",)" : ")");
      }
      const AdtDef& adt = prog_.adts[t->adt()];
      for (size_t i = 0; i < sub.size() && i < adt.fields.size(); ++i)
        s += (i ? ", " : "") + adt.fields[i].name + ": " + sub[i];
      return s + " }";
    }
    if (t->isBool()) return c.lo ? "true" : "false";
    if (t->isAdt()) {
      const AdtDef& adt = prog_.adts[t->adt()];
      for (const auto& var : adt.variants)
        if (Int(var.discriminant) == c.lo) return adt.name + "::" + var.name;
      return adt.name;
    }
    Int flo, fhi;
    fullRange(t, flo, fhi);
    auto bound = [&](Int v) {
      if (v == flo && t->isInteger()) return typeName(t) + "::MIN";
      if (v == fhi && t->isInteger()) return typeName(t) + "::MAX";
      return intToString(v) + "_" + typeName(t);
    };
    if (c.lo == c.hi) return bound(c.lo);
    return bound(c.lo) + "..=" + bound(c.hi);
  };

  int budget = 20000;  // guards pathological inputs
  std::function<std::optional<std::vector<std::string>>(const std::vector<Row>&, const std::vector<const Type*>&)>
      useful;
  useful = [&](const std::vector<Row>& m, const std::vector<const Type*>& types)
      -> std::optional<std::vector<std::string>> {
    if (--budget < 0) return std::nullopt;
    if (types.empty()) {
      if (m.empty()) return std::vector<std::string>{};
      return std::nullopt;
    }
    const Type* t = types[0];
    std::vector<const Type*> rest_types(types.begin() + 1, types.end());
    // The constructors to try for this column.
    std::vector<Ctor> ctors;
    bool complete = true;
    Int flo = 0, fhi = 0;
    bool is_enum = t->isAdt() && prog_.adts[t->adt()].is_enum;
    if (t->isTuple() || (t->isAdt() && !is_enum)) {
      Ctor c;
      c.product = true;
      c.arity = t->isTuple() ? t->elements().size() : prog_.adts[t->adt()].fields.size();
      ctors.push_back(c);
    } else if (is_enum) {
      for (Int v : enumValues(t)) ctors.push_back(Ctor{false, 0, v, v});
    } else if (fullRange(t, flo, fhi)) {
      // Split [flo, fhi] at every boundary of the column's patterns.
      std::vector<Int> cuts{flo, fhi + 1};
      for (const Row& r : m) {
        const Pattern* p = strip(r[0]);
        if (p->kind == PatternKind::Int || p->kind == PatternKind::Range) {
          Int lo, hi;
          patRange(p, t, lo, hi);
          cuts.push_back(lo);
          cuts.push_back(hi + 1);
        }
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      for (size_t i = 0; i + 1 < cuts.size(); ++i)
        if (cuts[i] >= flo && cuts[i] <= fhi) ctors.push_back(Ctor{false, 0, cuts[i], cuts[i + 1] - 1});
    } else {
      complete = false;  // floats, slices, ...: only wildcards cover them
    }
    auto subTypes = [&](const Ctor& c) {
      std::vector<const Type*> ts;
      if (c.product) {
        if (t->isTuple()) ts = t->elements();
        else {
          ts = fieldTypes(t);
        }
      }
      ts.insert(ts.end(), rest_types.begin(), rest_types.end());
      return ts;
    };
    auto specialize = [&](const Ctor& c) {
      std::vector<Row> out;
      for (const Row& r : m) {
        const Pattern* p = strip(r[0]);
        Row nr;
        if (p->kind == PatternKind::Wildcard) {
          for (size_t i = 0; i < c.arity; ++i) nr.push_back(&kWild);
        } else if (c.product) {
          for (const auto& e : p->elems) nr.push_back(e.get());
          while (nr.size() < c.arity) nr.push_back(&kWild);
        } else {
          Int lo, hi;
          patRange(p, t, lo, hi);
          if (!(lo <= c.lo && c.hi <= hi)) continue;
        }
        nr.insert(nr.end(), r.begin() + 1, r.end());
        out.push_back(std::move(nr));
      }
      return out;
    };
    // Is every constructor mentioned in the column (so wildcards need no
    // separate default case)?
    bool all_mentioned = complete && !ctors.empty();
    if (all_mentioned && !ctors[0].product) {
      for (const Ctor& c : ctors) {
        bool mentioned = false;
        for (const Row& r : m) {
          const Pattern* p = strip(r[0]);
          if (p->kind == PatternKind::Int || p->kind == PatternKind::Range) {
            Int lo, hi;
            patRange(p, t, lo, hi);
            if (lo <= c.lo && c.hi <= hi) mentioned = true;
          }
        }
        if (!mentioned) all_mentioned = false;
      }
    }
    if (all_mentioned || (complete && !ctors.empty() && ctors[0].product)) {
      for (const Ctor& c : ctors) {
        auto sub = subTypes(c);
        if (auto w = useful(specialize(c), sub)) {
          std::vector<std::string> args(w->begin(), w->begin() + c.arity);
          std::vector<std::string> out{ctorName(t, c, args)};
          out.insert(out.end(), w->begin() + c.arity, w->end());
          return out;
        }
      }
      return std::nullopt;
    }
    // Default matrix: rows with a wildcard head.
    std::vector<Row> d;
    for (const Row& r : m)
      if (isWild(r[0])) d.push_back(Row(r.begin() + 1, r.end()));
    if (auto w = useful(d, rest_types)) {
      std::string missing = "_";
      if (complete) {
        for (const Ctor& c : ctors) {
          bool mentioned = false;
          for (const Row& r : m) {
            const Pattern* p = strip(r[0]);
            if (p->kind == PatternKind::Int || p->kind == PatternKind::Range) {
              Int lo, hi;
              patRange(p, t, lo, hi);
              if (lo <= c.lo && c.hi <= hi) mentioned = true;
            }
          }
          if (!mentioned) {
            missing = ctorName(t, c, {});
            break;
          }
        }
      }
      std::vector<std::string> out{missing};
      out.insert(out.end(), w->begin(), w->end());
      return out;
    }
    return std::nullopt;
  };
  auto witness = useful(rows, {scrut_type});
  if (budget < 0) return;
  if (witness) {
    std::string w = witness->empty() ? "_" : (*witness)[0];
    diags_.report(DK::NonExhaustiveMatch, match.operands[0]->span, {w})
        .label("pattern `" + w + "` not covered")
        .note("the matched value is of type `" + typeName(scrut_type) + "`")
        .help("ensure that all possible cases are being handled by adding a match arm with a wildcard "
              "pattern or an explicit pattern as shown: `" + w + " => todo!()`");
  }
  (void)span;
}

}  // namespace hematite::check
