// Live mutable borrows (rustc's E0499 and E0503), the non-lexical way: a
// `let r = &mut x;` (or `&mut x[..]`, `&mut x.f`) keeps `x` mutably borrowed
// until the last use of `r`; borrowing `x` again, or using `x` directly,
// before that is an error. Two `&mut` arguments of one call are checked in
// finishCall. Positions are the order of evaluation in the checked body;
// loops are not iterated (a use in a later iteration is not seen).
#include <functional>

#include "frontend/check/checker_impl.h"

namespace hematite::check {

namespace {

class BorrowChecker {
 public:
  BorrowChecker(const Function& fn, DiagnosticEngine& diags) : fn_(fn), diags_(diags) {}

  void run() {
    if (!fn_.body) return;
    pos_ = 0;
    collect(*fn_.body);
    pos_ = 0;
    check(*fn_.body);
  }

 private:
  // The local a place expression is rooted at, or null.
  static const Expr* root(const Expr* x) {
    while (x->kind == ExprKind::Field || x->kind == ExprKind::Index || x->kind == ExprKind::SliceRange) {
      if (x->kind == ExprKind::Index && x->operands[0]->type->isSlice()) break;
      x = x->operands[0].get();
    }
    return x->kind == ExprKind::LocalRef ? x : nullptr;
  }
  // `&mut place` or `&mut s[a..b]`: the borrowed root local.
  static const Expr* mutBorrow(const Expr* x) {
    if (x->kind == ExprKind::Block && x->block && x->block->stmts.empty() && x->block->tail)
      x = x->block->tail.get();
    if (x->kind == ExprKind::AddrOf && x->is_mut) return root(x->operands[0].get());
    if (x->kind == ExprKind::SliceRange && x->type->isSlice() && x->type->isMutable())
      return root(x->operands[0].get());
    return nullptr;
  }

  template <typename F>
  void children(const Expr& e, F&& f) {
    for (const auto& o : e.operands)
      if (o) f(*o);
    for (const auto& a : e.arms) {
      if (a.guard) f(*a.guard);
      if (a.body) f(*a.body);
    }
  }

  void collect(const Expr& e) {
    if (e.kind == ExprKind::LocalRef) last_use_[e.local] = pos_++;
    if (e.block) {
      for (const auto& s : e.block->stmts) {
        if (s.init) collect(*s.init);
        if (s.expr) collect(*s.expr);
      }
      if (e.block->tail) collect(*e.block->tail);
    }
    children(e, [&](const Expr& c) { collect(c); });
  }

  struct Loan {
    LocalId holder, root;
    Span span;
  };

  const Loan* liveLoan(LocalId r, uint32_t at, LocalId except) {
    for (const Loan& l : loans_) {
      if (l.root != r || l.holder == except) continue;
      auto it = last_use_.find(l.holder);
      if (it != last_use_.end() && it->second > at) return &l;
    }
    return nullptr;
  }

  void check(const Expr& e) {
    if (e.kind == ExprKind::LocalRef) {
      uint32_t at = pos_++;
      if (const Loan* l = liveLoan(e.local, at, kNone))
        if (reported_.insert(e.span.begin).second)
          diags_.report(DK::UseWhileBorrowed, e.span, {fn_.locals[e.local].name})
              .label("use of borrowed `" + fn_.locals[e.local].name + "`")
              .secondary(l->span, "`" + fn_.locals[e.local].name + "` is borrowed here")
              .note("the borrow is used later, through `" + fn_.locals[l->holder].name + "`");
      return;
    }
    if (const Expr* r = mutBorrow(&e)) {
      if (const Loan* l = liveLoan(r->local, pos_, kNone)) {
        if (reported_.insert(e.span.begin).second)
          diags_.report(DK::DoubleMutableBorrow, e.span, {fn_.locals[r->local].name})
              .label("second mutable borrow occurs here")
              .secondary(l->span, "first mutable borrow occurs here")
              .note("the first borrow is used later, through `" + fn_.locals[l->holder].name + "`");
        // Only one report per site: skip the operand's own use check.
        pos_++;
        return;
      }
    }
    if (e.block) {
      for (const auto& s : e.block->stmts) {
        if (s.init) {
          check(*s.init);
          if (s.kind == StmtKind::Let && s.pattern && s.pattern->kind == PatternKind::Binding)
            if (const Expr* r = mutBorrow(s.init.get())) loans_.push_back({s.pattern->local, r->local, s.init->span});
        }
        if (s.expr) check(*s.expr);
      }
      if (e.block->tail) check(*e.block->tail);
    }
    children(e, [&](const Expr& c) { check(c); });
  }

  const Function& fn_;
  DiagnosticEngine& diags_;
  uint32_t pos_ = 0;
  std::map<LocalId, uint32_t> last_use_;
  std::vector<Loan> loans_;
  std::set<uint32_t> reported_;
};

}  // namespace

void Checker::checkBorrows(const Function& fn) { BorrowChecker(fn, diags_).run(); }

}  // namespace hematite::check
