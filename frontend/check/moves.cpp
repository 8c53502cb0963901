// Use after move (rustc's E0382). Rust moves values whose type is not `Copy`
// (structs and enums without `#[derive(Clone, Copy)]`, and aggregates holding
// them); using such a local again after it was moved is an error. Hematite
// copies every value, so this check exists only to accept exactly the programs
// rustc accepts.
//
// A forward dataflow over the checked body's structured control flow: the
// state is the set of possibly-moved locals; branches are walked from the same
// state and joined; loops iterate to a fixpoint; diverging paths (return,
// break, continue, panics) drop out of joins.
#include <functional>

#include "frontend/check/checker_impl.h"

namespace hematite::check {

namespace {

struct MoveState {
  bool reachable = true;
  // Moved places: a local and a field path (-1 for an array element), as Rust
  // tracks partial moves: moving `p.a` leaves `p.b` usable, but not `p`.
  using Place = std::pair<LocalId, std::vector<int>>;
  std::map<Place, Span> moved;
  // `let x;` locals: possibly not yet assigned / possibly already assigned.
  std::set<LocalId> maybe_uninit;
  std::map<LocalId, Span> maybe_assigned;
  void join(const MoveState& o) {
    if (!o.reachable) return;
    if (!reachable) {
      *this = o;
      return;
    }
    for (auto& [l, s] : o.moved) moved.emplace(l, s);
    maybe_uninit.insert(o.maybe_uninit.begin(), o.maybe_uninit.end());
    for (auto& [l, s] : o.maybe_assigned) maybe_assigned.emplace(l, s);
  }
  bool operator==(const MoveState& o) const {
    if (reachable != o.reachable || moved.size() != o.moved.size() ||
        maybe_uninit != o.maybe_uninit || maybe_assigned.size() != o.maybe_assigned.size())
      return false;
    for (auto& [l, s] : moved)
      if (!o.moved.count(l)) return false;
    for (auto& [l, s] : maybe_assigned)
      if (!o.maybe_assigned.count(l)) return false;
    return true;
  }
};

class MoveChecker {
 public:
  MoveChecker(const CheckedProgram& prog, const Function& fn, DiagnosticEngine& diags)
      : prog_(prog), fn_(fn), diags_(diags) {}

  void run() {
    if (!fn_.body) return;
    MoveState s;
    walk(*fn_.body, s, false);
  }

 private:
  bool isCopy(const Type* t) const {
    switch (t->kind()) {
      case TypeKind::Adt: {
        const AdtDef& a = prog_.adts[t->adt()];
        return a.is_copy;
      }
      case TypeKind::Array: return isCopy(t->element());
      case TypeKind::Tuple:
        for (const Type* e : t->elements())
          if (!isCopy(e)) return false;
        return true;
      case TypeKind::Param: {
        // A type parameter is moved unless it is bounded by `Copy`.
        uint32_t i = t->paramIndex();
        if (i >= fn_.generics.size()) return true;
        const auto& bb = fn_.generics[i].builtin_bounds;
        return std::find(bb.begin(), bb.end(), "Copy") != bb.end();
      }
      default:
        // Scalars, slices and references (passing a `&mut` reborrows it), errors.
        return true;
    }
  }

  // Two places overlap when one path is a prefix of the other.
  static bool overlaps(const std::vector<int>& a, const std::vector<int>& b) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i)
      if (a[i] != b[i] && a[i] != -1 && b[i] != -1) return false;
    return true;
  }
  // The local and field path of a place expression, if it is rooted at a local.
  static bool placePath(const Expr& e, LocalId& local, std::vector<int>& path) {
    const Expr* x = &e;
    std::vector<int> rev;
    while (x->kind == ExprKind::Field || (x->kind == ExprKind::Index && !x->operands[0]->type->isSlice())) {
      rev.push_back(x->kind == ExprKind::Field ? int(x->field_index) : -1);
      x = x->operands[0].get();
    }
    if (x->kind != ExprKind::LocalRef) return false;
    local = x->local;
    path.assign(rev.rbegin(), rev.rend());
    return true;
  }

  void usePlace(LocalId local, const std::vector<int>& path, Span span, MoveState& s) {
    if (!s.reachable) return;
    for (auto& [p, where] : s.moved) {
      if (p.first != local || !overlaps(p.second, path)) continue;
      if (reported_.insert(span.begin).second)
        diags_.report(DK::UseAfterMove, span, {fn_.locals[local].name})
            .label(p.second.size() > path.size() ? "value used here after partial move" : "value used here after move")
            .secondary(where, "value moved here")
            .note("the moved value has a type that does not implement `Copy`")
            .help("derive `Clone` and `Copy` for the type (`#[derive(Clone, Copy)]`), or pass a reference");
      return;
    }
  }

  void use(const Expr& e, MoveState& s) {
    if (s.reachable && s.maybe_uninit.count(e.local) && reported_.insert(e.span.begin).second)
      diags_.report(DK::UseOfUninitialized, e.span, {fn_.locals[e.local].name})
          .label("`" + fn_.locals[e.local].name + "` used here but it is possibly-uninitialized")
          .secondary(fn_.locals[e.local].span, "binding declared here but left uninitialized")
          .help("assign a value on every path before the use, or initialize it: `let " +
                fn_.locals[e.local].name + " = ...;`");
    usePlace(e.local, {}, e.span, s);
  }

  // `place`: the expression is used as a place (field access, borrow,
  // assignment target), not moved.
  void walk(const Expr& e, MoveState& s, bool place) {
    switch (e.kind) {
      case ExprKind::LocalRef:
        use(e, s);
        if (!place && !isCopy(e.type) && s.reachable) s.moved[{e.local, {}}] = e.span;
        return;
      case ExprKind::Field:
      case ExprKind::Index: {
        LocalId local;
        std::vector<int> path;
        if (!placePath(e, local, path)) {
          for (const auto& o : e.operands) walk(*o, s, false);
          return;
        }
        // Index expressions inside the path are evaluated (and may use locals).
        for (const Expr* x = &e; x->kind == ExprKind::Field || x->kind == ExprKind::Index;
             x = x->operands[0].get())
          if (x->kind == ExprKind::Index)
            for (size_t i = 1; i < x->operands.size(); ++i) walk(*x->operands[i], s, false);
        if (s.maybe_uninit.count(local) && s.reachable && reported_.insert(e.span.begin).second)
          diags_.report(DK::UseOfUninitialized, e.span, {fn_.locals[local].name})
              .label("`" + fn_.locals[local].name + "` used here but it is possibly-uninitialized");
        usePlace(local, path, e.span, s);
        // Moving an array element out is not allowed in Rust (E0508): treat it
        // as moving the whole array.
        if (!place && !isCopy(e.type) && s.reachable) {
          std::vector<int> moved_path;
          for (int k : path) {
            if (k == -1) break;
            moved_path.push_back(k);
          }
          s.moved[{local, moved_path}] = e.span;
        }
        return;
      }
      case ExprKind::AddrOf:
      case ExprKind::Deref:
        walk(*e.operands[0], s, true);
        return;
      case ExprKind::Assign: {
        walk(*e.operands[1], s, false);
        const Expr& target = *e.operands[0];
        if (target.kind == ExprKind::LocalRef) {
          LocalId l = target.local;
          for (auto it = s.moved.begin(); it != s.moved.end();)  // reinitialized
            it = it->first.first == l ? s.moved.erase(it) : std::next(it);
          if (deferred_.count(l)) {
            const Local& local = fn_.locals[l];
            auto prev = s.maybe_assigned.find(l);
            if (!local.is_mutable && prev != s.maybe_assigned.end() && s.reachable &&
                reported_.insert(target.span.begin).second)
              diags_.report(DK::AssignToImmutable, target.span, {local.name})
                  .label("cannot assign twice to immutable variable")
                  .secondary(prev->second, "first assignment to `" + local.name + "`")
                  .suggest("consider making this binding mutable", local.span, "mut " + local.name);
            s.maybe_uninit.erase(l);
            if (s.reachable) s.maybe_assigned[l] = target.span;
          }
        } else {
          LocalId local;
          std::vector<int> path;
          if (placePath(target, local, path) && !path.empty() &&
              std::find(path.begin(), path.end(), -1) == path.end()) {
            // `p.a = v` reinitializes p.a (and everything inside it).
            for (auto it = s.moved.begin(); it != s.moved.end();) {
              const auto& mp = it->first.second;
              bool inside = it->first.first == local && mp.size() >= path.size() &&
                            std::equal(path.begin(), path.end(), mp.begin());
              it = inside ? s.moved.erase(it) : std::next(it);
            }
            // A whole-value move still makes the assignment an error (rustc's
            // E0382 "assign to part of moved value").
            usePlace(local, {}, target.span, s);
          } else {
            walk(target, s, true);
          }
        }
        return;
      }
      case ExprKind::CompoundAssign:
        walk(*e.operands[1], s, false);
        walk(*e.operands[0], s, true);
        return;
      case ExprKind::Block: {
        for (const auto& st : e.block->stmts) {
          if (st.init) {
            // Destructuring a place (`let P { x, .. } = p;`) moves only the
            // non-Copy parts it binds; binding Copy fields leaves `p` usable.
            bool destructures = st.pattern && st.pattern->kind != PatternKind::Binding &&
                                st.pattern->kind != PatternKind::Wildcard;
            LocalId root;
            std::vector<int> path;
            if (destructures && placePath(*st.init, root, path)) {
              walk(*st.init, s, true);
              if (bindsNonCopy(*st.pattern) && s.reachable) s.moved[{root, path}] = st.init->span;
            } else {
              walk(*st.init, s, false);
            }
          }
          if (st.expr) walk(*st.expr, s, false);
          if (st.kind == StmtKind::Let && st.pattern) clearBindings(*st.pattern, s);
          if (st.kind == StmtKind::Let && !st.init && st.pattern && st.pattern->kind == PatternKind::Binding) {
            deferred_.insert(st.pattern->local);
            s.maybe_uninit.insert(st.pattern->local);
            s.maybe_assigned.erase(st.pattern->local);
          }
        }
        if (e.block->tail) walk(*e.block->tail, s, place);
        if (e.type->isNever()) s.reachable = false;
        return;
      }
      case ExprKind::If: {
        walk(*e.operands[0], s, false);
        MoveState t = s;
        walk(*e.operands[1], t, false);
        MoveState f = s;
        if (e.operands.size() > 2) walk(*e.operands[2], f, false);
        t.join(f);
        s = t;
        if (!t.reachable) s.reachable = false;
        return;
      }
      case ExprKind::Binary:
        if (e.binary_op == BinaryOp::And || e.binary_op == BinaryOp::Or) {
          walk(*e.operands[0], s, false);
          MoveState rhs = s;
          walk(*e.operands[1], rhs, false);
          s.join(rhs);
          return;
        }
        break;
      case ExprKind::Match: {
        walk(*e.operands[0], s, true);
        MoveState out;
        out.reachable = false;
        for (const auto& arm : e.arms) {
          MoveState a = s;
          if (arm.pattern) clearBindings(*arm.pattern, a);
          if (arm.guard) walk(*arm.guard, a, false);
          walk(*arm.body, a, false);
          out.join(a);
        }
        s = out;
        return;
      }
      case ExprKind::While:
      case ExprKind::Loop:
      case ExprKind::For: {
        loops_.push_back({e.loop_id, {}, {}});
        loops_.back().breaks.reachable = false;
        loops_.back().continues.reachable = false;
        size_t body_index = e.operands.size() - 1;
        for (size_t i = 0; i < body_index && e.kind == ExprKind::For; ++i) walk(*e.operands[i], s, false);
        MoveState head = s;
        MoveState after_cond;
        for (int iter = 0; iter < 4; ++iter) {
          MoveState body = head;
          if (e.kind == ExprKind::While) walk(*e.operands[0], body, false);
          after_cond = body;
          walk(*e.operands[body_index], body, false);
          body.join(loops_.back().continues);
          MoveState next = s;
          next.join(body);
          if (next == head) break;
          head = next;
        }
        MoveState exit = loops_.back().breaks;
        if (e.kind != ExprKind::Loop) exit.join(e.kind == ExprKind::While ? after_cond : head);
        loops_.pop_back();
        s = exit;
        return;
      }
      case ExprKind::Break:
        for (const auto& o : e.operands) walk(*o, s, false);
        for (auto& l : loops_)
          if (l.id == e.loop_id) l.breaks.join(s);
        s.reachable = false;
        return;
      case ExprKind::Continue:
        for (auto& l : loops_)
          if (l.id == e.loop_id) l.continues.join(s);
        s.reachable = false;
        return;
      case ExprKind::Return:
      case ExprKind::Panic:
        for (const auto& o : e.operands) walk(*o, s, false);
        s.reachable = false;
        return;
      default:
        break;
    }
    for (const auto& o : e.operands)
      if (o) walk(*o, s, false);
    if (e.type && e.type->isNever()) s.reachable = false;
  }

  bool bindsNonCopy(const Pattern& p) const {
    if (p.kind == PatternKind::Binding && p.type && !isCopy(p.type)) return true;
    for (const auto& e : p.elems)
      if (e && bindsNonCopy(*e)) return true;
    return false;
  }

  void clearBindings(const Pattern& p, MoveState& s) {
    if (p.kind == PatternKind::Binding)
      for (auto it = s.moved.begin(); it != s.moved.end();)
        it = it->first.first == p.local ? s.moved.erase(it) : std::next(it);
    for (const auto& e : p.elems)
      if (e) clearBindings(*e, s);
  }

  struct LoopState {
    LoopId id;
    MoveState breaks, continues;
  };
  const CheckedProgram& prog_;
  const Function& fn_;
  DiagnosticEngine& diags_;
  std::vector<LoopState> loops_;
  std::set<uint32_t> reported_;
  std::set<LocalId> deferred_;  // `let x;` without an initializer
};

}  // namespace

void Checker::checkMoves(const Function& fn) { MoveChecker(prog_, fn, diags_).run(); }

}  // namespace hematite::check
