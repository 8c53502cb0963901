// Name resolution: the module tree (the crate's `mod`s plus the synthetic
// `gpu`, `core` and `std` crates), `use` imports, path lookup, and types
// written in the source.
#include <cmath>

#include "frontend/check/checker_impl.h"

namespace hematite::check {

namespace {
const std::pair<const char*, double> kFloatConsts[] = {
    {"PI", M_PI},           {"TAU", 2 * M_PI},        {"E", M_E},
    {"SQRT_2", M_SQRT2},    {"FRAC_1_SQRT_2", M_SQRT1_2}, {"LN_2", M_LN2},
    {"LN_10", M_LN10},      {"LOG2_E", M_LOG2E},      {"LOG10_E", M_LOG10E},
    {"LOG2_10", 3.32192809488736234787031942948939018}, {"LOG10_2", 0.301029995663981195213738894724493027},
    {"FRAC_PI_2", M_PI_2},  {"FRAC_PI_3", M_PI / 3}, {"FRAC_PI_4", M_PI_4},
    {"FRAC_PI_6", M_PI / 6}, {"FRAC_PI_8", M_PI / 8}, {"FRAC_1_PI", M_1_PI},
    {"FRAC_2_PI", M_2_PI},  {"FRAC_2_SQRT_PI", M_2_SQRTPI},
};

bool isStdTypeName(const std::string& n) {
  static const char* names[] = {"Vec", "Box", "String", "Option", "Result", "Rc", "Arc",
                                "HashMap", "HashSet", "Cell", "RefCell", "BTreeMap", "VecDeque"};
  for (const char* s : names)
    if (n == s) return true;
  return false;
}
}  // namespace

uint32_t Checker::addModule(const std::string& path, uint32_t parent) {
  Module m;
  m.path = path;
  m.parent = parent;
  modules_.push_back(std::move(m));
  return uint32_t(modules_.size() - 1);
}

void Checker::buildModules() {
  addModule("crate", ~0u);  // 0: the crate root
  // gpu: the intrinsics.
  gpu_module_ = addModule("gpu", ~0u);
  modules_[gpu_module_].synthetic = true;
  for (unsigned i = 0;; ++i) {
    const char* n = intrinsicName(Intrinsic(i));
    if (std::string(n) == "?") break;
    modules_[gpu_module_].values[n] = Def{Def::Intrinsic, i, {}, {}, true};
  }
  modules_[gpu_module_].values["kernel"] = Def{Def::KernelAttr, 0, {}, {}, true};
  modules_[gpu_module_].values["rsqrt"] = Def{Def::GpuMath, uint32_t(Builtin::Rsqrt), {}, {}, true};
  // core (also reachable as std): core::f32::consts::PI, core::u32::MAX, ...
  core_module_ = addModule("core", ~0u);
  modules_[core_module_].synthetic = true;
  for (const char* fname : {"f32", "f64"}) {
    const Type* ft = tc_->primitiveByName(fname);
    uint32_t fm = addModule(std::string("core::") + fname, core_module_);
    modules_[fm].synthetic = true;
    modules_[core_module_].types[fname] = Def::module(fm);
    uint32_t cm = addModule(std::string("core::") + fname + "::consts", fm);
    modules_[cm].synthetic = true;
    modules_[fm].types["consts"] = Def::module(cm);
    for (auto& [n, v] : kFloatConsts) {
      builtin_consts_.push_back({ft, v, 0});
      modules_[cm].values[n] = Def{Def::BuiltinConst, uint32_t(builtin_consts_.size() - 1), {}, {}, true};
    }
  }
}

void Checker::collectModuleItems(uint32_t mod, const std::vector<ast::ItemPtr>& items) {
  for (const auto& ip : items) {
    const ast::Item& item = *ip;
    modules_[mod].items.push_back(&item);
    auto define = [&](std::unordered_map<std::string, Def>& ns, Def d) {
      if (item.name.name.empty() || item.name.name == "_") return;
      auto [it, inserted] = ns.emplace(item.name.name, d);
      if (!inserted) {
        diags_.report(DK::DuplicateDefinition, item.name.span, {item.name.name})
            .label("`" + item.name.name + "` redefined here")
            .secondary(it->second.span, "previous definition of `" + item.name.name + "` here")
            .note("`" + item.name.name + "` must be defined only once in this module");
      }
    };
    Def d;
    d.span = item.name.span;
    d.is_pub = item.is_pub;
    switch (item.kind) {
      case ast::ItemKind::Mod: {
        uint32_t sub = addModule(modules_[mod].path + "::" + item.name.name, mod);
        d.kind = Def::Mod;
        d.id = sub;
        define(modules_[mod].types, d);
        collectModuleItems(sub, item.items);
        break;
      }
      case ast::ItemKind::Struct:
      case ast::ItemKind::Enum:
        d.kind = Def::Adt;
        d.id = uint32_t(adt_items_.size());
        adt_items_.push_back(&item);
        adt_modules_.push_back(mod);
        define(modules_[mod].types, d);
        if (item.kind == ast::ItemKind::Struct && (item.is_tuple_struct || item.is_unit_struct))
          define(modules_[mod].values, d);
        break;
      case ast::ItemKind::Trait:
        d.kind = Def::Trait;
        d.id = uint32_t(trait_items_.size());
        trait_items_.push_back(&item);
        trait_modules_.push_back(mod);
        define(modules_[mod].types, d);
        break;
      case ast::ItemKind::TypeAlias:
        d.kind = Def::TypeAlias;
        d.id = uint32_t(aliases_.size());
        aliases_.push_back({&item, mod});
        define(modules_[mod].types, d);
        break;
      case ast::ItemKind::Const:
      case ast::ItemKind::Static:
        d.kind = Def::Const;
        d.id = uint32_t(const_items_.size());
        const_items_.push_back(&item);
        const_modules_.push_back(mod);
        define(modules_[mod].values, d);
        break;
      case ast::ItemKind::Fn:
        // Functions get their ids when their signatures are collected; the
        // definition is patched then (see Checker::run).
        d.kind = Def::Fn;
        d.id = kNone;
        define(modules_[mod].values, d);
        break;
      case ast::ItemKind::Impl:
        impl_items_.push_back(&item);
        impl_modules_.push_back(mod);
        break;
      case ast::ItemKind::Use:
      case ast::ItemKind::Unsupported:
      case ast::ItemKind::Error:
        break;
    }
  }
}

// ------------------------------------------------------------------ lookup

bool Checker::isAncestorOrSelf(uint32_t ancestor, uint32_t mod) const {
  for (uint32_t m = mod; m != ~0u; m = modules_[m].parent)
    if (m == ancestor) return true;
  return false;
}

void Checker::reportPrivate(Span span, const char* what, const std::string& name, Span def_span) {
  Diagnostic& d = diags_.report(DK::PrivateItem, span, {what, name}).label("private " + std::string(what));
  if (def_span.valid()) d.secondary(def_span, "the " + std::string(what) + " `" + name + "` is defined here");
  d.help("make it public with `pub`");
}

const Def* Checker::lookupIn(uint32_t mod, const std::string& name, bool type_ns, int depth) {
  if (depth > 16) return nullptr;
  Module& m = modules_[mod];
  auto& ns = type_ns ? m.types : m.values;
  auto it = ns.find(name);
  if (it != ns.end()) return &it->second;
  if (!type_ns) {
    auto e = m.enum_globs.find(name);
    if (e != m.enum_globs.end()) return &e->second;
  }
  // A glob imports the names the importing module can see.
  for (uint32_t g : m.globs)
    if (const Def* d = lookupIn(g, name, type_ns, depth + 1))
      if (d->is_pub || isAncestorOrSelf(g, mod)) return d;
  // A block's scope sees the names of the module (and blocks) around it.
  if (m.block_scope && m.parent != ~0u) return lookupIn(m.parent, name, type_ns, depth + 1);
  return nullptr;
}

const Def* Checker::lookupModulePath(const std::vector<std::string>& segs, Span span, bool report) {
  (void)span;
  (void)report;
  // Only used for `use` prefixes: resolve like lookupPath on plain names.
  uint32_t mod = cur_module_;
  const Def* d = nullptr;
  static Def scratch;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& s = segs[i];
    if (i == 0 && s == "crate") { scratch = Def::module(0); d = &scratch; mod = 0; continue; }
    if (s == "self" && i == 0) { scratch = Def::module(mod); d = &scratch; continue; }
    if (s == "super") {
      if (modules_[mod].parent == ~0u) return nullptr;
      mod = modules_[mod].parent;
      scratch = Def::module(mod);
      d = &scratch;
      continue;
    }
    if (d && d->kind != Def::Mod) return nullptr;
    const Def* next = lookupIn(mod, s, true);
    if (!next && i == 0) {
      if (s == "gpu") { scratch = Def::module(gpu_module_); next = &scratch; }
      else if (s == "core" || s == "std") { scratch = Def::module(core_module_); next = &scratch; }
    }
    if (!next) return nullptr;
    d = next;
    if (d->kind == Def::Mod) mod = d->id;
  }
  return d;
}

const Def* Checker::lookupPath(const ast::Path& path, bool type_ns, bool report, size_t* consumed) {
  static Def scratch[4];
  static int which = 0;
  auto tmp = [&](Def d) {
    which = (which + 1) % 4;
    scratch[which] = d;
    return &scratch[which];
  };
  uint32_t mod = cur_module_;
  const Def* d = nullptr;
  size_t n = path.segments.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string& s = path.segments[i].ident.name;
    bool last = i + 1 == n;
    if (i == 0 && (s == "crate" || path.global)) {
      if (path.global && s != "crate") {
        // `::gpu::x`: extern crates only.
        if (s == "gpu") { d = tmp(Def::module(gpu_module_)); mod = gpu_module_; continue; }
        if (s == "core" || s == "std") { d = tmp(Def::module(core_module_)); mod = core_module_; continue; }
        return nullptr;
      }
      d = tmp(Def::module(0));
      mod = 0;
      continue;
    }
    if (s == "self" && i == 0) { d = tmp(Def::module(mod)); continue; }
    if (s == "super" && (i == 0 || (d && d->kind == Def::Mod))) {
      if (modules_[mod].parent == ~0u) {
        if (report)
          diags_.report(DK::UnresolvedValue, path.segments[i].ident.span, {"super"})
              .label("there are too many leading `super` keywords");
        return nullptr;
      }
      mod = modules_[mod].parent;
      d = tmp(Def::module(mod));
      continue;
    }
    if (d && d->kind != Def::Mod) {
      // Type-relative: `E::Variant`, `Type::assoc`.
      if (d->kind == Def::Adt) {
        AdtId id = d->id;
        const ast::Item* item = adt_items_[id];
        if (item->kind == ast::ItemKind::Enum) {
          for (uint32_t v = 0; v < item->variants.size(); ++v)
            if (item->variants[v].name.name == s) {
              d = tmp(Def{Def::Variant, id, v, item->variants[v].name.span});
              goto next_segment;
            }
        }
      }
      if (consumed) *consumed = i;
      return d;
    }
    {
      const Def* next = lookupIn(mod, s, last ? type_ns : true);
      if (!next && !last && !type_ns) next = lookupIn(mod, s, false);
      // Through a path (`a::b::x`), `x` must be visible from here.
      if (next && i > 0 && !next->is_pub && !isAncestorOrSelf(mod, cur_module_) &&
          reported_private_.insert(path.segments[i].ident.span.begin).second)
        reportPrivate(path.segments[i].ident.span, next->kind == Def::Mod ? "module" : "item", s, next->span);
      if (!next && i == 0) {
        if (s == "gpu") next = tmp(Def::module(gpu_module_));
        else if (s == "core" || s == "std") next = tmp(Def::module(core_module_));
        else if (!last || type_ns) {
          if (tc_->primitiveByName(s)) {
            Def p{Def::Prim, 0, 0, {}, true};
            next = tmp(p);
          }
        }
      }
      if (!next) {
        if (consumed) *consumed = i;
        return nullptr;
      }
      d = next;
      if (d->kind == Def::Mod) mod = d->id;
    }
  next_segment:;
  }
  if (consumed) *consumed = n;
  return d;
}

// ------------------------------------------------------------------ use

bool Checker::processUse(uint32_t mod, const ast::UseTree& tree,
                         std::vector<const ast::PathSegment*> prefix, bool report, bool is_pub) {
  for (const auto& s : tree.prefix.segments) prefix.push_back(&s);
  auto joined = [&]() {
    std::string out;
    for (size_t i = 0; i < prefix.size(); ++i) out += (i ? "::" : "") + prefix[i]->ident.name;
    return out;
  };
  if (tree.kind == ast::UseTreeKind::Nested) {
    bool ok = true;
    for (const auto& c : tree.children) ok &= processUse(mod, c, prefix, report, is_pub);
    return ok;
  }
  uint32_t saved = cur_module_;
  cur_module_ = mod;
  std::vector<std::string> names;
  for (auto* s : prefix) names.push_back(s->ident.name);
  bool ok = true;
  if (tree.kind == ast::UseTreeKind::Glob) {
    const Def* d = lookupModulePath(names, tree.span, report);
    if (d && d->kind == Def::Mod) {
      auto& g = modules_[mod].globs;
      if (std::find(g.begin(), g.end(), d->id) == g.end() && d->id != mod) g.push_back(d->id);
    } else if (d && d->kind == Def::Adt && adt_items_[d->id]->kind == ast::ItemKind::Enum) {
      const ast::Item* e = adt_items_[d->id];
      for (uint32_t v = 0; v < e->variants.size(); ++v)
        modules_[mod].enum_globs[e->variants[v].name.name] =
            Def{Def::Variant, d->id, v, e->variants[v].name.span};
    } else {
      ok = false;
      if (report)
        diags_.report(DK::UnresolvedImport, tree.span, {joined() + "::*"})
            .label(d ? "not a module or enum" : "could not find `" + joined() + "`");
    }
    cur_module_ = saved;
    return ok;
  }
  // Simple: `a::b::c [as d]`; `a::b::{self}` imports `b`.
  std::string last = names.empty() ? "" : names.back();
  if (last == "self" && names.size() >= 2) {
    names.pop_back();
    last = names.back();
  }
  std::string bind = tree.rename.name.empty() ? last : tree.rename.name;
  std::vector<std::string> parent(names.begin(), names.end() - (names.empty() ? 0 : 1));
  const Def* type_def = nullptr;
  const Def* value_def = nullptr;
  if (parent.empty()) {
    if (last == "gpu" || last == "core" || last == "std") {
      static Def m;
      m = Def::module(last == "gpu" ? gpu_module_ : core_module_);
      type_def = &m;
    } else {
      // `use util::{self}` / `use util;` with `util` a module of this one.
      type_def = lookupIn(mod, last, true);
    }
  } else {
    const Def* pd = lookupModulePath(parent, tree.span, report);
    if (pd && pd->kind == Def::Mod) {
      type_def = lookupIn(pd->id, last, true);
      value_def = lookupIn(pd->id, last, false);
      bool visible = isAncestorOrSelf(pd->id, mod);
      if (!visible && ((type_def && !type_def->is_pub) || (value_def && !value_def->is_pub) ) &&
          !((type_def && type_def->is_pub) || (value_def && value_def->is_pub)))
        reportPrivate(tree.span, "item", last, type_def ? type_def->span : value_def->span);
    } else if (pd && pd->kind == Def::Adt && adt_items_[pd->id]->kind == ast::ItemKind::Enum) {
      const ast::Item* e = adt_items_[pd->id];
      for (uint32_t v = 0; v < e->variants.size(); ++v)
        if (e->variants[v].name.name == last) {
          static Def vd;
          vd = Def{Def::Variant, pd->id, v, e->variants[v].name.span};
          value_def = &vd;
        }
    }
  }
  if (!type_def && !value_def) {
    if (report) {
      std::string root = names.empty() ? "" : names[0];
      if (root == "std" || root == "core" || root == "alloc")
        unsupported(tree.span, "the import `" + joined() + "` (only `core::f32::consts`/`core::f64::consts` and primitives' constants are available on the GPU)");
      else
        diags_.report(DK::UnresolvedImport, tree.span, {joined()})
            .label("no `" + last + "` in `" + (parent.empty() ? std::string("the crate root") : parent.back()) + "`");
    }
    cur_module_ = saved;
    return false;
  }
  if (bind == "_" && type_def && type_def->kind == Def::Trait)
    anon_trait_imports_[mod].push_back(type_def->id);
  if (bind != "_") {
    Def td, vd;
    // An import is as visible as the `use` (`pub use` re-exports).
    if (type_def) { td = *type_def; td.span = tree.span; td.is_pub = is_pub; modules_[mod].types.emplace(bind, td); }
    if (value_def) { vd = *value_def; vd.span = tree.span; vd.is_pub = is_pub; modules_[mod].values.emplace(bind, vd); }
  }
  cur_module_ = saved;
  return true;
}

void Checker::resolveUses() {
  // Imports may depend on each other (`use a::*` then `use b::x` through it):
  // iterate to a fixpoint, then report what is still unresolved.
  struct Pending {
    uint32_t mod;
    const ast::Item* item;
  };
  std::vector<Pending> pending;
  for (uint32_t m = 0; m < modules_.size(); ++m)
    for (const ast::Item* it : modules_[m].items)
      if (it->kind == ast::ItemKind::Use) pending.push_back({m, it});
  for (int round = 0; round < 8 && !pending.empty(); ++round) {
    std::vector<Pending> still;
    for (auto& p : pending)
      if (!processUse(p.mod, p.item->use_tree, {}, false, p.item->is_pub)) still.push_back(p);
    if (still.size() == pending.size()) break;
    pending = std::move(still);
  }
  for (auto& p : pending) processUse(p.mod, p.item->use_tree, {}, true, p.item->is_pub);
}

// ------------------------------------------------------------------ types

std::optional<uint64_t> Checker::evalConstInt(const ast::Expr& e0) {
  const ast::Expr& e = stripParens(e0);
  switch (e.kind) {
    case ast::ExprKind::Literal:
      if (e.literal_kind == ast::LiteralKind::Int) return e.literal.int_value;
      return std::nullopt;
    case ast::ExprKind::Block:
      if (e.block && e.block->stmts.empty() && e.block->tail) return evalConstInt(*e.block->tail);
      return std::nullopt;
    case ast::ExprKind::Binary: {
      auto a = evalConstInt(*e.lhs), b = evalConstInt(*e.rhs);
      if (!a || !b) return std::nullopt;
      switch (e.binary_op) {
        case ast::BinaryOp::Add: return *a + *b;
        case ast::BinaryOp::Sub: return *a >= *b ? std::optional<uint64_t>(*a - *b) : std::nullopt;
        case ast::BinaryOp::Mul: return *a * *b;
        case ast::BinaryOp::Div: return *b ? std::optional<uint64_t>(*a / *b) : std::nullopt;
        case ast::BinaryOp::Rem: return *b ? std::optional<uint64_t>(*a % *b) : std::nullopt;
        case ast::BinaryOp::Shl: return *b < 64 ? std::optional<uint64_t>(*a << *b) : std::nullopt;
        case ast::BinaryOp::Shr: return *b < 64 ? std::optional<uint64_t>(*a >> *b) : std::nullopt;
        default: return std::nullopt;
      }
    }
    case ast::ExprKind::Cast: return evalConstInt(*e.lhs);
    case ast::ExprKind::Path: {
      const Def* d = lookupPath(e.path, false, false);
      if (d && d->kind == Def::Const) {
        const ast::Item* item = const_items_[d->id];
        if (item->value) {
          static int depth = 0;
          if (depth > 32) return std::nullopt;
          ++depth;
          uint32_t saved = cur_module_;
          cur_module_ = const_modules_[d->id];
          auto v = evalConstInt(*item->value);
          cur_module_ = saved;
          --depth;
          return v;
        }
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

ConstValue Checker::evalConstArg(const ast::Expr& e0, const Type* type) {
  (void)type;
  const ast::Expr& e = stripParens(e0);
  if (e.kind == ast::ExprKind::Path && e.path.isSingle() && cur_generics_) {
    const std::string& n = e.path.segments[0].ident.name;
    for (size_t i = cur_generics_->size(); i-- > 0;)
      if ((*cur_generics_)[i].is_const && (*cur_generics_)[i].name == n)
        return ConstValue::param(uint32_t(i));
  }
  if (e.kind == ast::ExprKind::Block && e.block && e.block->stmts.empty() && e.block->tail)
    return evalConstArg(*e.block->tail, type);
  if (auto v = evalConstInt(e)) return ConstValue::number(*v);
  if (e.kind == ast::ExprKind::Path && e.path.isSingle() && e.path.segments[0].ident.name == "_")
    return newConstVar();
  unsupported(e.span, "this expression as an array length or const generic argument")
      .note("use an integer literal, a `const` item, a const generic parameter, or arithmetic on them");
  return ConstValue::number(0);
}

const Type* Checker::adtTypeFromArgs(AdtId id, const ast::PathSegment& seg, Span span) {
  fillAdt(id);
  const AdtDef& adt = prog_.adts[id];
  std::vector<const Type*> args;
  std::vector<ConstValue> consts;
  size_t given = seg.has_generic_args ? seg.generic_args.size() : 0;
  if (given != 0 && given != adt.generics.size()) {
    diags_.report(DK::GenericArgCount, span,
                  {adt.name, std::to_string(adt.generics.size()), std::to_string(given)})
        .label("expected " + std::to_string(adt.generics.size()) + " generic argument" +
               (adt.generics.size() == 1 ? "" : "s"));
    return tc_->error();
  }
  for (size_t i = 0; i < adt.generics.size(); ++i) {
    const GenericParam& gp = adt.generics[i];
    if (gp.is_const) {
      args.push_back(nullptr);
      if (given) {
        const ast::Type& a = *seg.generic_args[i];
        if (a.kind == ast::TypeKind::ConstArg) consts.push_back(evalConstArg(*a.len, gp.const_type));
        else if (a.kind == ast::TypeKind::Path && a.path.isSingle()) {
          ast::Expr pe;
          pe.kind = ast::ExprKind::Path;
          pe.span = a.span;
          pe.path.segments.push_back(ast::PathSegment::named(a.path.segments[0].ident));
          pe.path.span = a.span;
          consts.push_back(evalConstArg(pe, gp.const_type));
        } else {
          consts.push_back(newConstVar());
        }
      } else {
        consts.push_back(newConstVar());
      }
    } else {
      consts.push_back(ConstValue::number(0));
      args.push_back(given ? resolveType(*seg.generic_args[i]) : newVar());
    }
  }
  // Keep only the type arguments in elements() and const arguments in constArgs().
  std::vector<const Type*> types;
  std::vector<ConstValue> cs;
  for (size_t i = 0; i < adt.generics.size(); ++i) {
    if (adt.generics[i].is_const) cs.push_back(consts[i]);
    else types.push_back(args[i]);
  }
  return tc_->adt(id, std::move(types), std::move(cs));
}

const Type* Checker::resolveTypePath(const ast::Type& t) {
  const ast::Path& p = t.path;
  std::string name = p.toString();
  // `Self::Output` in an operator impl.
  if (cur_impl_output_ && p.segments.size() == 2 && p.segments[0].ident.name == "Self" &&
      p.segments[1].ident.name == "Output")
    return cur_impl_output_;
  if (p.segments.size() == 1 && !p.global) {
    const auto& seg = p.segments[0];
    const std::string& n = seg.ident.name;
    if (cur_generics_) {
      for (size_t i = cur_generics_->size(); i-- > 0;) {
        const GenericParam& gp = (*cur_generics_)[i];
        if (gp.name == n && !gp.is_const) return tc_->param(uint32_t(i));
      }
    }
    if (n == "Self") {
      if (cur_self_) return cur_self_;
      diags_.report(DK::UnresolvedType, t.span, {"Self"})
          .label("`Self` is only available in impls, traits, and type definitions");
      return tc_->error();
    }
    if (!seg.has_generic_args)
      if (const Type* prim = tc_->primitiveByName(n)) return prim;
    if (n == "i128" || n == "u128") {
      unsupported(t.span, "128-bit integers");
      return tc_->error();
    }
    if (n == "char" || n == "str") {
      unsupported(t.span, "the `" + n + "` type");
      return tc_->error();
    }
  }
  const Def* d = lookupPath(p, true, false);
  if (!d) {
    std::string last = p.segments.empty() ? "" : p.segments.back().ident.name;
    if (isStdTypeName(last)) {
      unsupported(t.span, "the heap type `" + last + "`")
          .note("GPU kernels have no heap: use slices (`&[T]`, `&mut [T]`), arrays `[T; N]` and structs");
      return tc_->error();
    }
    diags_.report(DK::UnresolvedType, t.span, {name}).label("not found in this scope");
    return tc_->error();
  }
  switch (d->kind) {
    case Def::Adt: return adtTypeFromArgs(d->id, p.segments.back(), t.span);
    case Def::TypeAlias: {
      TypeAliasDef& a = aliases_[d->id];
      if (!a.resolved) {
        if (a.resolving) {
          diags_.report(DK::RecursiveType, a.item->name.span, {a.item->name.name})
              .label("the type alias refers to itself");
          return tc_->error();
        }
        a.resolving = true;
        uint32_t saved = cur_module_;
        auto* saved_generics = cur_generics_;
        cur_module_ = a.module;
        cur_generics_ = nullptr;
        if (!a.item->generics.empty()) unsupported(a.item->generics.span, "generic type aliases");
        a.resolved = a.item->type ? resolveType(*a.item->type) : tc_->error();
        cur_module_ = saved;
        cur_generics_ = saved_generics;
        a.resolving = false;
      }
      return a.resolved;
    }
    case Def::Prim: return tc_->primitiveByName(p.segments.back().ident.name);
    case Def::Trait:
      diags_.report(DK::ExpectedTypeFoundTrait, t.span, {name})
          .label("not a type")
          .note("trait objects (`dyn Trait`) are not supported in GPU kernels: use a generic "
                "parameter `T: " + name + "` instead");
      return tc_->error();
    default:
      diags_.report(DK::UnresolvedType, t.span, {name}).label("not a type");
      return tc_->error();
  }
}

const Type* Checker::resolveType(const ast::Type& t) {
  switch (t.kind) {
    case ast::TypeKind::Path: return resolveTypePath(t);
    case ast::TypeKind::Ref: {
      if (t.elem->kind == ast::TypeKind::Slice) {
        const Type* elem = resolveType(*t.elem->elem);
        if (elem->isError()) return elem;
        // A generic element (`&[T]`) is checked at each instantiation.
        if (!elem->isScalar() && !elem->isParam()) {
          unsupported(t.span, "slices of `" + typeName(elem) + "`")
              .note("kernel slices hold scalars (bool, integers, floats)");
          return tc_->error();
        }
        return tc_->slice(elem, t.is_mut);
      }
      if (t.elem->kind == ast::TypeKind::Path && t.elem->path.toString() == "str") {
        unsupported(t.span, "the `str` type");
        return tc_->error();
      }
      const Type* elem = resolveType(*t.elem);
      if (elem->isError()) return elem;
      if (elem->isRef() || elem->isSlice()) {
        unsupported(t.span, "references to references").help("pass the reference itself: `&T`");
        return tc_->error();
      }
      return tc_->ref(elem, t.is_mut);
    }
    case ast::TypeKind::Slice:
      unsupported(t.span, "unsized slice types (use `&[T]` or `&mut [T]`)");
      return tc_->error();
    case ast::TypeKind::Array: {
      const Type* elem = resolveType(*t.elem);
      ConstValue len = t.len ? evalConstArg(*t.len, tc_->usize()) : ConstValue::number(0);
      if (elem->isError()) return elem;
      return tc_->array(elem, len);
    }
    case ast::TypeKind::Tuple: {
      std::vector<const Type*> elems;
      for (const auto& e : t.elems) {
        const Type* et = resolveType(*e);
        if (et->isError()) return et;
        elems.push_back(et);
      }
      return tc_->tuple(std::move(elems));
    }
    case ast::TypeKind::Ptr:
      unsupported(t.span, "raw pointers");
      return tc_->error();
    case ast::TypeKind::Never:
      return tc_->never();
    case ast::TypeKind::Infer:
      if (fn_) return newVar();
      unsupported(t.span, "`_` in item signatures");
      return tc_->error();
    case ast::TypeKind::TraitObject:
      unsupported(t.span, std::string(t.is_impl ? "`impl Trait` types" : "trait objects (`dyn Trait`)"))
          .note("GPU kernels use static dispatch only: use a generic parameter with a trait bound");
      return tc_->error();
    case ast::TypeKind::ConstArg:
      unsupported(t.span, "a const argument in this position");
      return tc_->error();
    case ast::TypeKind::Error:
      return tc_->error();
  }
  return tc_->error();
}

void Checker::checkPlainAttribute(const ast::Attribute& a) {
  static const char* known[] = {"allow", "warn", "deny", "forbid", "doc", "derive",
                                "repr", "must_use", "cold", "inline", "kernel", "path",
                                "rustfmt", "expect", "track_caller"};
  std::string name = a.path.toString();
  if (!a.path.segments.empty()) name = a.path.segments[0].ident.name;
  for (const char* k : known)
    if (name == k) return;
  diags_.report(DK::UnknownAttribute, a.path.span, {a.path.toString()});
}

}  // namespace hematite::check
