#include "frontend/check/checker.h"

#include <map>
#include <set>

namespace hematite::check {

// ------------------------------------------------------------------ intrinsics
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
};
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
  if (i == Intrinsic::SyncThreads) return 0;
  return unsigned(i) % 3;
}

const char* exprKindName(ExprKind k) {
  switch (k) {
    case ExprKind::IntLiteral: return "IntLiteral";
    case ExprKind::FloatLiteral: return "FloatLiteral";
    case ExprKind::BoolLiteral: return "BoolLiteral";
    case ExprKind::UnitLiteral: return "UnitLiteral";
    case ExprKind::LocalRef: return "LocalRef";
    case ExprKind::Call: return "Call";
    case ExprKind::IntrinsicCall: return "IntrinsicCall";
    case ExprKind::SliceLen: return "SliceLen";
    case ExprKind::Index: return "Index";
    case ExprKind::Unary: return "Unary";
    case ExprKind::Binary: return "Binary";
    case ExprKind::Cast: return "Cast";
    case ExprKind::Assign: return "Assign";
    case ExprKind::CompoundAssign: return "CompoundAssign";
    case ExprKind::Block: return "Block";
    case ExprKind::If: return "If";
    case ExprKind::While: return "While";
    case ExprKind::Loop: return "Loop";
    case ExprKind::For: return "For";
    case ExprKind::Break: return "Break";
    case ExprKind::Continue: return "Continue";
    case ExprKind::Return: return "Return";
  }
  return "?";
}

namespace {

using DK = DiagnosticKind;

const Type* intrinsicReturnType(TypeContext& tc, Intrinsic i) {
  switch (i) {
    case Intrinsic::GlobalIdxX: case Intrinsic::GlobalIdxY: case Intrinsic::GlobalIdxZ:
      return tc.usize();
    case Intrinsic::SyncThreads:
      return tc.unit();
    default:
      return tc.get(TypeKind::U32);
  }
}

bool isStdTypeName(const std::string& n) {
  static const char* names[] = {"Vec", "Box", "String", "Option", "Result", "Rc", "Arc",
                                "HashMap", "HashSet", "Cell", "RefCell", "BTreeMap"};
  for (const char* s : names)
    if (n == s) return true;
  return false;
}

class Checker {
 public:
  Checker(const ast::Crate& crate, DiagnosticEngine& diags) : crate_(crate), diags_(diags) {
    prog_.file = crate.file;
    prog_.types = std::make_unique<TypeContext>();
    tc_ = prog_.types.get();
  }

  CheckedProgram run() {
    for (const auto& a : crate_.inner_attrs) checkPlainAttribute(a);
    // Pass 1: imports and signatures (items are usable before their declaration).
    for (const auto& item : crate_.items) collectItem(*item);
    // Pass 2: bodies.
    for (auto& fn : prog_.functions) checkFunctionBody(fn);
    return std::move(prog_);
  }

 private:
  // ------------------------------------------------------------ diagnostics
  Diagnostic& unsupported(Span span, const std::string& what) {
    return diags_.report(DK::Unsupported, span, {what}).label(what + " not supported");
  }
  static std::string describeForMismatch(const Type* t) {
    if (t->kind() == TypeKind::IntVar) return "integer";
    if (t->kind() == TypeKind::FloatVar) return "floating-point number";
    return "`" + t->toString() + "`";
  }
  Diagnostic& mismatch(Span span, const Type* expected, const Type* found) {
    return diags_.report(DK::MismatchedTypes, span, {})
        .label("expected " + describeForMismatch(resolve(expected)) + ", found " +
               describeForMismatch(resolve(found)));
  }

  // ------------------------------------------------------------ inference
  struct Var {
    uint32_t parent;
    const Type* bound;  // concrete type, or null
    bool is_float;
  };
  std::vector<Var> vars_;

  const Type* newIntVar() {
    uint32_t id = uint32_t(vars_.size());
    vars_.push_back({id, nullptr, false});
    return tc_->intVar(id);
  }
  const Type* newFloatVar() {
    uint32_t id = uint32_t(vars_.size());
    vars_.push_back({id, nullptr, true});
    return tc_->floatVar(id);
  }
  uint32_t findRoot(uint32_t v) {
    while (vars_[v].parent != v) v = vars_[v].parent = vars_[vars_[v].parent].parent;
    return v;
  }
  const Type* resolve(const Type* t) {
    if (!t) return t;
    if (!t->isVar()) return t;
    uint32_t r = findRoot(t->varId());
    if (vars_[r].bound) return vars_[r].bound;
    return vars_[r].is_float ? tc_->floatVar(r) : tc_->intVar(r);
  }
  // Makes a and b equal, binding variables. No coercions.
  bool unify(const Type* a, const Type* b) {
    a = resolve(a);
    b = resolve(b);
    if (a == b) return true;
    if (a->isError() || b->isError()) return true;
    if (b->isVar() && !a->isVar()) std::swap(a, b);
    if (a->isVar()) {
      uint32_t ra = findRoot(a->varId());
      bool af = vars_[ra].is_float;
      if (b->isVar()) {
        uint32_t rb = findRoot(b->varId());
        if (vars_[rb].is_float != af) return false;
        vars_[ra].parent = rb;
        return true;
      }
      if (af ? b->isFloat() : b->isInteger()) {
        vars_[ra].bound = b;
        return true;
      }
      return false;
    }
    if (a->isSlice() && b->isSlice())
      return a->isMutable() == b->isMutable() && unify(a->element(), b->element());
    return false;
  }
  // Can a value of type `from` be used where `to` is expected?
  bool coerce(const Type* from, const Type* to) {
    from = resolve(from);
    to = resolve(to);
    if (from->isNever() || from->isError() || to->isError()) return true;
    if (from->isSlice() && to->isSlice() && from->isMutable() && !to->isMutable())
      return unify(from->element(), to->element());
    return unify(from, to);
  }
  // Reports a mismatch at `e` if it cannot be used as `expected`.
  bool demand(const Expr& e, const Type* expected) {
    if (coerce(e.type, expected)) return true;
    mismatch(e.span, expected, e.type);
    return false;
  }
  const Type* finalType(const Type* t) {
    t = resolve(t);
    if (t->kind() == TypeKind::IntVar) {
      vars_[findRoot(t->varId())].bound = tc_->get(TypeKind::I32);
      return tc_->get(TypeKind::I32);
    }
    if (t->kind() == TypeKind::FloatVar) {
      vars_[findRoot(t->varId())].bound = tc_->get(TypeKind::F64);
      return tc_->get(TypeKind::F64);
    }
    return t;
  }

  // ------------------------------------------------------------ items
  void checkPlainAttribute(const ast::Attribute& a) {
    static const char* known[] = {"allow", "warn", "deny", "forbid", "doc", "derive",
                                  "repr", "must_use", "cold", "inline", "kernel"};
    std::string name = a.path.toString();
    for (const char* k : known)
      if (name == k) return;
    diags_.report(DK::UnknownAttribute, a.path.span, {name});
  }

  void collectItem(const ast::Item& item) {
    switch (item.kind) {
      case ast::ItemKind::Use:
        for (const auto& a : item.attrs) checkPlainAttribute(a);
        processUse(item.use_tree, {});
        break;
      case ast::ItemKind::Fn:
        collectFunction(item);
        break;
      case ast::ItemKind::Struct:
        checkNoKernelAttr(item);
        struct_names_.insert(item.name.name);
        unsupported(item.name.span.valid() ? item.name.span : item.span, "structs");
        break;
      case ast::ItemKind::Const:
        checkNoKernelAttr(item);
        unsupported(item.name.span.valid() ? item.name.span : item.span, "`const` items");
        break;
      case ast::ItemKind::Static:
        checkNoKernelAttr(item);
        unsupported(item.name.span.valid() ? item.name.span : item.span, "`static` items");
        break;
      case ast::ItemKind::Unsupported:
        unsupported(item.name.span.valid() ? item.name.span : item.span, item.construct);
        break;
      case ast::ItemKind::Error:
        break;
    }
  }

  void checkNoKernelAttr(const ast::Item& item) {
    for (const auto& a : item.attrs) {
      if (a.path.toString() == "kernel")
        diags_.report(DK::MalformedKernelAttribute, a.span,
                      {"`#[kernel]` can only be applied to functions"});
      else
        checkPlainAttribute(a);
    }
  }

  void processUse(const ast::UseTree& tree, std::vector<std::string> prefix) {
    for (const auto& s : tree.prefix.segments) prefix.push_back(s.ident.name);
    auto joined = [&]() {
      std::string out;
      for (size_t i = 0; i < prefix.size(); ++i) out += (i ? "::" : "") + prefix[i];
      return out;
    };
    std::string root = prefix.empty() ? "" : prefix[0];
    if (tree.kind == ast::UseTreeKind::Nested) {
      for (const auto& c : tree.children) processUse(c, prefix);
      return;
    }
    if (root == "std" || root == "core" || root == "alloc") {
      unsupported(tree.span, "imports from `" + root + "`");
      return;
    }
    if (root != "gpu") {
      diags_.report(DK::UnresolvedImport, tree.span, {joined()})
          .label(root.empty() ? "no such path" : "use of undeclared crate or module `" + root + "`");
      return;
    }
    if (tree.kind == ast::UseTreeKind::Glob) {
      if (prefix.size() == 1) glob_gpu_ = true;
      else
        diags_.report(DK::UnresolvedImport, tree.span, {joined() + "::*"})
            .label("no module `" + prefix[1] + "` in `gpu`");
      return;
    }
    // Simple
    if (prefix.size() == 1) return;  // `use gpu;`
    auto intr = prefix.size() == 2 ? intrinsicByName(prefix[1]) : std::nullopt;
    if (!intr) {
      diags_.report(DK::UnresolvedImport, tree.span, {joined()})
          .label("no `" + prefix.back() + "` in `gpu`");
      return;
    }
    std::string name = tree.rename.name.empty() ? prefix[1] : tree.rename.name;
    if (name != "_") imported_[name] = *intr;
  }

  const Type* resolveType(const ast::Type& t) {
    switch (t.kind) {
      case ast::TypeKind::Path: {
        const ast::Path& p = t.path;
        std::string name = p.toString();
        if (p.segments.size() == 1 && !p.global) {
          const auto& seg = p.segments[0];
          if (!seg.has_generic_args)
            if (const Type* prim = tc_->primitiveByName(name)) return prim;
          if (name == "i128" || name == "u128") {
            unsupported(t.span, "128-bit integers");
            return tc_->error();
          }
          if (name == "char" || name == "str") {
            unsupported(t.span, "the `" + name + "` type");
            return tc_->error();
          }
          if (name == "Self") {
            unsupported(t.span, "`Self`");
            return tc_->error();
          }
          if (isStdTypeName(name)) {
            unsupported(t.span, "the `" + name + "` type");
            return tc_->error();
          }
          if (struct_names_.count(name)) return tc_->error();  // already reported
          if (seg.has_generic_args) {
            unsupported(t.span, "generic types");
            return tc_->error();
          }
        }
        diags_.report(DK::UnresolvedType, t.span, {name}).label("not found in this scope");
        return tc_->error();
      }
      case ast::TypeKind::Ref: {
        if (t.elem->kind != ast::TypeKind::Slice) {
          if (t.elem->kind == ast::TypeKind::Path && t.elem->path.toString() == "str") {
            unsupported(t.span, "the `str` type");
            return tc_->error();
          }
          unsupported(t.span, "references other than slices (`&T`)");
          return tc_->error();
        }
        const Type* elem = resolveType(*t.elem->elem);
        if (elem->isError()) return elem;
        if (!elem->isScalar()) {
          unsupported(t.span, "slices of `" + elem->toString() + "`");
          return tc_->error();
        }
        return tc_->slice(elem, t.is_mut);
      }
      case ast::TypeKind::Slice:
        unsupported(t.span, "unsized slice types (use `&[T]` or `&mut [T]`)");
        return tc_->error();
      case ast::TypeKind::Array:
        unsupported(t.span, "arrays");
        return tc_->error();
      case ast::TypeKind::Tuple:
        if (t.elems.empty()) return tc_->unit();
        unsupported(t.span, "tuples");
        return tc_->error();
      case ast::TypeKind::Ptr:
        unsupported(t.span, "raw pointers");
        return tc_->error();
      case ast::TypeKind::Never:
        unsupported(t.span, "the never type `!`");
        return tc_->error();
      case ast::TypeKind::Infer:
        unsupported(t.span, "`_` in this position");
        return tc_->error();
      case ast::TypeKind::Error:
        return tc_->error();
    }
    return tc_->error();
  }

  void collectFunction(const ast::Item& item) {
    Function fn;
    fn.id = FunctionId(prog_.functions.size());
    fn.name = item.name.name;
    fn.span = item.span;
    fn.name_span = item.name.span;
    fn.is_public = item.is_pub;
    fn.decl = &item;
    fn_ = &fn;
    bool ok = true;

    for (const auto& a : item.attrs) {
      std::string name = a.path.toString();
      if (name == "kernel") {
        fn.is_kernel = true;
        if (a.value) {
          diags_.report(DK::MalformedKernelAttribute, a.span,
                        {"expected `#[kernel]` or `#[kernel(max_threads = N)]`"});
        }
        for (const auto& arg : a.args) {
          std::string key = arg.path.toString();
          if (key != "max_threads") {
            diags_.report(DK::MalformedKernelAttribute, arg.span,
                          {key.empty() ? "expected `max_threads = N`"
                                       : "unknown argument `" + key + "`"})
                .label("expected `max_threads = N`");
            continue;
          }
          const ast::Expr* v = arg.value.get();
          if (!v || v->kind != ast::ExprKind::Literal ||
              v->literal_kind != ast::LiteralKind::Int || v->literal.int_value == 0 ||
              v->literal.int_value > 0xFFFFFFFFull) {
            diags_.report(DK::MalformedKernelAttribute, arg.span,
                          {"`max_threads` must be a positive integer literal"})
                .label("expected `max_threads = N`");
            continue;
          }
          fn.max_threads = uint32_t(v->literal.int_value);
        }
      } else if (name == "inline") {
        fn.inline_hint = true;
      } else {
        checkPlainAttribute(a);
      }
    }

    if (item.has_generics) {
      unsupported(item.generics_span, "generic functions");
      ok = false;
    }
    if (item.is_const) unsupported(item.name.span, "`const fn`");
    if (item.is_unsafe) unsupported(item.name.span, "`unsafe fn`");
    if (item.is_extern) unsupported(item.name.span, "`extern` functions");
    if (item.is_async) unsupported(item.name.span, "`async fn`");

    std::set<std::string> param_names;
    for (const auto& p : item.params) {
      if (p.is_self) {
        unsupported(p.span, "methods (`self` parameters)");
        ok = false;
        continue;
      }
      const Type* ty = p.type ? resolveType(*p.type) : tc_->error();
      Local local;
      local.id = LocalId(fn.locals.size());
      local.type = ty;
      local.is_param = true;
      local.span = p.pattern ? p.pattern->span : p.span;
      if (p.pattern && p.pattern->kind == ast::PatternKind::Ident && !p.pattern->is_ref &&
          p.pattern->elems.empty()) {
        local.name = p.pattern->name.name;
        local.is_mutable = p.pattern->is_mut;
        local.span = p.pattern->name.span;
        if (!param_names.insert(local.name).second)
          diags_.report(DK::DuplicateDefinition, p.pattern->name.span, {local.name})
              .label("used as parameter more than once");
      } else if (p.pattern && p.pattern->kind == ast::PatternKind::Wildcard) {
        local.name = "_";
      } else {
        if (p.pattern && p.pattern->kind != ast::PatternKind::Error)
          unsupported(p.pattern->span, "this pattern in function parameters");
        local.name = "_";
      }
      if (fn.is_kernel && !ty->isError() && !ty->isScalar() && !ty->isSlice()) {
        diags_.report(DK::KernelParamType, p.type ? p.type->span : p.span,
                      {local.name, ty->toString()})
            .note("kernel parameters must be scalars (bool, integers, floats) or slices "
                  "(`&[T]`, `&mut [T]`)");
      }
      fn.params.push_back(local.id);
      fn.locals.push_back(std::move(local));
    }
    fn.return_type = item.ret_type ? resolveType(*item.ret_type) : tc_->unit();
    if (fn.is_kernel) {
      if (!item.is_pub) {
        diags_.report(DK::KernelNotPublic, item.name.span, {fn.name})
            .label("kernel is private")
            .suggest("make it public: `pub fn " + fn.name + "`", Span{item.span.file, item.span.begin, item.span.begin},
                     "pub ");
      }
      if (!fn.return_type->isUnit() && !fn.return_type->isError())
        diags_.report(DK::KernelReturnType, item.ret_type->span, {fn.name})
            .label("kernels cannot return a value")
            .help("write results into a `&mut [T]` parameter");
    }
    if (!item.body) {
      if (item.kind == ast::ItemKind::Fn)
        unsupported(item.name.span, "functions without a body");
      ok = false;
    }
    auto [it, inserted] = fn_names_.emplace(fn.name, fn.id);
    if (!inserted) {
      diags_.report(DK::DuplicateDefinition, item.name.span, {fn.name})
          .label("`" + fn.name + "` redefined here")
          .secondary(prog_.functions[it->second].name_span,
                     "previous definition of `" + fn.name + "` here");
    }
    fn_ok_.push_back(ok);
    fn_ = nullptr;
    prog_.functions.push_back(std::move(fn));
  }

  // ------------------------------------------------------------ bodies
  struct LoopCtx {
    LoopId id;
    std::string label;
    bool is_loop;            // `loop` (may break with a value)
    const Type* break_type;  // null: no break seen
  };

  void checkFunctionBody(Function& fn) {
    if (!fn_ok_[fn.id] || !fn.decl->body) return;
    fn_ = &fn;
    vars_.clear();
    literals_.clear();
    neg_checks_.clear();
    loops_.clear();
    next_loop_ = 0;
    graveyard_.clear();
    deferred_init_.assign(fn.locals.size(), false);
    scopes_.clear();
    scopes_.emplace_back();
    for (LocalId id : fn.params) {
      if (fn.locals[id].name != "_") scopes_.back().push_back({fn.locals[id].name, id});
    }
    ExprPtr body = checkBlockExpr(*fn.decl->body, fn.return_type, fn.decl->body->span);
    if (!coerce(body->type, fn.return_type)) {
      const ast::Block& b = *fn.decl->body;
      Span at = b.tail ? b.tail->span : (fn.decl->ret_type ? fn.decl->ret_type->span : b.span);
      Diagnostic& d = mismatch(at, fn.return_type, body->type);
      if (!b.tail && fn.decl->ret_type)
        d.label("expected `" + resolve(fn.return_type)->toString() + "`, found `()`")
            .note("implicitly returns `()` as its body has no tail or `return` expression");
    }
    scopes_.clear();
    fn.body = std::move(body);
    finalizeFunction(fn);
    fn_ = nullptr;
  }

  void finalizeFunction(Function& fn) {
    for (auto& l : fn.locals) l.type = finalType(l.type);
    finalizeExpr(*fn.body);
    for (auto& g : graveyard_) finalizeExpr(*g);
    for (auto& [e, magnitude, negated] : literals_) checkLiteralRange(*e, magnitude, negated);
    for (auto& [e, span] : neg_checks_) {
      if (e->type->isUnsignedInt())
        diags_.report(DK::UnaryOpType, span, {"-", e->type->toString()})
            .label("cannot apply unary operator `-`")
            .note("unsigned values cannot be negated");
    }
  }
  void finalizeExpr(Expr& e) {
    e.type = finalType(e.type);
    for (auto& op : e.operands)
      if (op) finalizeExpr(*op);
    if (e.block) {
      for (auto& s : e.block->stmts) {
        if (s.init) finalizeExpr(*s.init);
        if (s.expr) finalizeExpr(*s.expr);
      }
      if (e.block->tail) finalizeExpr(*e.block->tail);
    }
  }
  void checkLiteralRange(Expr& e, uint64_t magnitude, bool negated) {
    const Type* t = e.type;
    if (!t->isInteger()) return;
    unsigned w = t->bitWidth();
    bool ok;
    std::string range;
    if (t->isUnsignedInt()) {
      uint64_t max = w == 64 ? ~0ull : ((1ull << w) - 1);
      ok = negated ? true /* reported as a negation of an unsigned value */ : magnitude <= max;
      range = "0..=" + std::to_string(max);
    } else {
      uint64_t max = (1ull << (w - 1)) - 1;
      ok = negated ? magnitude <= max + 1 : magnitude <= max;
      range = "-" + std::to_string(max + 1) + "..=" + std::to_string(max);
    }
    if (!ok)
      diags_.report(DK::LiteralOutOfRange, e.span, {t->toString()})
          .note("the literal `" + std::string(negated ? "-" : "") + std::to_string(magnitude) +
                "` does not fit into the type `" + t->toString() + "` whose range is `" + range +
                "`");
  }

  LocalId declareLocal(const std::string& name, const Type* type, bool is_mut, Span span) {
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
  std::optional<LocalId> lookupLocal(const std::string& name) {
    for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s)
      for (auto it = s->rbegin(); it != s->rend(); ++it)
        if (it->first == name) return it->second;
    return std::nullopt;
  }

  ExprPtr make(ExprKind k, const Type* t, Span s) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->type = t;
    e->span = s;
    return e;
  }
  ExprPtr errorExpr(Span s) { return make(ExprKind::UnitLiteral, tc_->error(), s); }
  // Keeps a checked expression that is not part of the result alive until the
  // function is finalized (literal records point into it).
  void keep(ExprPtr e) {
    if (e) graveyard_.push_back(std::move(e));
  }


  static const ast::Expr& stripParens(const ast::Expr& e) {
    const ast::Expr* p = &e;
    while (p->kind == ast::ExprKind::Paren) p = p->lhs.get();
    return *p;
  }

  ExprPtr checkBlockExpr(const ast::Block& b, const Type* expected, Span span) {
    auto e = make(ExprKind::Block, tc_->unit(), span);
    e->block = std::make_unique<Block>();
    scopes_.emplace_back();
    bool diverges = false;
    for (const auto& s : b.stmts) {
      switch (s.kind) {
        case ast::StmtKind::Empty: break;
        case ast::StmtKind::Item:
          unsupported(s.item && s.item->name.span.valid() ? s.item->name.span : s.span,
                      "items inside function bodies");
          break;
        case ast::StmtKind::Let: {
          Stmt out;
          out.span = s.span;
          if (s.else_block) unsupported(s.span, "`let ... else`");
          {
            const ast::Pattern& p0 = *s.pattern;
            bool simple = (p0.kind == ast::PatternKind::Ident && !p0.is_ref && p0.elems.empty()) ||
                          p0.kind == ast::PatternKind::Wildcard;
            if (!simple) {
              if (p0.kind != ast::PatternKind::Error) unsupported(p0.span, "this pattern in `let`");
              if (s.init) keep(checkExpr(*s.init, nullptr));
              continue;
            }
          }
          const Type* annot = nullptr;
          if (s.type && s.type->kind != ast::TypeKind::Infer) annot = resolveType(*s.type);
          ExprPtr init;
          if (s.init) {
            init = checkExpr(*s.init, annot);
            if (annot) {
              if (!coerce(init->type, annot)) {
                mismatch(init->span, annot, init->type)
                    .secondary(s.type->span, "expected due to this");
              }
            }
            if (resolve(init->type)->isNever()) diverges = true;
          }
          const ast::Pattern& pat = *s.pattern;
          if (pat.kind == ast::PatternKind::Ident && !pat.is_ref && pat.elems.empty()) {
            const Type* ty = annot ? annot : (init ? init->type : nullptr);
            if (!ty) {
              diags_.report(DK::TypeAnnotationsNeeded, pat.name.span, {pat.name.name})
                  .help("consider giving `" + pat.name.name + "` a type: `let " + pat.name.name +
                        ": T;`");
              ty = tc_->error();
            }
            if (init && !annot && resolve(ty)->isNever()) ty = tc_->unit();
            out.kind = StmtKind::Let;
            out.local = declareLocal(pat.name.name, ty, pat.is_mut, pat.name.span);
            deferred_init_.resize(fn_->locals.size(), false);
            deferred_init_[out.local] = !init;
            out.init = std::move(init);
          } else if (pat.kind == ast::PatternKind::Wildcard) {
            out.kind = StmtKind::Expr;
            out.expr = init ? std::move(init) : make(ExprKind::UnitLiteral, tc_->unit(), s.span);
          } else {
            if (pat.kind != ast::PatternKind::Error)
              unsupported(pat.span, "this pattern in `let`");
            if (init) keep(std::move(init));
            continue;
          }
          e->block->stmts.push_back(std::move(out));
          break;
        }
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
    return e;
  }

  const LoopCtx* findLoop(const ast::Ident& label, Span span, const char* what) {
    if (loops_.empty()) {
      diags_.report(DK::BreakOutsideLoop, span, {what})
          .label(std::string("cannot `") + what + "` outside of a loop");
      return nullptr;
    }
    if (label.name.empty()) return &loops_.back();
    for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
      if (it->label == label.name) return &*it;
    diags_.report(DK::UnresolvedValue, label.span, {label.name})
        .label("undeclared label `" + label.name + "`");
    return nullptr;
  }

  // Resolves a single-segment or `gpu::` path used as a callee.
  ExprPtr checkCall(const ast::Expr& e, const Type* expected) {
    (void)expected;
    const ast::Expr& callee = stripParens(*e.lhs);
    std::optional<Intrinsic> intr;
    std::optional<FunctionId> fnid;
    if (callee.kind != ast::ExprKind::Path) {
      ExprPtr c = checkExpr(callee, nullptr);
      if (!c->type->isError())
        diags_.report(DK::NotCallable, callee.span, {"`" + resolve(c->type)->toString() + "`"})
            .label("call expression requires function");
      keep(std::move(c));
      for (const auto& a : e.args) keep(checkExpr(*a, nullptr));
      return errorExpr(e.span);
    }
    const ast::Path& p = callee.path;
    std::vector<std::string> segs;
    for (const auto& s : p.segments) segs.push_back(s.ident.name);
    bool generic = false;
    for (const auto& s : p.segments) generic |= s.has_generic_args;
    auto failArgs = [&]() {
      for (const auto& a : e.args) keep(checkExpr(*a, nullptr));
      return errorExpr(e.span);
    };
    if (generic) {
      unsupported(p.span, "generic arguments");
      return failArgs();
    }
    if (segs.size() == 1 && !p.global) {
      const std::string& n = segs[0];
      if (auto l = lookupLocal(n)) {
        diags_.report(DK::NotCallable, callee.span, {"local variable `" + n + "`"})
            .label("not a function");
        return failArgs();
      }
      auto f = fn_names_.find(n);
      if (f != fn_names_.end()) fnid = f->second;
      else if (imported_.count(n)) intr = imported_[n];
      else if (glob_gpu_ && intrinsicByName(n)) intr = intrinsicByName(n);
      else {
        Diagnostic& d = diags_.report(DK::UnresolvedFunction, callee.span, {n})
                            .label("not found in this scope");
        if (intrinsicByName(n)) d.help("consider importing it: `use gpu::" + n + ";`");
        return failArgs();
      }
    } else if (segs.size() == 2 && segs[0] == "gpu" && !p.global) {
      intr = intrinsicByName(segs[1]);
      if (!intr) {
        diags_.report(DK::UnresolvedIntrinsic, callee.span, {segs[1]})
            .label("not found in `gpu`");
        return failArgs();
      }
    } else if (segs.size() == 2 && (segs[0] == "crate" || segs[0] == "self")) {
      auto f = fn_names_.find(segs[1]);
      if (f == fn_names_.end()) {
        diags_.report(DK::UnresolvedFunction, callee.span, {p.toString()})
            .label("not found in the crate root");
        return failArgs();
      }
      fnid = f->second;
    } else if (segs.size() == 2 && (tc_->primitiveByName(segs[0]) || segs[0] == "Self")) {
      unsupported(callee.span, "the associated function `" + p.toString() + "`");
      return failArgs();
    } else {
      diags_.report(DK::UnresolvedFunction, callee.span, {p.toString()})
          .label("not found");
      return failArgs();
    }

    std::vector<const Type*> param_types;
    const Type* ret;
    std::string fname;
    if (fnid) {
      const Function& target = prog_.functions[*fnid];
      for (LocalId id : target.params) param_types.push_back(target.locals[id].type);
      ret = target.return_type;
      fname = target.name;
      if (!fn_ok_[*fnid]) {
        for (const auto& a : e.args) keep(checkExpr(*a, nullptr));
        return errorExpr(e.span);
      }
    } else {
      ret = intrinsicReturnType(*tc_, *intr);
      fname = std::string("gpu::") + intrinsicName(*intr);
    }
    auto out = make(fnid ? ExprKind::Call : ExprKind::IntrinsicCall, ret, e.span);
    if (fnid) out->callee = *fnid;
    else out->intrinsic = *intr;
    if (e.args.size() != param_types.size()) {
      auto plural = [](size_t n, const char* w) {
        return std::to_string(n) + " " + w + (n == 1 ? "" : "s");
      };
      diags_.report(DK::ArgumentCount, e.span,
                    {plural(param_types.size(), "argument"),
                     plural(e.args.size(), "argument") + (e.args.size() == 1 ? " was" : " were")})
          .label("expected " + plural(param_types.size(), "argument") + " for `" + fname + "`");
      for (const auto& a : e.args) keep(checkExpr(*a, nullptr));
      out->type = ret;
      return out;
    }
    for (size_t i = 0; i < e.args.size(); ++i) {
      ExprPtr a = checkExpr(*e.args[i], param_types[i]);
      demand(*a, param_types[i]);
      out->operands.push_back(std::move(a));
    }
    return out;
  }

  ExprPtr checkPathValue(const ast::Expr& e) {
    const ast::Path& p = e.path;
    if (p.segments.size() == 1 && !p.global && !p.segments[0].has_generic_args) {
      const std::string& n = p.segments[0].ident.name;
      if (auto l = lookupLocal(n)) {
        auto out = make(ExprKind::LocalRef, fn_->locals[*l].type, e.span);
        out->local = *l;
        return out;
      }
      if (fn_names_.count(n) || imported_.count(n) || (glob_gpu_ && intrinsicByName(n))) {
        unsupported(e.span, "functions used as values")
            .help("call it: `" + n + "()`");
        return errorExpr(e.span);
      }
      if (tc_->primitiveByName(n)) {
        diags_.report(DK::ExpectedValueFoundType, e.span, {n}).label("not a value");
        return errorExpr(e.span);
      }
      diags_.report(DK::UnresolvedValue, e.span, {n}).label("not found in this scope");
      return errorExpr(e.span);
    }
    if (p.segments.size() == 2 && !p.global) {
      const std::string& a = p.segments[0].ident.name;
      const std::string& b = p.segments[1].ident.name;
      const Type* prim = tc_->primitiveByName(a);
      if (prim && prim->isInteger() && (b == "MAX" || b == "MIN")) {
        auto out = make(ExprKind::IntLiteral, prim, e.span);
        unsigned w = prim->bitWidth();
        if (prim->isUnsignedInt()) out->int_value = b == "MAX" ? (w == 64 ? ~0ull : (1ull << w) - 1) : 0;
        else out->int_value = b == "MAX" ? (1ull << (w - 1)) - 1 : uint64_t(-(int64_t)((1ull << (w - 1)) - 1) - 1);
        return out;
      }
      if (prim) {
        unsupported(e.span, "the associated item `" + p.toString() + "`");
        return errorExpr(e.span);
      }
      if (a == "gpu") {
        if (intrinsicByName(b)) unsupported(e.span, "functions used as values").help("call it: `" + p.toString() + "()`");
        else diags_.report(DK::UnresolvedIntrinsic, e.span, {b}).label("not found in `gpu`");
        return errorExpr(e.span);
      }
    }
    diags_.report(DK::UnresolvedValue, e.span, {p.toString()}).label("not found in this scope");
    return errorExpr(e.span);
  }

  bool opAccepts(ast::BinaryOp op, const Type* t) {
    t = resolve(t);
    if (t->isError() || t->isNever()) return true;
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
  const Type* checkBinaryOperands(ast::BinaryOp op, Expr& lhs, Expr& rhs, Span op_span) {
    const Type* lt = resolve(lhs.type);
    if (op == ast::BinaryOp::And || op == ast::BinaryOp::Or) {
      demand(lhs, tc_->boolean());
      demand(rhs, tc_->boolean());
      return tc_->boolean();
    }
    if (!opAccepts(op, lt)) {
      diags_.report(DK::BinaryOpType, op_span, {ast::binaryOpSpelling(op), lt->toString()})
          .label("`" + lt->toString() + "` does not support `" + ast::binaryOpSpelling(op) + "`");
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

  ExprPtr checkAssignTarget(const ast::Expr& target, bool compound) {
    (void)compound;
    ExprPtr place = checkExpr(target, nullptr);
    if (place->type->isError()) return place;
    if (place->kind == ExprKind::LocalRef) {
      const Local& l = fn_->locals[place->local];
      bool deferred = place->local < deferred_init_.size() && deferred_init_[place->local] && !compound;
      if (!l.is_mutable && !deferred) {
        diags_.report(DK::AssignToImmutable, target.span, {l.name})
            .label("cannot assign twice to immutable variable")
            .secondary(l.span, l.is_param ? "this is an immutable parameter" : "first assignment to `" + l.name + "`")
            .suggest("consider making this binding mutable: `mut " + l.name + "`", l.span,
                     "mut " + l.name);
      }
      return place;
    }
    if (place->kind == ExprKind::Index) {
      const Type* st = resolve(place->operands[0]->type);
      if (st->isSlice() && !st->isMutable()) {
        std::string what = place->operands[0]->kind == ExprKind::LocalRef
                               ? fn_->locals[place->operands[0]->local].name + "[_]"
                               : "data";
        Diagnostic& d = diags_.report(DK::AssignThroughSharedRef, target.span, {what})
                            .label("cannot assign through a `&` slice");
        if (place->operands[0]->kind == ExprKind::LocalRef) {
          const Local& l = fn_->locals[place->operands[0]->local];
          d.secondary(l.span, "`" + l.name + "` is a `" + st->toString() + "`")
              .help("consider changing this to be a mutable slice: `&mut [" +
                    st->element()->toString() + "]`");
        } else {
          d.help("consider changing this to be a mutable slice: `&mut [" +
                 st->element()->toString() + "]`");
        }
      }
      return place;
    }
    diags_.report(DK::InvalidAssignTarget, target.span, {})
        .label("cannot assign to this expression");
    place->type = tc_->error();
    return place;
  }

  ExprPtr checkExpr(const ast::Expr& e, const Type* expected) {
    switch (e.kind) {
      case ast::ExprKind::Literal: return checkLiteral(e, expected, false);
      case ast::ExprKind::Path: return checkPathValue(e);
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
        ExprPtr rhs = checkExpr(*e.rhs, rhs_hint);
        Span op_span = Span{e.span.file, lhs->span.end, rhs->span.begin};
        if (op_span.begin >= op_span.end) op_span = e.span;
        // Narrow the operator span to the operator itself (skip spaces).
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
        ExprPtr value = checkExpr(*e.rhs, shift ? nullptr : place->type);
        if (!place->type->isError() && !value->type->isError())
          checkBinaryOperands(e.binary_op, *place, *value, e.span);
        auto out = make(ExprKind::CompoundAssign, tc_->unit(), e.span);
        out->binary_op = e.binary_op;
        out->operands.push_back(std::move(place));
        out->operands.push_back(std::move(value));
        return out;
      }
      case ast::ExprKind::Cast: return checkCast(e);
      case ast::ExprKind::Call: return checkCall(e, expected);
      case ast::ExprKind::MethodCall: {
        ExprPtr recv = checkExpr(*e.lhs, nullptr);
        const Type* rt = resolve(recv->type);
        if (rt->isError()) {
          keep(std::move(recv));
          for (const auto& a : e.args) keep(checkExpr(*a, nullptr));
          return errorExpr(e.span);
        }
        if (rt->isSlice() && e.name.name == "len") {
          if (!e.args.empty()) {
            diags_.report(DK::ArgumentCount, e.span,
                          {"0 arguments", std::to_string(e.args.size()) +
                                              (e.args.size() == 1 ? " argument was" : " arguments were")})
                .label("expected 0 arguments for `len`");
          }
          auto out = make(ExprKind::SliceLen, tc_->usize(), e.span);
          out->operands.push_back(std::move(recv));
          return out;
        }
        keep(std::move(recv));
        for (const auto& a : e.args) keep(checkExpr(*a, nullptr));
        if (rt->isNumeric() || rt->isVar()) {
          unsupported(e.name.span, "the method `" + e.name.name + "` on `" + rt->toString() + "`");
        } else {
          diags_.report(DK::NoMethod, e.name.span, {e.name.name, rt->toString()})
              .label("method not found in `" + rt->toString() + "`");
        }
        return errorExpr(e.span);
      }
      case ast::ExprKind::Field: {
        ExprPtr base = checkExpr(*e.lhs, nullptr);
        const Type* bt = resolve(base->type);
        keep(std::move(base));
        if (!bt->isError()) {
          Diagnostic& d = diags_.report(DK::NoField, e.name.span, {e.name.name, bt->toString()})
                              .label("unknown field");
          if (bt->isSlice() && e.name.name == "len") d.help("use `.len()` to get the length of a slice");
        }
        return errorExpr(e.span);
      }
      case ast::ExprKind::Index: {
        ExprPtr base = checkExpr(*e.lhs, nullptr);
        const ast::Expr& idx_ast = stripParens(*e.rhs);
        if (idx_ast.kind == ast::ExprKind::Range) {
          unsupported(e.rhs->span, "range indexing of slices");
          keep(std::move(base));
          return errorExpr(e.span);
        }
        ExprPtr idx = checkExpr(*e.rhs, tc_->usize());
        const Type* bt = resolve(base->type);
        if (bt->isError() || !bt->isSlice()) {
          if (!bt->isError())
            diags_.report(DK::NotIndexable, e.lhs->span, {bt->toString()}).label("cannot be indexed");
          keep(std::move(base));
          keep(std::move(idx));
          return errorExpr(e.span);
        }
        if (!coerce(idx->type, tc_->usize())) {
          mismatch(idx->span, tc_->usize(), idx->type)
              .note("slice indices are of type `usize`")
              .help("convert the index with `as usize`");
        }
        auto out = make(ExprKind::Index, bt->element(), e.span);
        out->operands.push_back(std::move(base));
        out->operands.push_back(std::move(idx));
        return out;
      }
      case ast::ExprKind::Tuple:
        if (e.args.empty()) return make(ExprKind::UnitLiteral, tc_->unit(), e.span);
        unsupported(e.span, "tuples");
        return errorExpr(e.span);
      case ast::ExprKind::Array:
      case ast::ExprKind::ArrayRepeat:
        unsupported(e.span, "arrays");
        return errorExpr(e.span);
      case ast::ExprKind::Block:
        if (e.is_unsafe) {
          unsupported(e.span, "`unsafe` blocks");
          return errorExpr(e.span);
        }
        if (!e.label.name.empty()) {
          unsupported(e.span, "labeled blocks");
          return errorExpr(e.span);
        }
        return checkBlockExpr(*e.block, expected, e.span);
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
        if (e.lhs) {
          value = checkExpr(*e.lhs, l && l->break_type ? l->break_type : nullptr);
        }
        if (l) {
          out->loop_id = l->id;
          LoopCtx& ctx = const_cast<LoopCtx&>(*l);
          if (value && !ctx.is_loop) {
            unsupported(value->span, "`break` with a value from a `while` or `for` loop")
                .note("only `loop` can break with a value");
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
        if (const LoopCtx* l = findLoop(e.name, e.span, "continue")) out->loop_id = l->id;
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
        unsupported(e.span, "ranges outside `for` loops");
        return errorExpr(e.span);
      case ast::ExprKind::Match:
        unsupported(e.span, "`match` expressions");
        return errorExpr(e.span);
      case ast::ExprKind::Closure:
        unsupported(e.span, "closures");
        return errorExpr(e.span);
      case ast::ExprKind::StructLit:
        unsupported(e.span, "struct literals");
        return errorExpr(e.span);
      case ast::ExprKind::MacroCall:
        unsupported(e.span, "the macro `" + e.path.toString() + "!`");
        return errorExpr(e.span);
      case ast::ExprKind::Try:
        unsupported(e.span, "the `?` operator");
        return errorExpr(e.span);
      case ast::ExprKind::Error:
        return errorExpr(e.span);
    }
    return errorExpr(e.span);
  }

  const Type* typeForSuffix(lex::NumericSuffix s, Span span) {
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

  ExprPtr checkLiteral(const ast::Expr& e, const Type* expected, bool negated) {
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
        literals_.push_back({out.get(), e.literal.int_value, negated});
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

  ExprPtr checkUnary(const ast::Expr& e, const Type* expected) {
    switch (e.unary_op) {
      case ast::UnaryOp::Deref:
        unsupported(e.span, "dereferencing (`*`)");
        keep(checkExpr(*e.lhs, nullptr));
        return errorExpr(e.span);
      case ast::UnaryOp::Ref:
      case ast::UnaryOp::RefMut:
        if (stripParens(*e.lhs).kind == ast::ExprKind::Index &&
            stripParens(*stripParens(*e.lhs).rhs).kind == ast::ExprKind::Range) {
          keep(checkExpr(*e.lhs, nullptr));  // reports range indexing
          return errorExpr(e.span);
        }
        unsupported(e.span, e.unary_op == ast::UnaryOp::Ref ? "taking references (`&`)"
                                                            : "taking references (`&mut`)");
        keep(checkExpr(*e.lhs, nullptr));
        return errorExpr(e.span);
      case ast::UnaryOp::Neg: {
        const ast::Expr& inner = *e.lhs;
        if (inner.kind == ast::ExprKind::Literal &&
            (inner.literal_kind == ast::LiteralKind::Int || inner.literal_kind == ast::LiteralKind::Float)) {
          ExprPtr lit = checkLiteral(inner, expected, true);
          lit->span = e.span;
          const Type* t = resolve(lit->type);
          if (t->isUnsignedInt()) {
            diags_.report(DK::UnaryOpType, e.span, {"-", t->toString()})
                .label("cannot apply unary operator `-`")
                .note("unsigned values cannot be negated");
            literals_.pop_back();
          } else if (t->kind() == TypeKind::IntVar) {
            neg_checks_.push_back({lit.get(), e.span});
          }
          return lit;
        }
        ExprPtr v = checkExpr(inner, expected);
        const Type* t = resolve(v->type);
        if (!t->isError()) {
          if (t->kind() == TypeKind::IntVar) {
            // checked once the type is known
          } else if (!(t->isSignedInt() || t->isFloat() || t->kind() == TypeKind::FloatVar)) {
            diags_.report(DK::UnaryOpType, e.span, {"-", t->toString()})
                .label("cannot apply unary operator `-`");
            t = tc_->error();
          }
        }
        auto out = make(ExprKind::Unary, t, e.span);
        out->unary_op = UnaryOp::Neg;
        if (t->kind() == TypeKind::IntVar) neg_checks_.push_back({out.get(), e.span});
        out->operands.push_back(std::move(v));
        return out;
      }
      case ast::UnaryOp::Not: {
        ExprPtr v = checkExpr(*e.lhs, expected);
        const Type* t = resolve(v->type);
        if (!t->isError() && !(t->isBool() || t->isInteger() || t->kind() == TypeKind::IntVar)) {
          diags_.report(DK::UnaryOpType, e.span, {"!", t->toString()})
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

  ExprPtr checkCast(const ast::Expr& e) {
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
      bool ok = (from_num && target->isNumeric()) || (from->isBool() && target->isInteger()) ||
                (from->isBool() && target->isBool()) ||
                (from->isSlice() && target->isSlice() && coerce(from, target));
      if (!ok) {
        diags_.report(DK::InvalidCast, e.span, {from->toString(), target->toString()})
            .label("invalid cast");
        out->type = tc_->error();
      }
    }
    out->operands.push_back(std::move(v));
    return out;
  }

  ExprPtr checkIf(const ast::Expr& e, const Type* expected) {
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

  ExprPtr checkFor(const ast::Expr& e) {
    const ast::Expr& iter = stripParens(*e.lhs);
    auto out = make(ExprKind::For, tc_->unit(), e.span);
    if (iter.kind != ast::ExprKind::Range || !iter.lhs || !iter.rhs) {
      if (iter.kind == ast::ExprKind::Range) unsupported(iter.span, "open-ended ranges in `for` loops");
      else unsupported(iter.span, "iterating over anything but a range `a..b` or `a..=b`");
      return errorExpr(e.span);
    }
    ExprPtr start = checkExpr(*iter.lhs, nullptr);
    ExprPtr end = checkExpr(*iter.rhs, start->type);
    const Type* t = resolve(start->type);
    if (!coerce(end->type, start->type)) {
      mismatch(end->span, start->type, end->type);
      t = tc_->error();
    } else if (!t->isError() && !t->isInteger() && t->kind() != TypeKind::IntVar) {
      diags_.report(DK::MismatchedTypes, iter.span, {})
          .label("expected integer, found `" + t->toString() + "`")
          .note("`for` loops iterate over integer ranges");
      t = tc_->error();
    }
    out->inclusive = iter.inclusive;
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
    out->operands.push_back(std::move(body));
    return out;
  }

  const ast::Crate& crate_;
  DiagnosticEngine& diags_;
  CheckedProgram prog_;
  TypeContext* tc_ = nullptr;
  std::map<std::string, FunctionId> fn_names_;
  std::vector<bool> fn_ok_;
  std::map<std::string, Intrinsic> imported_;
  std::set<std::string> struct_names_;
  bool glob_gpu_ = false;

  Function* fn_ = nullptr;
  std::vector<std::vector<std::pair<std::string, LocalId>>> scopes_;
  std::vector<LoopCtx> loops_;
  LoopId next_loop_ = 0;
  struct LiteralRecord {
    Expr* expr;
    uint64_t magnitude;
    bool negated;
  };
  std::vector<LiteralRecord> literals_;
  std::vector<std::pair<Expr*, Span>> neg_checks_;
  std::vector<bool> deferred_init_;  // by LocalId: `let x;` without initializer
  std::vector<ExprPtr> graveyard_;
};

}  // namespace

CheckedProgram check(const ast::Crate& crate, DiagnosticEngine& diags) {
  return Checker(crate, diags).run();
}

}  // namespace hematite::check
