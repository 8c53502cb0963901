// The checker's driver: collects items (ADTs, traits, impls, functions,
// consts) into the CheckedProgram, checks bodies, and finalizes types.
#include "frontend/check/checker_impl.h"

#include <functional>

namespace hematite::check {

Checker::Checker(const ast::Crate& crate, DiagnosticEngine& diags, const SourceManager* sources)
    : crate_(crate), diags_(diags), sources_(sources) {
  prog_.file = crate.file;
  prog_.types = std::make_unique<TypeContext>();
  tc_ = prog_.types.get();
}

CheckedProgram Checker::run() {
  for (const auto& a : crate_.inner_attrs) checkPlainAttribute(a);
  buildModules();
  collectModuleItems(0, crate_.items);
  // Free functions get their ids now so that imports can name them.
  for (uint32_t m = 0; m < modules_.size(); ++m) {
    for (const ast::Item* it : modules_[m].items) {
      if (it->kind != ast::ItemKind::Fn) continue;
      Function fn;
      fn.id = FunctionId(prog_.functions.size());
      fn.name = it->name.name;
      fn.decl = it;
      auto v = modules_[m].values.find(it->name.name);
      if (v != modules_[m].values.end() && v->second.kind == Def::Fn && v->second.id == kNone &&
          v->second.span == it->name.span)
        v->second.id = fn.id;
      free_fn_ids_[it] = fn.id;
      prog_.functions.push_back(std::move(fn));
      fn_modules_.push_back(m);
      fn_ok_.push_back(false);
    }
  }
  registerOpTraits();
  resolveUses();
  for (AdtId i = 0; i < adt_items_.size(); ++i) fillAdt(i);
  for (TraitId i = 0; i < trait_items_.size(); ++i) fillTrait(i);
  fillOpTraits();
  for (ImplId i = 0; i < impl_items_.size(); ++i) fillImpl(i);
  for (uint32_t m = 0; m < modules_.size(); ++m)
    for (const ast::Item* it : modules_[m].items)
      if (it->kind == ast::ItemKind::Fn) {
        cur_module_ = m;
        collectFunction(*it, m, {}, nullptr, kNone, kNone);
      }
  for (uint32_t m = 0; m < modules_.size(); ++m) {
    cur_module_ = m;
    for (const ast::Item* it : modules_[m].items) {
      switch (it->kind) {
        case ast::ItemKind::Use:
          for (const auto& a : it->attrs) checkPlainAttribute(a);
          break;
        case ast::ItemKind::Unsupported:
          unsupported(it->name.span.valid() ? it->name.span : it->span, it->construct);
          break;
        case ast::ItemKind::Mod:
          for (const auto& a : it->attrs) checkPlainAttribute(a);
          break;
        default:
          break;
      }
    }
  }
  for (ConstId i = 0; i < const_items_.size(); ++i) collectConst(*const_items_[i], const_modules_[i]);
  for (auto& c : prog_.consts) checkConstBody(c);
  for (size_t i = 0; i < prog_.functions.size(); ++i) checkFunctionBody(prog_.functions[i]);
  checkTraitImpls();
  checkRecursion();
  return std::move(prog_);
}

// ------------------------------------------------------------------ generics

void Checker::declareGenerics(const ast::Generics& g, std::vector<GenericParam>& out) {
  for (const auto& p : g.params) {
    if (p.kind == ast::GenericParamKind::Lifetime) continue;
    GenericParam gp;
    gp.name = p.name.name;
    if (p.kind == ast::GenericParamKind::Const) {
      gp.is_const = true;
      gp.const_type = p.const_type ? resolveType(*p.const_type) : tc_->usize();
      if (!gp.const_type->isError() && !gp.const_type->isInteger() && !gp.const_type->isBool())
        unsupported(p.const_type->span, "const generic parameters of type `" +
                                            typeName(gp.const_type) + "`");
    }
    if (p.default_type) unsupported(p.default_type->span, "default generic arguments");
    out.push_back(std::move(gp));
  }
}

void Checker::resolveBounds(const ast::Generics& g, std::vector<GenericParam>& params, size_t first) {
  auto addBound = [&](const ast::Path& b, size_t index) {
    const Def* d = lookupPath(b, true, false);
    if (!d || d->kind != Def::Trait) {
      std::string n = b.toString();
      if (n == "Copy") {
        params[index].builtin_bounds.push_back(n);  // moves: T is copied, not moved
        return;
      }
      if (n == "Clone" || n == "Sized" || n == "Send" || n == "Sync") return;
      if (n == "PartialEq" || n == "Eq" || n == "PartialOrd" || n == "Ord") {
        // Comparison operators on a type parameter; instantiations must be
        // scalars (checked at each call).
        params[index].builtin_bounds.push_back(n);
        return;
      }
      diags_.report(DK::UnresolvedTrait, b.span, {n}).label("not a trait in scope");
      return;
    }
    if (const OpTraitInfo* op = opTrait(d->id)) {
      // `T: Add<Output = T>` (or `AddAssign`, `Neg<Output = T>`): the operator
      // works on T. Without `Output = T` rustc types `a + b` as
      // `<T as Add>::Output`, which Hematite does not model: the bound is kept
      // but the operator is not enabled (H0311 explains).
      const ast::PathSegment& seg = b.segments.back();
      auto* saved_generics = cur_generics_;
      cur_generics_ = &params;
      bool rhs_is_self = seg.generic_args.empty();
      if (seg.generic_args.size() == 1) {
        const Type* r = resolveType(*seg.generic_args[0]);
        rhs_is_self = r->isParam() && r->paramIndex() == index;
      }
      bool output_is_self = op->kind == OpTraitInfo::Assign;
      for (const auto& [name, type] : seg.assoc_bindings)
        if (name.name == "Output") {
          const Type* o = resolveType(*type);
          output_is_self = o->isParam() && o->paramIndex() == index;
        }
      cur_generics_ = saved_generics;
      if (rhs_is_self && output_is_self) params[index].builtin_bounds.push_back(std::string("op:") + op->name);
      else
        unsupported(b.span, "operator bounds other than `" + std::string(op->name) +
                                (op->kind == OpTraitInfo::Assign ? "`" : "<Output = T>`"))
            .note("Hematite models `T: Add<Output = T>`: the operator on two values of T gives a T");
      return;
    }
    params[index].bounds.push_back(d->id);
  };
  size_t i = first;
  for (const auto& p : g.params) {
    if (p.kind == ast::GenericParamKind::Lifetime) continue;
    for (const auto& b : p.bounds) addBound(b, i);
    ++i;
  }
  for (const auto& w : g.where_preds) {
    const Type* t = w.bounded ? resolveType(*w.bounded) : tc_->error();
    if (t->isError()) continue;
    if (!t->isParam()) {
      unsupported(w.span, "`where` clauses on types other than generic parameters");
      continue;
    }
    for (const auto& b : w.bounds) addBound(b, t->paramIndex());
  }
}

// ------------------------------------------------------------------ ADTs

namespace {
bool hasDerive(const ast::Item& item, const char* what) {
  for (const auto& a : item.attrs)
    if (a.path.toString() == "derive")
      for (const auto& arg : a.args)
        if (arg.path.toString() == what) return true;
  return false;
}
}  // namespace

std::vector<const Type*> Checker::fieldTypes(const Type* t) {
  const AdtDef& adt = prog_.adts[t->adt()];
  std::vector<const Type*> types;
  std::vector<ConstValue> consts;
  size_t ti = 0, ci = 0;
  for (const auto& g : adt.generics) {
    types.push_back(g.is_const ? nullptr : t->elements()[ti++]);
    consts.push_back(g.is_const ? t->constArgs()[ci++] : ConstValue::number(0));
  }
  std::vector<const Type*> out;
  for (const auto& f : adt.fields) out.push_back(tc_->substitute(f.type, types, consts));
  return out;
}

void Checker::fillAdt(AdtId id) {
  while (prog_.adts.size() <= id) {
    AdtDef d;
    d.id = AdtId(prog_.adts.size());
    prog_.adts.push_back(std::move(d));
  }
  // Header first (name, generics): fields may refer to the type itself.
  std::vector<uint8_t>& state = adt_state_;  // 0 new, 1 started
  if (state.size() < adt_items_.size()) state.resize(adt_items_.size(), 0);
  if (state[id] >= 1) return;
  state[id] = 1;
  const ast::Item& item = *adt_items_[id];
  AdtDef& adt = prog_.adts[id];
  adt.name = item.name.name;
  adt.qualified_name = (adt_modules_[id] == 0 ? "" : modules_[adt_modules_[id]].path.substr(7) + "::") + adt.name;
  adt.span = item.name.span;
  adt.is_enum = item.kind == ast::ItemKind::Enum;
  adt.is_copy = hasDerive(item, "Copy");
  adt.derives_eq = hasDerive(item, "PartialEq");
  adt.derives_clone = hasDerive(item, "Clone");
  uint32_t saved = cur_module_;
  auto* saved_generics = cur_generics_;
  const Type* saved_self = cur_self_;
  cur_module_ = adt_modules_[id];
  std::vector<GenericParam> generics;
  declareGenerics(item.generics, generics);
  prog_.adts[id].generics = generics;
  cur_generics_ = &prog_.adts[id].generics;
  resolveBounds(item.generics, prog_.adts[id].generics, 0);
  {
    std::vector<const Type*> targs;
    std::vector<ConstValue> cargs;
    for (size_t i = 0; i < generics.size(); ++i) {
      if (generics[i].is_const) cargs.push_back(ConstValue::param(uint32_t(i)));
      else targs.push_back(tc_->param(uint32_t(i)));
    }
    cur_self_ = tc_->adt(id, targs, cargs);
  }
  for (const auto& a : item.attrs) {
    std::string n = a.path.toString();
    if (n == "repr") {
      for (const auto& arg : a.args) {
        std::string r = arg.path.toString();
        if (r == "C") prog_.adts[id].repr_c = true;
        else if (const Type* pt = tc_->primitiveByName(r); pt && pt->isInteger() && adt.is_enum)
          prog_.adts[id].discriminant_type = pt;
        else
          unsupported(arg.span, "`#[repr(" + r + ")]`");
      }
    } else if (n == "kernel") {
      diags_.report(DK::MalformedKernelAttribute, a.span,
                    {"`#[kernel]` can only be applied to functions"});
    } else {
      checkPlainAttribute(a);
    }
  }
  if (!adt.is_enum) {
    std::set<std::string> seen;
    for (size_t i = 0; i < item.fields.size(); ++i) {
      const auto& f = item.fields[i];
      FieldDef fd;
      fd.name = item.is_tuple_struct ? std::to_string(i) : f.name.name;
      fd.span = f.name.span.valid() ? f.name.span : f.span;
      fd.type = f.type ? resolveType(*f.type) : tc_->error();
      fd.is_pub = f.is_pub;
      if (fd.type->isSlice() || fd.type->isRef())
        unsupported(f.type->span, "references and slices inside structs")
            .note("pass slices to kernels and device functions as parameters instead");
      if (!item.is_tuple_struct && !seen.insert(fd.name).second)
        diags_.report(DK::DuplicateDefinition, fd.span, {fd.name}).label("field already declared");
      prog_.adts[id].fields.push_back(fd);
    }
  } else {
    AdtDef& a = prog_.adts[id];
    if (!a.discriminant_type) a.discriminant_type = tc_->get(TypeKind::Isize);
    if (!generics.empty()) unsupported(item.generics.span, "generic enums");
    int64_t next = 0;
    std::set<int64_t> used;
    for (const auto& v : item.variants) {
      if (v.kind != ast::VariantKind::Unit) {
        unsupported(v.span, "enum variants with data")
            .note("only C-like enums (`enum E { A, B = 3 }`) are supported in GPU kernels");
      }
      VariantDef vd;
      vd.name = v.name.name;
      vd.span = v.name.span;
      if (v.discriminant) {
        const ast::Expr& de = stripParens(*v.discriminant);
        bool neg = de.kind == ast::ExprKind::Unary && de.unary_op == ast::UnaryOp::Neg;
        auto val = evalConstInt(neg ? *de.lhs : de);
        if (!val) {
          unsupported(v.discriminant->span, "this discriminant expression")
              .note("use an integer literal");
        } else {
          next = neg ? -int64_t(*val) : int64_t(*val);
        }
      }
      vd.discriminant = next;
      if (!used.insert(next).second)
        diags_.report(DK::DuplicateDefinition, v.name.span, {std::to_string(next)})
            .label("discriminant `" + std::to_string(next) + "` assigned more than once");
      next++;
      a.variants.push_back(vd);
    }
  }
  cur_module_ = saved;
  cur_generics_ = saved_generics;
  cur_self_ = saved_self;
  // A struct that contains itself by value has infinite size.
  std::function<bool(const Type*, int)> contains = [&](const Type* t, int depth) -> bool {
    if (depth > 64) return false;
    if (t->isAdt()) {
      if (t->adt() == id) return true;
      if (t->adt() < prog_.adts.size())
        for (const auto& f : prog_.adts[t->adt()].fields)
          if (contains(f.type, depth + 1)) return true;
      return false;
    }
    if (t->isArray()) return contains(t->element(), depth + 1);
    if (t->isTuple())
      for (const Type* e : t->elements())
        if (contains(e, depth + 1)) return true;
    return false;
  };
  for (const auto& f : prog_.adts[id].fields)
    if (contains(f.type, 0)) {
      diags_.report(DK::RecursiveType, item.name.span, {item.name.name})
          .label("recursive type has infinite size")
          .secondary(f.span, "recursive without indirection");
      break;
    }
}

// ------------------------------------------------------------------ traits

void Checker::fillTrait(TraitId id) {
  while (prog_.traits.size() <= id) {
    TraitDef d;
    d.id = TraitId(prog_.traits.size());
    prog_.traits.push_back(std::move(d));
  }
  const ast::Item& item = *trait_items_[id];
  uint32_t mod = trait_modules_[id];
  cur_module_ = mod;
  TraitDef& t = prog_.traits[id];
  t.name = item.name.name;
  t.qualified_name = (mod == 0 ? "" : modules_[mod].path.substr(7) + "::") + t.name;
  t.span = item.name.span;
  std::vector<GenericParam> generics;
  GenericParam self;
  self.name = "Self";
  generics.push_back(self);
  declareGenerics(item.generics, generics);
  prog_.traits[id].generics = generics;
  cur_generics_ = &prog_.traits[id].generics;
  resolveBounds(item.generics, prog_.traits[id].generics, 1);
  prog_.traits[id].generics[0].bounds.push_back(id);
  for (const auto& s : item.supertraits) {
    const Def* d = lookupPath(s, true, false);
    std::string n = s.toString();
    if (d && d->kind == Def::Trait) prog_.traits[id].supertraits.push_back(d->id);
    else if (n != "Copy" && n != "Clone" && n != "Sized")
      diags_.report(DK::UnresolvedTrait, s.span, {n}).label("not a trait in scope");
  }
  for (const auto& a : item.attrs) checkPlainAttribute(a);
  std::vector<GenericParam> outer = prog_.traits[id].generics;
  cur_generics_ = nullptr;
  for (const auto& m : item.items) {
    if (m->kind == ast::ItemKind::Fn) {
      FunctionId f = collectFunction(*m, mod, outer, tc_->param(0), kNone, id);
      prog_.traits[id].methods.push_back(f);
    } else if (m->kind != ast::ItemKind::Error) {
      unsupported(m->name.span.valid() ? m->name.span : m->span,
                  m->kind == ast::ItemKind::Const ? "associated constants in traits"
                                                  : "associated types");
    }
  }
}

// ------------------------------------------------------------------ impls

void Checker::fillImpl(ImplId id) {
  while (prog_.impls.size() <= id) {
    ImplDef d;
    d.id = ImplId(prog_.impls.size());
    prog_.impls.push_back(std::move(d));
  }
  const ast::Item& item = *impl_items_[id];
  uint32_t mod = impl_modules_[id];
  cur_module_ = mod;
  prog_.impls[id].span = item.span;
  std::vector<GenericParam> generics;
  declareGenerics(item.generics, generics);
  prog_.impls[id].generics = generics;
  cur_generics_ = &prog_.impls[id].generics;
  resolveBounds(item.generics, prog_.impls[id].generics, 0);
  const Type* self = item.type ? resolveType(*item.type) : tc_->error();
  prog_.impls[id].self_type = self;
  for (const auto& a : item.attrs) checkPlainAttribute(a);
  if (!self->isError() && !self->isAdt() && !self->isParam() && !self->isScalar() &&
      !self->isArray() && !self->isTuple())
    unsupported(item.type->span, "impls for `" + typeName(self) + "`");
  if (!self->isError() && (self->isScalar() || self->isParam() || self->isArray() || self->isTuple()) &&
      !item.has_trait)
    diags_.report(DK::InherentImplForeignType, item.type->span, {typeName(self)})
        .label("impl for type defined outside of crate")
        .help("define a trait and implement it for `" + typeName(self) + "` instead");
  if (item.has_trait) {
    const Def* d = lookupPath(item.trait_path, true, false);
    if (!d || d->kind != Def::Trait) {
      std::string n = item.trait_path.toString();
      if (n == "Clone" || n == "Copy")
        unsupported(item.trait_path.span, "implementing `" + n + "` by hand")
            .help("use `#[derive(Clone, Copy)]`");
      else
        diags_.report(DK::UnresolvedTrait, item.trait_path.span, {n}).label("not a trait in scope");
      prog_.impls[id].self_type = tc_->error();
      cur_generics_ = nullptr;
      return;
    }
    prog_.impls[id].trait_id = d->id;
    const auto& seg = item.trait_path.segments.back();
    for (const auto& a : seg.generic_args) prog_.impls[id].trait_args.push_back(resolveType(*a));
  }
  // `type Output = T;` of an operator impl (the only associated type).
  cur_impl_output_ = nullptr;
  if (opTrait(prog_.impls[id].trait_id)) {
    cur_self_ = self;
    for (const auto& m : item.items)
      if (m->kind == ast::ItemKind::TypeAlias && m->name.name == "Output" && m->type) {
        cur_impl_output_ = resolveType(*m->type);
        impl_output_[id] = cur_impl_output_;
      }
    cur_self_ = nullptr;
  }
  cur_generics_ = nullptr;
  std::vector<GenericParam> outer = prog_.impls[id].generics;
  std::set<std::string> names;
  for (const auto& m : item.items) {
    if (m->kind == ast::ItemKind::TypeAlias && m->name.name == "Output" && opTrait(prog_.impls[id].trait_id))
      continue;
    if (m->kind == ast::ItemKind::Const && !item.has_trait && outer.empty()) {
      // `impl P { const ZERO: P = ...; }`: an associated const, used as `P::ZERO`.
      ConstId c = ConstId(const_items_.size());
      const_items_.push_back(m.get());
      const_modules_.push_back(mod);
      const_impl_[c] = id;
      impl_consts_[{id, m->name.name}] = c;
      continue;
    }
    if (m->kind == ast::ItemKind::Fn) {
      if (!names.insert(m->name.name).second)
        diags_.report(DK::DuplicateDefinition, m->name.span, {m->name.name})
            .label("duplicate definitions for `" + m->name.name + "`");
      FunctionId f = collectFunction(*m, mod, outer, self, id, kNone);
      prog_.impls[id].methods.push_back(f);
    } else if (m->kind != ast::ItemKind::Error) {
      unsupported(m->name.span.valid() ? m->name.span : m->span,
                  m->kind == ast::ItemKind::Const ? "associated constants" : "associated types");
    }
  }
  cur_impl_output_ = nullptr;
}

void Checker::checkTraitImpls() {
  for (const ImplDef& impl : prog_.impls) {
    if (impl.trait_id == kNone) continue;
    if (opTrait(impl.trait_id)) {
      checkOpImpl(impl);
      continue;
    }
    const TraitDef& tr = prog_.traits[impl.trait_id];
    const ast::Item& item = *impl_items_[impl.id];
    std::vector<std::string> missing;
    for (FunctionId decl : tr.methods) {
      const Function& d = prog_.functions[decl];
      bool found = false;
      for (FunctionId m : impl.methods)
        if (prog_.functions[m].name == d.name) found = true;
      if (!found && !d.decl->body) missing.push_back("`" + d.name + "`");
    }
    for (FunctionId m : impl.methods) {
      const Function& f = prog_.functions[m];
      bool found = false;
      for (FunctionId decl : tr.methods)
        if (prog_.functions[decl].name == f.name) {
          found = true;
          const Function& d = prog_.functions[decl];
          if (d.params.size() != f.params.size() || d.has_self != f.has_self)
            diags_.report(DK::TraitMethodMismatch, f.name_span, {f.name, tr.name})
                .label("expected " + std::to_string(d.params.size()) + " parameters, found " +
                       std::to_string(f.params.size()))
                .secondary(d.name_span, "trait method declared here");
          else
            checkTraitMethodTypes(impl, tr, d, f);
        }
      if (!found)
        diags_.report(DK::NotATraitMember, f.name_span, {f.name, tr.name})
            .label("not a member of trait `" + tr.name + "`");
    }
    if (!missing.empty()) {
      std::string list;
      for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
      diags_.report(DK::MissingTraitItems, item.type ? Span::merge(item.span, item.span) : item.span,
                    {list})
          .label("missing " + list + " in implementation");
    }
    // Supertraits must be implemented too.
    for (TraitId s : tr.supertraits)
      if (!impl.self_type->isError() && !impl.self_type->hasParams())
        typeImplementsTrait(impl.self_type, s, item.span, true);
  }
  // Overlapping impls of one trait for one type.
  for (size_t i = 0; i < prog_.impls.size(); ++i)
    for (size_t j = i + 1; j < prog_.impls.size(); ++j) {
      const ImplDef &a = prog_.impls[i], &b = prog_.impls[j];
      if (a.trait_id == kNone || a.trait_id != b.trait_id || a.self_type->isError()) continue;
      if (a.self_type == b.self_type && !a.self_type->hasParams())
        diags_.report(DK::ConflictingImpls, b.span, {prog_.traits[a.trait_id].name, typeName(a.self_type)})
            .label("conflicting implementation")
            .secondary(a.span, "first implementation here");
    }
}

// The parameter and return types of an impl's method against the trait's
// declaration, with Self and the trait's arguments substituted (rustc's E0053).
// Callers and default methods are checked against the declaration, so a
// different type in the impl would reach lowering as ill-typed IR. Methods with
// generic parameters of their own are not compared (their index spaces differ).
void Checker::checkTraitMethodTypes(const ImplDef& impl, const TraitDef& tr, const Function& d,
                                    const Function& f) {
  if (d.generics.size() != tr.generics.size() || f.generics.size() != impl.generics.size() ||
      !d.return_type || !f.return_type || impl.self_type->isError())
    return;
  std::vector<const Type*> args{impl.self_type};
  args.insert(args.end(), impl.trait_args.begin(), impl.trait_args.end());
  auto expected = [&](const Type* t) { return tc_->substitute(t, args, {}); };
  auto mismatch = [&](Span at, const Type* want, const Type* found) {
    if (want->isError() || found->isError()) return;
    diags_.report(DK::TraitMethodMismatch, at.valid() ? at : f.name_span, {f.name, tr.name})
        .label("expected `" + typeName(want) + "`, found `" + typeName(found) + "`")
        .secondary(d.name_span, "trait method declared here");
  };
  for (size_t i = 0; i < d.params.size(); ++i) {
    const Type* want = expected(d.param(i).type);
    if (want != f.param(i).type) {
      mismatch(f.param(i).span, want, f.param(i).type);
      return;
    }
  }
  const Type* want = expected(d.return_type);
  if (want != f.return_type) mismatch(f.name_span, want, f.return_type);
}

// ------------------------------------------------------------------ functions

// Where `pub` goes: before the `fn` keyword (after attributes).
Span Checker::fnKeywordStart(const ast::Item& item) const {
  Span at{item.name.span.file, item.span.begin, item.span.begin};
  if (!sources_ || !item.name.span.valid()) return at;
  std::string_view text = sources_->buffer(item.name.span.file).text();
  if (item.name.span.begin > text.size()) return at;
  size_t fn = text.substr(0, item.name.span.begin).rfind("fn");
  if (fn == std::string_view::npos || fn < item.span.begin) return at;
  return Span{item.name.span.file, uint32_t(fn), uint32_t(fn)};
}

FunctionId Checker::collectFunction(const ast::Item& item, uint32_t mod, std::vector<GenericParam> outer,
                                    const Type* self_type, ImplId impl, TraitId trait) {
  // Free functions were given an id up front; methods get one now.
  FunctionId id = kNone;
  if (impl == kNone && trait == kNone) {
    auto it = free_fn_ids_.find(&item);
    if (it != free_fn_ids_.end()) id = it->second;
  }
  if (id == kNone) {
    Function fresh;
    fresh.id = FunctionId(prog_.functions.size());
    prog_.functions.push_back(std::move(fresh));
    fn_modules_.push_back(mod);
    fn_ok_.push_back(false);
    id = prog_.functions.back().id;
  }
  Function fn;
  fn.id = id;
  fn.name = item.name.name;
  fn.span = item.span;
  fn.name_span = item.name.span;
  fn.is_public = item.is_pub;
  fn.decl = &item;
  fn.impl_id = impl;
  fn.trait_id = trait;
  fn.self_type = self_type;
  std::string prefix = mod == 0 ? "" : modules_[mod].path.substr(7) + "::";
  if (impl != kNone) prefix = typeName(self_type) + "::";
  if (trait != kNone) prefix = prog_.traits[trait].name + "::";
  fn.qualified_name = prefix + fn.name;
  cur_module_ = mod;
  size_t first = outer.size();
  fn.generics = std::move(outer);
  declareGenerics(item.generics, fn.generics);
  cur_generics_ = &fn.generics;
  cur_self_ = self_type;
  resolveBounds(item.generics, fn.generics, first);
  bool ok = true;

  for (const auto& a : item.attrs) {
    std::string name = a.path.toString();
    if (name == "kernel" || name == "gpu::kernel") {
      // As in rustc, the attribute must be in scope (`use gpu::*;`).
      const Def* k = name == "kernel" ? lookupIn(mod, "kernel", false) : nullptr;
      if (name == "kernel" && (!k || k->kind != Def::KernelAttr))
        diags_.report(DK::UnknownAttribute, a.path.span, {"kernel"})
            .help("import it from the `gpu` crate: `use gpu::*;` or `use gpu::kernel;`");
      fn.is_kernel = true;
      if (a.value)
        diags_.report(DK::MalformedKernelAttribute, a.span,
                      {"expected `#[kernel]` or `#[kernel(max_threads = N)]`"});
      for (const auto& arg : a.args) {
        std::string key = arg.path.toString();
        if (key != "max_threads") {
          diags_.report(DK::MalformedKernelAttribute, arg.span,
                        {key.empty() ? "expected `max_threads = N`" : "unknown argument `" + key + "`"})
              .label("expected `max_threads = N`");
          continue;
        }
        const ast::Expr* v = arg.value.get();
        if (!v || v->kind != ast::ExprKind::Literal || v->literal_kind != ast::LiteralKind::Int ||
            v->literal.int_value == 0 || v->literal.int_value > 0xFFFFFFFFull) {
          diags_.report(DK::MalformedKernelAttribute, arg.span,
                        {"`max_threads` must be a positive integer literal"})
              .label("expected `max_threads = N`");
          continue;
        }
        fn.max_threads = uint32_t(v->literal.int_value);
      }
      if (impl != kNone || trait != kNone)
        diags_.report(DK::MalformedKernelAttribute, a.span, {"kernels must be free functions, not methods"});
      if (!fn.generics.empty())
        diags_.report(DK::MalformedKernelAttribute, a.span, {"kernels cannot be generic"})
            .note("write a generic device function and one `#[kernel]` per instantiation");
    } else if (name == "inline") {
      fn.inline_hint = true;
    } else {
      checkPlainAttribute(a);
    }
  }
  if (item.is_const) unsupported(item.name.span, "`const fn`");
  if (item.is_unsafe) unsupported(item.name.span, "`unsafe fn`");
  if (item.is_extern) unsupported(item.name.span, "`extern` functions");
  if (item.is_async) unsupported(item.name.span, "`async fn`");

  std::set<std::string> param_names;
  for (size_t pi = 0; pi < item.params.size(); ++pi) {
    const auto& p = item.params[pi];
    Local local;
    local.id = LocalId(fn.locals.size());
    local.is_param = true;
    local.span = p.span;
    if (p.is_self) {
      if (pi != 0 || !self_type) {
        diags_.report(DK::SelfOutsideImpl, p.span, {})
            .label(pi != 0 ? "`self` must be the first parameter" : "not valid here")
            .note("`self` parameters are only allowed in `impl` and `trait` methods");
        ok = false;
        continue;
      }
      fn.has_self = true;
      local.name = "self";
      local.is_mutable = p.self_is_mut;
      local.type = p.self_kind == ast::SelfKind::Value ? self_type
                   : tc_->ref(self_type, p.self_kind == ast::SelfKind::RefMut);
      if (p.type) local.type = resolveType(*p.type);
      fn.params.push_back(local.id);
      fn.param_patterns.push_back(nullptr);
      fn.locals.push_back(std::move(local));
      continue;
    }
    const Type* ty = p.type ? resolveType(*p.type) : tc_->error();
    local.type = ty;
    if (p.pattern && p.pattern->kind == ast::PatternKind::Ident && !p.pattern->is_ref &&
        p.pattern->elems.empty()) {
      local.name = p.pattern->name.name;
      local.is_mutable = p.pattern->is_mut;
      local.span = p.pattern->name.span;
      if (!param_names.insert(local.name).second)
        diags_.report(DK::DuplicateDefinition, p.pattern->name.span, {local.name})
            .label("used as parameter more than once");
    } else {
      local.name = p.pattern && p.pattern->kind == ast::PatternKind::Wildcard ? "_" : "<param>";
    }
    if (fn.is_kernel && !ty->isError() && !ty->isScalar() && !ty->isSlice()) {
      diags_.report(DK::KernelParamType, p.type ? p.type->span : p.span, {local.name, typeName(ty)})
          .note("kernel parameters must be scalars (bool, integers, floats) or slices "
                "(`&[T]`, `&mut [T]`)");
    }
    fn.params.push_back(local.id);
    fn.param_patterns.push_back(nullptr);
    fn.locals.push_back(std::move(local));
  }
  fn.return_type = item.ret_type ? resolveType(*item.ret_type) : tc_->unit();
  if (fn.return_type->isSlice() || fn.return_type->isRef()) {
    // Returning a reference needs lifetimes the kernel ABI cannot express
    // beyond slices of parameters; allowed for slices (they are values).
    if (fn.return_type->isRef())
      unsupported(item.ret_type->span, "functions returning references")
          .help("return the value (`T`) instead of `&T`");
  }
  if (fn.is_kernel) {
    if (!item.is_pub) {
      diags_.report(DK::KernelNotPublic, item.name.span, {fn.name})
          .label("kernel is private")
          .suggest("make it public: `pub fn " + fn.name + "`", fnKeywordStart(item), "pub ");
    }
    if (!fn.return_type->isUnit() && !fn.return_type->isError())
      diags_.report(DK::KernelReturnType, item.ret_type->span, {fn.name})
          .label("kernels cannot return a value")
          .help("write results into a `&mut [T]` parameter");
  }
  if (!item.body && trait == kNone) {
    unsupported(item.name.span, "functions without a body");
    ok = false;
  }
  cur_generics_ = nullptr;
  cur_self_ = nullptr;
  fn_ok_[id] = ok;
  prog_.functions[id] = std::move(fn);
  return id;
}

void Checker::collectConst(const ast::Item& item, uint32_t mod) {
  ConstDef c;
  c.id = ConstId(prog_.consts.size());
  c.name = item.name.name;
  c.span = item.name.span;
  c.is_static = item.kind == ast::ItemKind::Static;
  cur_module_ = mod;
  auto in_impl = const_impl_.find(c.id);
  cur_self_ = in_impl != const_impl_.end() ? prog_.impls[in_impl->second].self_type : nullptr;
  c.type = item.type ? resolveType(*item.type) : tc_->error();
  cur_self_ = nullptr;
  if (item.is_mut)
    unsupported(item.name.span, "`static mut`")
        .note("kernels share memory through slices and `gpu::shared`; mutable globals are not supported");
  for (const auto& a : item.attrs) {
    if (a.path.toString() == "kernel")
      diags_.report(DK::MalformedKernelAttribute, a.span, {"`#[kernel]` can only be applied to functions"});
    else
      checkPlainAttribute(a);
  }
  prog_.consts.push_back(std::move(c));
}

void Checker::checkConstBody(ConstDef& c) {
  const ast::Item& item = *const_items_[c.id];
  if (!item.value) {
    unsupported(item.name.span, "constants without a value");
    return;
  }
  // A const's initializer is checked like a tiny function body.
  Function scratch;
  scratch.name = c.name;
  scratch.return_type = c.type;
  fn_ = &scratch;
  cur_module_ = const_modules_[c.id];
  auto in_impl = const_impl_.find(c.id);
  cur_self_ = in_impl != const_impl_.end() ? prog_.impls[in_impl->second].self_type : nullptr;
  vars_.clear();
  const_vars_.clear();
  literals_.clear();
  neg_checks_.clear();
  scopes_.assign(1, {});
  ExprPtr init = checkExpr(*item.value, c.type);
  demand(*init, c.type);
  std::function<bool(const Expr&)> pure = [&](const Expr& e) {
    if (e.kind == ExprKind::Call || e.kind == ExprKind::TraitCall ||
        e.kind == ExprKind::IntrinsicCall || e.kind == ExprKind::Loop ||
        e.kind == ExprKind::While || e.kind == ExprKind::For)
      return false;
    for (const auto& o : e.operands)
      if (o && !pure(*o)) return false;
    return true;
  };
  if (!pure(*init))
    unsupported(init->span, "function calls and loops in constant initializers")
        .note("constant initializers are evaluated at compile time");
  if (!scratch.locals.empty())
    unsupported(init->span, "`let` bindings in constant initializers");
  scratch.body = std::move(init);
  finalizeFunction(scratch);
  c.init = std::move(scratch.body);
  fn_ = nullptr;
}

void Checker::checkFunctionBody(Function& fn) {
  if (!fn_ok_[fn.id] || !fn.decl || !fn.decl->body) return;
  fn_ = &fn;
  cur_module_ = fn_modules_[fn.id];
  cur_generics_ = &fn.generics;
  cur_self_ = fn.self_type;
  vars_.clear();
  const_vars_.clear();
  literals_.clear();
  neg_checks_.clear();
  loops_.clear();
  next_loop_ = 0;
  obligations_.clear();
  matches_.clear();
  deferred_init_.assign(fn.locals.size(), false);
  scopes_.clear();
  scopes_.emplace_back();
  for (size_t i = 0; i < fn.params.size(); ++i) {
    LocalId id = fn.params[i];
    const std::string& name = fn.locals[id].name;
    if (name != "_" && name != "<param>") scopes_.back().push_back({name, id});
  }
  // Destructuring parameters: `fn f((a, b): (u32, u32))`.
  size_t pi = 0;
  for (const auto& p : fn.decl->params) {
    if (pi >= fn.params.size()) break;
    if (!p.is_self && p.pattern && fn.locals[fn.params[pi]].name == "<param>")
      fn.param_patterns[pi] = checkPattern(*p.pattern, fn.locals[fn.params[pi]].type, true);
    ++pi;
  }
  ExprPtr body = checkBlockExpr(*fn.decl->body, fn.return_type, fn.decl->body->span);
  if (!coerce(body->type, fn.return_type)) {
    const ast::Block& b = *fn.decl->body;
    Span at = b.tail ? b.tail->span : (fn.decl->ret_type ? fn.decl->ret_type->span : b.span);
    Diagnostic& d = mismatch(at, fn.return_type, body->type);
    if (!b.tail && fn.decl->ret_type)
      d.label("expected `" + typeName(fn.return_type) + "`, found `()`")
          .note("implicitly returns `()` as its body has no tail or `return` expression");
  }
  scopes_.clear();
  fn.body = std::move(body);
  finalizeFunction(fn);
  fn_ = nullptr;
  cur_generics_ = nullptr;
  cur_self_ = nullptr;
}

void Checker::finalizeFunction(Function& fn) {
  for (auto& l : fn.locals) l.type = finalType(l.type);
  if (fn.body) finalizeExpr(*fn.body);
  for (auto& p : fn.param_patterns)
    if (p) finalizePattern(*p);
  for (const auto& lit : literals_) checkLiteralRange(lit);
  for (auto& [type, span] : neg_checks_) {
    const Type* t = finalType(type);
    if (t->isUnsignedInt())
      diags_.report(DK::UnaryOpType, span, {"-", typeName(t)})
          .label("cannot apply unary operator `-`")
          .note("unsigned values cannot be negated");
  }
  for (auto& ob : obligations_) {
    const Type* t = finalType(ob.type);
    if (t->isError()) continue;
    if (ob.trait == kNumericBound) {
      if (!t->isNumeric() && !t->isParam())
        unsupported(ob.span, "instantiating an operator bound (`T: Add<Output = T>`) with `" + typeName(t) + "`")
            .note("generic operator bounds are instantiated with numbers; call the struct's operators directly");
      continue;
    }
    if (ob.trait == kSliceElement) {
      if (!t->isScalar() && !t->isParam())
        unsupported(ob.span, "slices of `" + typeName(t) + "`")
            .note("kernel slices hold scalars (bool, integers, floats)");
      continue;
    }
    if (ob.trait == kComparable || ob.trait == kPartialOrdBound || ob.trait == kCopyBound) {
      // Builtin bounds: PartialEq (derived, recursively), PartialOrd (scalars),
      // Copy (derived, recursively).
      std::function<bool(const Type*)> ok = [&](const Type* x) -> bool {
        if (x->isScalar() || x->isParam() || x->isError()) return true;
        if (ob.trait == kCopyBound && (x->isRef() ? !x->isMutable() : x->isSlice() ? !x->isMutable() : false))
          return true;
        if (ob.trait == kPartialOrdBound) return false;
        if (x->isArray()) return ok(x->element());
        if (x->isTuple()) {
          for (const Type* e : x->elements())
            if (!ok(e)) return false;
          return true;
        }
        if (x->isAdt()) {
          const AdtDef& a = prog_.adts[x->adt()];
          if (!(ob.trait == kCopyBound ? a.is_copy : a.derives_eq)) return false;
          for (const auto& f : a.fields)
            if (!ok(f.type)) return false;
          return true;
        }
        return false;
      };
      if (!ok(t) && ob.trait == kPartialOrdBound) {
        // Rust orders tuples and arrays lexicographically; Hematite does not yet.
        unsupported(ob.span, "ordering comparisons (`PartialOrd`) on `" + typeName(t) + "`")
            .note("`<`, `<=`, `>`, `>=` work on numbers");
        continue;
      }
      if (!ok(t)) {
        const char* trait = ob.trait == kCopyBound ? "Copy" : ob.trait == kComparable ? "PartialEq" : "PartialOrd";
        diags_.report(DK::TraitNotImplemented, ob.span, {typeName(t), trait})
            .label(std::string("the trait `") + trait + "` is not implemented for `" + typeName(t) + "`")
            .help(ob.trait == kPartialOrdBound ? std::string("ordering comparisons are available on numbers only")
                                               : std::string("add `#[derive(") + trait + ")]` to the type");
      }
      continue;
    }
    typeImplementsTrait(t, ob.trait, ob.span, true);
  }
  for (auto& [m, span] : matches_) checkExhaustive(*m, span);
  if (!diags_.hasErrors() && fn.body) {
    checkMoves(fn);
    checkBorrows(fn);
  }
}

void Checker::finalizePattern(Pattern& p) {
  if (p.type) p.type = finalType(p.type);
  for (auto& e : p.elems)
    if (e) finalizePattern(*e);
}

void Checker::finalizeExpr(Expr& e) {
  e.type = finalType(e.type);
  for (auto& op : e.operands)
    if (op) finalizeExpr(*op);
  for (auto& t : e.subst.types)
    if (t) t = finalType(t);
  for (auto& c : e.subst.consts) {
    c = resolveConst(c);
    if (c.kind == ConstValue::Var) c = ConstValue::number(0);
  }
  for (auto& arm : e.arms) {
    if (arm.pattern) finalizePattern(*arm.pattern);
    if (arm.guard) finalizeExpr(*arm.guard);
    if (arm.body) finalizeExpr(*arm.body);
  }
  if (e.block) {
    for (auto& s : e.block->stmts) {
      if (s.pattern) finalizePattern(*s.pattern);
      if (s.init) finalizeExpr(*s.init);
      if (s.expr) finalizeExpr(*s.expr);
    }
    if (e.block->tail) finalizeExpr(*e.block->tail);
  }
}

void Checker::checkLiteralRange(const LiteralRecord& lit) {
  const Type* t = finalType(lit.type);
  uint64_t magnitude = lit.magnitude;
  bool negated = lit.negated;
  if (!t->isInteger()) return;
  unsigned w = t->bitWidth();
  bool ok;
  std::string range;
  if (t->isUnsignedInt()) {
    uint64_t max = w == 64 ? ~0ull : ((1ull << w) - 1);
    ok = negated ? true : magnitude <= max;
    range = "0..=" + std::to_string(max);
  } else {
    uint64_t max = (1ull << (w - 1)) - 1;
    ok = negated ? magnitude <= max + 1 : magnitude <= max;
    range = "-" + std::to_string(max + 1) + "..=" + std::to_string(max);
  }
  if (!ok)
    diags_.report(DK::LiteralOutOfRange, lit.span, {t->toString()})
        .note("the literal `" + std::string(negated ? "-" : "") + std::to_string(magnitude) +
              "` does not fit into the type `" + t->toString() + "` whose range is `" + range + "`");
}

// Recursion needs a call stack that GPU targets do not give every thread:
// report every cycle of the call graph once.
void Checker::checkRecursion() {
  // The call graph was recorded while checking calls (finishCall).
  size_t n = prog_.functions.size();
  std::vector<std::vector<std::pair<FunctionId, Span>>> calls(n);
  for (const auto& [from, to, span] : call_edges_) {
    if (from >= n || to >= n) continue;
    calls[from].push_back({to, span});
    const Function& callee = prog_.functions[to];
    if (callee.trait_id != kNone) {
      // A trait call may reach any implementation of the method.
      for (const auto& impl : prog_.impls)
        if (impl.trait_id == callee.trait_id)
          for (FunctionId m : impl.methods)
            if (prog_.functions[m].name == callee.name) calls[from].push_back({m, span});
    }
  }
  std::vector<uint8_t> color(n, 0);
  std::vector<bool> reported(n, false);
  std::function<void(FunctionId)> dfs = [&](FunctionId f) {
    color[f] = 1;
    for (auto& [g, span] : calls[f]) {
      if (g >= n) continue;
      if (color[g] == 1 && !reported[g]) {
        reported[g] = true;
        diags_.report(DK::Recursion, span, {prog_.functions[g].name})
            .label("recursive call")
            .secondary(prog_.functions[g].name_span, "`" + prog_.functions[g].name + "` defined here")
            .note("GPU threads have no general call stack: recursion is not supported in kernels")
            .help("rewrite the recursion as a loop");
      } else if (color[g] == 0) {
        dfs(g);
      }
    }
    color[f] = 2;
  };
  for (size_t i = 0; i < n; ++i)
    if (color[i] == 0) dfs(FunctionId(i));
}

// ------------------------------------------------------------------ program

CheckedProgram::Resolved CheckedProgram::resolveTraitMethod(FunctionId decl,
                                                            const Substitution& subst) const {
  Resolved r;
  const Function& d = functions[decl];
  if (d.trait_id == kNone || subst.types.empty() || !subst.types[0]) return r;
  const TraitDef& tr = traits[d.trait_id];
  const Type* self = subst.types[0];
  size_t container = tr.generics.size();
  for (const ImplDef& impl : impls) {
    if (impl.trait_id != d.trait_id) continue;
    // Match impl.self_type (with the impl's Params) against `self`.
    std::vector<const Type*> binds(impl.generics.size(), nullptr);
    std::vector<ConstValue> cbinds(impl.generics.size(), ConstValue::number(0));
    std::function<bool(const Type*, const Type*)> match = [&](const Type* pat, const Type* t) -> bool {
      if (pat->isParam() && pat->paramIndex() < binds.size()) {
        auto& b = binds[pat->paramIndex()];
        if (b) return b == t;
        b = t;
        return true;
      }
      if (pat->kind() != t->kind()) return false;
      switch (pat->kind()) {
        case TypeKind::Slice: case TypeKind::Ref:
          return pat->isMutable() == t->isMutable() && match(pat->element(), t->element());
        case TypeKind::Array: {
          ConstValue pl = pat->arrayLen();
          if (pl.kind == ConstValue::Param) cbinds[pl.value] = t->arrayLen();
          else if (pl != t->arrayLen()) return false;
          return match(pat->element(), t->element());
        }
        case TypeKind::Tuple: case TypeKind::Adt: {
          if (pat->kind() == TypeKind::Adt && pat->adt() != t->adt()) return false;
          if (pat->elements().size() != t->elements().size()) return false;
          for (size_t i = 0; i < pat->elements().size(); ++i)
            if (!match(pat->elements()[i], t->elements()[i])) return false;
          for (size_t i = 0; i < pat->constArgs().size() && i < t->constArgs().size(); ++i) {
            ConstValue pc = pat->constArgs()[i];
            if (pc.kind == ConstValue::Param) cbinds[pc.value] = t->constArgs()[i];
            else if (pc != t->constArgs()[i]) return false;
          }
          return true;
        }
        default:
          return pat == t;
      }
    };
    if (!match(impl.self_type, self)) continue;
    for (FunctionId m : impl.methods) {
      if (functions[m].name != d.name) continue;
      r.fn = m;
      r.subst.types = binds;
      r.subst.consts = cbinds;
      // The method's own generic parameters follow.
      for (size_t i = container; i < subst.types.size(); ++i) {
        r.subst.types.push_back(subst.types[i]);
        r.subst.consts.push_back(i < subst.consts.size() ? subst.consts[i] : ConstValue::number(0));
      }
      return r;
    }
    // Not overridden: the trait's default body, with the same substitution.
    r.fn = decl;
    r.subst = subst;
    return r;
  }
  return r;
}

TypeNamer CheckedProgram::namer() const {
  TypeNamer n;
  n.adt_name = [this](AdtId id) { return id < adts.size() ? adts[id].name : "?"; };
  return n;
}

CheckedProgram check(const ast::Crate& crate, DiagnosticEngine& diags, const SourceManager* sources) {
  return Checker(crate, diags, sources).run();
}

}  // namespace hematite::check
